// Quotes of several requests side by side (/enterprise/orders/compare?ids=a,b,c): provider, price,
// subsidy, own share, lead time, validity and scope; accept from the order page.
import { Button, Card, Descriptions, Empty, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { OrderStatusTag } from '../../components/orders';
import { useOffering, type Order } from './data';

function ProviderName({ offeringId }: { offeringId: string }) {
  const o = useOffering(offeringId);
  return <>{o.data?.providerName ?? '—'}</>;
}

export default function ComparePage() {
  const { t } = useTranslation('enterprise');
  const { t: tOrders } = useTranslation('orders');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ids = (params.get('ids') ?? '').split(',').filter(Boolean).slice(0, 6);
  const queries = useQueries({
    queries: ids.map((id) => ({ queryKey: ['order', id], queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id } } })) })),
  });
  const loaded = queries.flatMap((q) => (q.data ? [q.data] : []));
  const cheapest = Math.min(...loaded.map((o) => o.subsidyPreview?.ownShareFen ?? o.quote?.priceFen ?? Infinity));
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('compare.title')}</Typography.Title>
      <Button onClick={() => void navigate('/enterprise/orders')} style={{ marginBottom: 12 }}>{t('compare.back')}</Button>
      {queries.map((q, i) => (q.isError ? <ProblemAlert key={ids[i]} error={q.error} /> : null))}
      {ids.length === 0 ? <Empty description={t('compare.none')} /> : null}
      <div className="compare-grid">
        {loaded.map((o: Order) => (
          <Card
            key={o.id}
            size="small"
            title={<span style={{ whiteSpace: 'normal' }}>{o.offeringTitle}</span>}
            extra={o.subsidyPreview && o.subsidyPreview.ownShareFen === cheapest && loaded.length > 1 ? <Tag color="success">{t('compare.lowest')}</Tag> : null}
            actions={[
              <Button key="open" type="primary" onClick={() => void navigate(`/enterprise/orders/${o.id}`)} aria-label={`${o.status === 'quoted' ? t('compare.review') : t('compare.open')} ${o.orderNo}`}>
                {o.status === 'quoted' ? t('compare.review') : t('compare.open')}
              </Button>,
            ]}
          >
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('compare.provider')}><ProviderName offeringId={o.offeringId} /></Descriptions.Item>
              <Descriptions.Item label={t('orders.status')}><OrderStatusTag status={o.status} /></Descriptions.Item>
              <Descriptions.Item label={tOrders('subsidy.price')}>{o.quote ? <Money fen={o.quote.priceFen} strong /> : t('orders.awaitingQuote')}</Descriptions.Item>
              <Descriptions.Item label={tOrders('subsidy.subsidy')}><Money fen={o.contract?.subsidyFen ?? o.subsidyPreview?.subsidyFen} /></Descriptions.Item>
              <Descriptions.Item label={tOrders('subsidy.ownShare')}><Money fen={o.contract ? o.contract.priceFen - o.contract.subsidyFen : o.subsidyPreview?.ownShareFen} strong /></Descriptions.Item>
              <Descriptions.Item label={t('compare.leadTime')}>{o.quote ? t('compare.days', { count: o.quote.leadTimeDays }) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compare.validUntil')}>{o.quote?.validUntil ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compare.scope')}>
                <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.quote?.scope ?? '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        ))}
      </div>
    </>
  );
}
