// The enterprise's orders (GET /orders?as=buyer), filtered by status; select quoted orders to
// compare their quotes side by side.
import { useState } from 'react';
import { Button, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { OrderStatusTag, formatDateTime } from '../../components/orders';
import { useBuyerOrders, type Order } from './data';

const STATUSES: Order['status'][] = ['requested', 'quoted', 'contracted', 'paid', 'in_progress', 'delivered', 'completed', 'disputed', 'declined', 'refunded', 'cancelled'];

export default function OrdersPage() {
  const { t, i18n } = useTranslation('enterprise');
  const { t: tOrders } = useTranslation('orders');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') as Order['status'] | null) ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const orders = useBuyerOrders(status, page, 20);
  const [selected, setSelected] = useState<string[]>([]);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('orders.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<string>
          allowClear
          placeholder={t('orders.allStatuses')}
          aria-label={t('orders.statusFilter')}
          style={{ minWidth: 180 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={STATUSES.map((s) => ({ value: s, label: tOrders(`status.${s}`) }))}
        />
        <Button disabled={selected.length < 2} onClick={() => void navigate(`/enterprise/orders/compare?ids=${selected.join(',')}`)}>
          {t('orders.compare', { count: selected.length })}
        </Button>
        <Button type="primary" onClick={() => void navigate('/')}>{t('orders.newRequest')}</Button>
      </Space>
      <Typography.Paragraph type="secondary">{t('orders.compareHint')}</Typography.Paragraph>
      <QueryState query={orders} isEmpty={(d) => d.items.length === 0} empty={t('orders.empty')}>
        {(d) => (
          <div className="table-wrap">
            <Table<Order>
              rowKey="id"
              size="small"
              scroll={{ x: 'max-content' }}
              dataSource={d.items}
              rowSelection={{
                selectedRowKeys: selected,
                hideSelectAll: true,
                onChange: (keys) => setSelected(keys.map(String)),
                getCheckboxProps: (o) => ({ disabled: !o.quote, 'aria-label': t('orders.selectForCompare', { no: o.orderNo }) }),
              }}
              pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showSizeChanger: false, onChange: (p) => set('page', String(p)) }}
              columns={[
                { title: t('orders.no'), dataIndex: 'orderNo', render: (no: string, o) => <Link to={`/enterprise/orders/${o.id}`}>{no}</Link> },
                { title: t('orders.service'), dataIndex: 'offeringTitle' },
                { title: t('orders.status'), dataIndex: 'status', render: (s: Order['status']) => <OrderStatusTag status={s} /> },
                { title: t('orders.price'), key: 'price', align: 'right', render: (_: unknown, o) => (o.contract || o.quote ? <Money fen={o.contract?.priceFen ?? o.quote?.priceFen} /> : t('orders.awaitingQuote')) },
                { title: t('orders.subsidy'), key: 'subsidy', align: 'right', render: (_: unknown, o) => <Money fen={o.contract?.subsidyFen ?? o.subsidyPreview?.subsidyFen} /> },
                { title: t('orders.created'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, i18n.language) },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}
