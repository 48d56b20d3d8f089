import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatDate, nameOf, useCategories, useProvider, useProviderId, type Offering } from './reference';

const OFFERING_COLORS: Record<Offering['status'], string> = { draft: 'default', pending_review: 'blue', published: 'green', suspended: 'orange', withdrawn: 'default' };

export function OfferingStatusTag({ offering }: { offering: Pick<Offering, 'status' | 'pendingRevision'> }) {
  const { t } = useTranslation('provider');
  return (
    <Space size={4} wrap>
      <Tag color={OFFERING_COLORS[offering.status]}>{t(`offeringStatus.${offering.status}`)}</Tag>
      {offering.pendingRevision ? <Tag color="gold">{t('offerings.revisionPending')}</Tag> : null}
    </Space>
  );
}

/** fixed: ¥1,000.00; per unit: ¥260.00 / 样品; quote: ¥500.00 – ¥5,000.00. */
export function PriceText({ pricing }: { pricing: Schemas['PricingViewDto'] }) {
  const { t } = useTranslation('provider');
  if (pricing.kind === 'quote')
    return (
      <span>
        {t('pricing.quotePrefix')} <Money fen={pricing.minFen} /> – <Money fen={pricing.maxFen} />
      </span>
    );
  if (pricing.kind === 'per_unit')
    return (
      <span>
        <Money fen={pricing.priceFen} /> / {pricing.unitName}
      </span>
    );
  return <Money fen={pricing.priceFen} />;
}

/** The provider's offerings: status, the pending revision, submit and withdraw, a new draft. */
export function OfferingsPage() {
  const { t, i18n } = useTranslation('provider');
  const id = useProviderId();
  const provider = useProvider(id);
  const categories = useCategories();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['provider', id, 'offerings', page],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/providers/{id}/offerings', { params: { path: { id: id! }, query: { page, pageSize: 20 } } })),
  });
  const act = useMutation({
    mutationFn: ({ offering, action }: { offering: Offering; action: 'submit' | 'withdraw' }) =>
      action === 'submit'
        ? call(api.POST('/api/v1/offerings/{id}/submit', { params: { path: { id: offering.id } } }))
        : call(api.POST('/api/v1/offerings/{id}/withdraw', { params: { path: { id: offering.id } } })),
    onSuccess: (_o, v) => {
      void message.success(t(v.action === 'submit' ? 'offerings.submitted' : 'offerings.withdrawn'));
      void qc.invalidateQueries({ queryKey: ['provider', id, 'offerings'] });
    },
  });
  const admitted = provider.data?.admissionStatus === 'admitted';
  const lang = i18n.language;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('offerings.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} disabled={!admitted} onClick={() => void navigate('/provider/offerings/new')}>
          {t('offerings.new')}
        </Button>
      </Space>
      {provider.data && !admitted ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('offerings.notAdmitted')} /> : null}
      {act.isError ? <ProblemAlert error={act.error} /> : null}
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t('offerings.empty')}>
        {(d) => (
          <Table<Offering>
            rowKey="id"
            dataSource={d.items}
            scroll={{ x: 'max-content' }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage, showSizeChanger: false }}
            columns={[
              { title: t('fields.title'), key: 'title', render: (_v, o) => <Link to={`/provider/offerings/${o.id}`}>{o.title}</Link> },
              { title: t('fields.category'), key: 'category', render: (_v, o) => nameOf(categories.data, 'id', o.categoryId) },
              { title: t('fields.price'), key: 'price', render: (_v, o) => <PriceText pricing={o.pricing} /> },
              { title: t('fields.status'), key: 'status', render: (_v, o) => <OfferingStatusTag offering={o} /> },
              { title: t('fields.updatedAt'), key: 'updatedAt', render: (_v, o) => formatDate(o.updatedAt, lang) },
              {
                title: t('fields.actions'),
                key: 'actions',
                render: (_v, o) => (
                  <Space size={4} wrap>
                    <Button size="small" onClick={() => void navigate(`/provider/offerings/${o.id}`)}>{t('common:actions.view')}</Button>
                    {o.status === 'draft' ? (
                      <Button size="small" type="primary" loading={act.isPending && act.variables?.offering.id === o.id} onClick={() => act.mutate({ offering: o, action: 'submit' })}>
                        {t('offerings.submit')}
                      </Button>
                    ) : null}
                    {o.status === 'draft' || o.status === 'published' || o.status === 'suspended' ? (
                      <Button
                        size="small"
                        danger
                        onClick={() =>
                          modal.confirm({
                            title: t('offerings.withdrawConfirm', { title: o.title }),
                            content: t('offerings.withdrawExplain'),
                            okText: t('offerings.withdraw'),
                            cancelText: t('common:actions.cancel'),
                            okButtonProps: { danger: true },
                            rootClassName: 'provider-portal',
                            onOk: () => act.mutateAsync({ offering: o, action: 'withdraw' }),
                          })
                        }
                      >
                        {t('offerings.withdraw')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
