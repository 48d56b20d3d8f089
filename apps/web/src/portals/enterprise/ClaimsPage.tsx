// Claims under 通用 (the enterprise pays in full and is reimbursed): the enterprise's claims
// (GET /claims). Risk flags are staff-only and never shown here.
import { Alert, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { formatDate, useEnterpriseId, type Claim } from './data';

export const CLAIM_COLORS: Record<Claim['status'], string> = {
  in_review: 'processing', returned: 'warning', approved: 'success', rejected: 'error', expired: 'default', batched: 'cyan', paid: 'success', forfeited: 'error',
};

export function ClaimStatusTag({ status }: { status: Claim['status'] }) {
  const { t } = useTranslation('enterprise');
  return <Tag color={CLAIM_COLORS[status]}>{t(`claims.statuses.${status}`)}</Tag>;
}

export default function ClaimsPage() {
  const { t, i18n } = useTranslation('enterprise');
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const enterpriseId = useEnterpriseId();
  // the claims this enterprise made (a user of a provider too would otherwise see its claims here)
  const claims = useQuery({
    queryKey: ['claims', enterpriseId, page],
    enabled: !!enterpriseId,
    queryFn: () => call(api.GET('/api/v1/claims', { params: { query: { claimantId: enterpriseId, page, pageSize: 20 } } })),
  });
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('claims.title')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('claims.intro')} />
      <QueryState query={claims} isEmpty={(d) => d.items.length === 0} empty={t('claims.empty')}>
        {(d) => (
          <div className="table-wrap">
            <Table<Claim>
              rowKey="id"
              size="small"
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, onChange: (p) => setParams({ page: String(p) }) }}
              columns={[
                { title: t('claims.no'), dataIndex: 'claimNo', render: (no: string, c) => <Link to={`/enterprise/claims/${c.id}`}>{no}</Link> },
                { title: t('claims.status'), dataIndex: 'status', render: (s: Claim['status']) => <ClaimStatusTag status={s} /> },
                { title: t('claims.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
                { title: t('claims.price'), dataIndex: 'priceFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                { title: t('claims.submittedAt'), dataIndex: 'submittedAt', render: (v: string) => formatDate(v, i18n.language) },
                { title: t('claims.order'), dataIndex: 'orderId', render: (id: string) => <Link to={`/enterprise/orders/${id}`}>{t('claims.viewOrder')}</Link> },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}
