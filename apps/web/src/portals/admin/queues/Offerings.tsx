// Offering moderation (服务审核): new offerings pending review and published ones with a pending
// revision (oldest first), and one offering with the pending revision beside the live version,
// field by field; publish / reject (reason) / suspend (reason), sending the version seen.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { Age, DateTime, PageTitle, pagination, useTableState } from '../common';
import { DecisionModal, DiffTable, NS, SortFilter, StaleNotice, isNotFound, pageQuery, same, useCategories, useRegionName, type DecisionSpec, type DiffRow } from './shared';
import { listSep } from '../../../lib/text';

type Offering = Schemas['OfferingViewDto'];
type Revision = Schemas['RevisionViewDto'];
type Pricing = Schemas['PricingViewDto'];
const STATUS_COLOR: Record<Offering['status'], string> = { draft: 'default', pending_review: 'blue', published: 'green', suspended: 'orange', withdrawn: 'default' };

export function PriceText({ pricing }: { pricing: Pricing }) {
  const { t } = useTranslation(NS);
  if (pricing.kind === 'quote')
    return (
      <span>
        {t('pricing.quote')} <Money fen={pricing.minFen} /> – <Money fen={pricing.maxFen} />
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

function OfferingStatus({ o }: { o: Pick<Offering, 'status' | 'pendingRevision'> }) {
  const { t } = useTranslation(NS);
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOR[o.status]}>{t(`offeringStatus.${o.status}`)}</Tag>
      {o.pendingRevision ? <Tag color="gold">{t('offerings.revisionPending')}</Tag> : null}
    </Space>
  );
}

/** What waits: the pending revision since it was proposed, a new offering since it was submitted. */
const waitingSince = (o: Offering): string | null => o.pendingRevision?.createdAt ?? o.submittedAt;

export function OfferingList() {
  const { t } = useTranslation(NS);
  const { t: ta } = useTranslation('admin');
  const state = useTableState();
  const categories = useCategories();
  const view = state.get('view') ?? 'new';
  const query = view === 'new' ? { status: 'pending_review' } : view === 'revision' ? { revisionPending: true } : {};
  const list = useQuery({
    queryKey: ['admin', 'offerings', view, state.page, state.pageSize, state.sort],
    queryFn: () => call(api.GET('/api/v1/admin/offerings', { params: { query: { ...query, ...pageQuery(state) } as never } })),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <PageTitle>{t('offerings.title')}</PageTitle>
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <Select
          aria-label={t('offerings.view')}
          style={{ minWidth: 180 }}
          value={view}
          onChange={(v: string) => state.set({ view: v === 'new' ? undefined : v })}
          options={['new', 'revision', 'all'].map((v) => ({ value: v, label: t(`offerings.views.${v}`) }))}
        />
        <SortFilter state={state} />
      </div>
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t('offerings.empty')} rows={6}>
        {(d) => (
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('offerings.title')}>
            <Table<Offering>
              rowKey="id"
              dataSource={d.items}
              loading={list.isFetching && list.isPlaceholderData}
              pagination={pagination(state, d.total, ta)}
              columns={[
                {
                  title: t('fields.offering'),
                  key: 'title',
                  render: (_v, o) => (
                    <div>
                      <Link to={`/admin/offerings/${o.id}`}>{o.pendingRevision?.title ?? o.title}</Link>
                      {o.pendingRevision && o.pendingRevision.title !== o.title ? <div className="queues-secondary">{t('offerings.liveTitle', { title: o.title })}</div> : null}
                    </div>
                  ),
                },
                { title: t('fields.provider'), key: 'provider', dataIndex: 'providerName' },
                { title: t('fields.category'), key: 'category', render: (_v, o) => categories.data?.get(o.categoryId) ?? '—' },
                { title: t('fields.price'), key: 'price', render: (_v, o) => <PriceText pricing={o.pendingRevision?.pricing ?? o.pricing} /> },
                { title: t('fields.status'), key: 'status', render: (_v, o) => <OfferingStatus o={o} /> },
                { title: ta('table.age'), key: 'age', render: (_v, o) => <Age since={waitingSince(o)} /> },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}

const FIELDS = ['title', 'categoryId', 'pricing', 'leadTimeDays', 'description', 'deliverables', 'regionCodes', 'tags', 'qualificationKinds'] as const;
type Field = (typeof FIELDS)[number];

function useFieldText(): (field: Field, o: Offering | Revision) => ReactNode {
  const { t } = useTranslation(NS);
  const categories = useCategories();
  const regionName = useRegionName();
  return (field, o) => {
    switch (field) {
      case 'categoryId':
        return categories.data?.get(o.categoryId) ?? o.categoryId;
      case 'pricing':
        return <PriceText pricing={o.pricing} />;
      case 'leadTimeDays':
        return t('offerings.days', { count: o.leadTimeDays });
      case 'regionCodes':
        return o.regionCodes.length ? o.regionCodes.map(regionName).join(listSep()) : t('offerings.allRegions');
      case 'tags':
        return o.tags.length ? o.tags.join(listSep()) : '—';
      case 'qualificationKinds':
        return o.qualificationKinds.length ? o.qualificationKinds.join(listSep()) : '—';
      default:
        return <span className="queues-text">{o[field]}</span>;
    }
  };
}

type Decision = 'publish' | 'reject' | 'suspend';

export function OfferingDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const text = useFieldText();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [stale, setStale] = useState<unknown>(null);
  const offering = useQuery({
    queryKey: ['admin', 'offering', id],
    queryFn: () => call(api.GET('/api/v1/offerings/{id}', { params: { path: { id } } })),
    retry: (n: number, e: Error) => !isNotFound(e) && n < 2,
  });
  if (offering.isError && isNotFound(offering.error)) return <NotFound />;
  const o = offering.data;
  const rev = o?.pendingRevision ?? null;
  const actions: Decision[] = !o ? [] : o.status === 'pending_review' ? ['publish', 'reject'] : o.status === 'published' ? (rev ? ['publish', 'reject', 'suspend'] : ['suspend']) : o.status === 'suspended' ? ['publish'] : [];
  const label = (d: Decision) => t(rev && d !== 'suspend' ? `offerings.revision.${d}` : `offerings.${d}`);
  const specs: Record<Decision, DecisionSpec> = {
    publish: { title: `${label('publish')} · ${o?.title ?? ''}`, okText: label('publish'), reason: 'none', explain: t(rev ? 'offerings.explain.publishRevision' : 'offerings.explain.publish') },
    reject: { title: `${label('reject')} · ${o?.title ?? ''}`, okText: label('reject'), danger: true, reason: 'required', reasonLabel: t('offerings.rejectReason'), explain: t(rev ? 'offerings.explain.rejectRevision' : 'offerings.explain.reject') },
    suspend: { title: `${label('suspend')} · ${o?.title ?? ''}`, okText: label('suspend'), danger: true, reason: 'required', explain: t('offerings.explain.suspend') },
  };
  const reloadAll = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'offering', id] });
    void qc.invalidateQueries({ queryKey: ['admin', 'offerings'] });
    void qc.invalidateQueries({ queryKey: ['admin', 'queues'] });
  };
  return (
    <>
      <Link to="/admin/offerings" className="queues-back">
        <ArrowLeftOutlined aria-hidden /> {t('offerings.back')}
      </Link>
      <PageTitle
        extra={actions.map((a) => (
          <Button key={a} type={a === 'publish' ? 'primary' : 'default'} danger={a !== 'publish'} onClick={() => setDeciding(a)}>
            {label(a)}
          </Button>
        ))}
      >
        {o?.title ?? t('offerings.detailTitle')}
      </PageTitle>
      <StaleNotice
        error={stale}
        statusLabel={(s) => t(`offeringStatus.${s}`, { defaultValue: s })}
        onReload={() => {
          setStale(null);
          reloadAll();
        }}
      />
      <QueryState query={offering} rows={10}>
        {(o) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('fields.status')}>
                  <OfferingStatus o={o} />
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.provider')}>
                  <Link to={`/admin/admission/${o.providerId}`}>{o.providerName}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('offerings.submittedAt')}>
                  <DateTime value={o.submittedAt} />
                </Descriptions.Item>
                <Descriptions.Item label={t('offerings.waiting')}>
                  <Age since={waitingSince(o)} />
                </Descriptions.Item>
                {o.rejectionReason ? <Descriptions.Item label={t('offerings.lastReason')}>{o.rejectionReason}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            {o.pendingRevision ? (
              <Card title={t('offerings.revisionTitle')}>
                <Typography.Paragraph type="secondary">
                  {t('offerings.revisionIntro')} <DateTime value={o.pendingRevision.createdAt} />
                </Typography.Paragraph>
                <DiffTable
                  testId="revision-diff"
                  label={t('offerings.revisionTitle')}
                  liveTitle={t('diff.liveVersion')}
                  proposedTitle={t('diff.revision')}
                  rows={FIELDS.map(
                    (f): DiffRow => ({
                      key: f,
                      label: t(`offerings.field.${f}`),
                      live: text(f, o),
                      proposed: text(f, o.pendingRevision!),
                      changed: !same(o[f], o.pendingRevision![f]),
                    }),
                  )}
                />
              </Card>
            ) : (
              <Card title={t(o.status === 'pending_review' ? 'offerings.newTitle' : 'offerings.liveVersion')}>
                <Descriptions size="small" column={1} bordered>
                  {FIELDS.map((f) => (
                    <Descriptions.Item key={f} label={t(`offerings.field.${f}`)}>
                      {text(f, o)}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            )}
          </Space>
        )}
      </QueryState>
      <DecisionModal
        spec={deciding && o ? specs[deciding] : null}
        onClose={() => setDeciding(null)}
        submit={(v, key) =>
          call(
            api.POST('/api/v1/admin/offerings/{id}/moderation', {
              params: { path: { id } },
              headers: { 'Idempotency-Key': key },
              body: { decision: deciding!, reason: v.reason, version: o!.version },
            }),
          )
        }
        onDone={() => {
          setStale(null);
          void message.success(t('decision.done'));
          reloadAll();
        }}
        onStale={(e) => {
          setStale(e);
          reloadAll();
        }}
      />
    </>
  );
}
