import { Select, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { OrderStatusTag, type OrderStatus } from '../../components/orders';
import { formatDateTime, type Order } from './reference';

const STATUSES: OrderStatus[] = ['requested', 'quoted', 'contracted', 'paid', 'in_progress', 'delivered', 'completed', 'disputed', 'declined', 'refunded', 'cancelled'];

/** The price an order carries: the contract's, else the quote's. */
export function orderPriceFen(o: Order): number | null {
  return o.contract?.priceFen ?? o.quote?.priceFen ?? null;
}

/** Incoming requests and the provider's orders (GET /orders?as=seller), filtered by status in the URL. */
export function OrdersPage() {
  const { t, i18n } = useTranslation('provider');
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as OrderStatus | null) ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const orders = useQuery({
    queryKey: ['orders', 'seller', status ?? 'all', page],
    queryFn: () => call(api.GET('/api/v1/orders', { params: { query: { as: 'seller', status, page, pageSize: 20 } } })),
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
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('orders.title')}</Typography.Title>
        <Select<string>
          aria-label={t('orders.filter')}
          style={{ width: 180 }}
          value={status ?? ''}
          onChange={(v) => set({ status: v || undefined, page: undefined })}
          options={[{ value: '', label: t('orders.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`orders:status.${s}`) }))]}
        />
      </Space>
      <QueryState query={orders} isEmpty={(d) => d.total === 0} empty={status ? t('orders.emptyFiltered') : t('orders.empty')}>
        {(d) => (
          <Table<Order>
            rowKey="id"
            dataSource={d.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) }}
            columns={[
              { title: t('fields.orderNo'), key: 'no', render: (_v, o) => <Link to={`/provider/orders/${o.id}`}>{o.orderNo}</Link> },
              { title: t('fields.offering'), key: 'offering', render: (_v, o) => o.offeringTitle },
              { title: t('fields.status'), key: 'status', render: (_v, o) => <OrderStatusTag status={o.status} /> },
              {
                title: t('fields.requirements'),
                key: 'req',
                render: (_v, o) => (
                  <Typography.Text ellipsis={{ tooltip: o.requirements }} style={{ maxWidth: 240 }}>
                    {o.requirements}
                  </Typography.Text>
                ),
              },
              { title: t('fields.price'), key: 'price', render: (_v, o) => (orderPriceFen(o) !== null ? <Money fen={orderPriceFen(o)} /> : '—') },
              { title: t('fields.quantity'), key: 'qty', render: (_v, o) => o.quantity },
              { title: t('fields.createdAt'), key: 'created', render: (_v, o) => formatDateTime(o.createdAt, i18n.language) },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
