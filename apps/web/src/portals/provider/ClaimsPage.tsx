import { Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { formatDate, useProviderId, type Claim } from './reference';

export const CLAIM_STATUSES: Claim['status'][] = ['in_review', 'returned', 'approved', 'rejected', 'expired', 'batched', 'paid', 'forfeited'];
const COLORS: Record<Claim['status'], string> = { in_review: 'blue', returned: 'gold', approved: 'green', rejected: 'red', expired: 'default', batched: 'cyan', paid: 'green', forfeited: 'red' };

export function ClaimStatusTag({ status }: { status: Claim['status'] }) {
  const { t } = useTranslation('provider');
  return <Tag color={COLORS[status]}>{t(`claimStatus.${status}`)}</Tag>;
}

/** The provider's subsidy claims (通兑): status, amounts, what waits for a revision. */
export function ClaimsPage() {
  const { t, i18n } = useTranslation('provider');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as Claim['status'] | null) ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const providerId = useProviderId();
  const claims = useQuery({
    queryKey: ['claims', 'mine', providerId, status ?? 'all', page],
    enabled: !!providerId,
    queryFn: () => call(api.GET('/api/v1/claims', { params: { query: { claimantId: providerId, status, page, pageSize: 20 } } })),
  });
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('claims.title')}</Typography.Title>
        <Select<string>
          aria-label={t('claims.filter')}
          style={{ width: 160 }}
          value={status ?? ''}
          onChange={(v) => set({ status: v || undefined, page: undefined })}
          options={[{ value: '', label: t('orders.all') }, ...CLAIM_STATUSES.map((s) => ({ value: s, label: t(`claimStatus.${s}`) }))]}
        />
      </Space>
      <Typography.Paragraph type="secondary">{t('claims.intro')}</Typography.Paragraph>
      <QueryState query={claims} isEmpty={(d) => d.total === 0} empty={t('claims.empty')}>
        {(d) => (
          <Table<Claim>
            rowKey="id"
            dataSource={d.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
            columns={[
              { title: t('fields.claimNo'), key: 'no', render: (_v, c) => <Link to={`/provider/claims/${c.id}`}>{c.claimNo}</Link> },
              { title: t('fields.status'), key: 'status', render: (_v, c) => <ClaimStatusTag status={c.status} /> },
              { title: t('fields.claimAmount'), key: 'amount', render: (_v, c) => <Money fen={c.amountFen} /> },
              { title: t('fields.invoiceNumber'), key: 'invoice', render: (_v, c) => c.invoice.number },
              { title: t('fields.submittedAt'), key: 'submitted', render: (_v, c) => formatDate(c.submittedAt, i18n.language) },
              { title: t('fields.decisionReason'), key: 'reason', render: (_v, c) => c.decisionReason ?? '—' },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
