// The grant wallet (GET /enterprises/:id/grants): per grant the amount, available, held, redeemed
// and the expiry, with the program's name.
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { formatFen } from '../../lib/money';
import { useEnterpriseId, useGrants, useProgram, type GrantView } from './data';

function ProgramName({ id }: { id: string }) {
  const p = useProgram(id);
  return <>{p.data?.name ?? '…'}</>;
}

const GRANT_COLORS: Record<string, string> = { active: 'success', expired: 'default', lapsed: 'default', voided: 'error' };

export default function WalletPage() {
  const { t } = useTranslation('enterprise');
  const id = useEnterpriseId();
  const grants = useGrants(id);
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('wallet.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('wallet.intro')}</Typography.Paragraph>
      <QueryState query={grants} isEmpty={(d) => d.length === 0} empty={<>{t('wallet.empty')} <Link to="/enterprise/programs">{t('wallet.applyLink')}</Link></>}>
        {(list) => {
          const active = list.filter((g) => g.status === 'active');
          const sum = (f: (g: GrantView) => number, of = list) => of.reduce((s, g) => s + f(g), 0);
          return (
            <>
              <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('wallet.available')} value={formatFen(sum((g) => g.availableFen, active))} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('wallet.held')} value={formatFen(sum((g) => g.heldFen))} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('wallet.redeemed')} value={formatFen(sum((g) => g.redeemedFen))} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('wallet.granted')} value={formatFen(sum((g) => g.amountFen))} /></Card></Col>
              </Row>
              <div className="table-wrap">
                <Table<GrantView>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  dataSource={list}
                  columns={[
                    { title: t('wallet.program'), key: 'program', render: (_: unknown, g) => <ProgramName id={g.programId} /> },
                    { title: t('wallet.status'), dataIndex: 'status', render: (s: string) => <Tag color={GRANT_COLORS[s] ?? 'default'}>{t(`wallet.statuses.${s}`, { defaultValue: s })}</Tag> },
                    { title: t('wallet.granted'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                    { title: t('wallet.available'), dataIndex: 'availableFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
                    { title: t('wallet.held'), dataIndex: 'heldFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                    { title: t('wallet.redeemed'), dataIndex: 'redeemedFen', align: 'right', render: (v: number) => <Money fen={v} /> },
                    { title: t('wallet.expires'), dataIndex: 'expiresOn', render: (v: string) => t('wallet.expiresValue', { date: v }) },
                  ]}
                />
              </div>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('wallet.legend')}</Typography.Paragraph>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
