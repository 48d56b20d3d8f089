// /admin/claims: the reviewers' claims queue, jurisdiction-scoped by the API. Filters (status,
// level, region, risk or process flag) and sort live in the URL; 50 a page; each row carries what
// the list answered and nothing more (no request per row), so the first page paints fast.
import { useEffect, useMemo } from 'react';
import { Empty, Select, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Age, CITY_CODE, PageTitle, pagination, useStaff, useTableState } from '../common';
import {
  ClaimStatusTag,
  PROCESS_FLAGS,
  QUEUE_PARAMS,
  QUEUE_PAGE_SIZE,
  RULES,
  SORTS,
  STATUSES,
  SeverityTag,
  TableWrap,
  isOverdue,
  levelText,
  queueQueryOf,
  useQueue,
  worstSeverity,
  type Claim,
} from './shared';

type Region = { code: string; nameZh: string; nameEn: string; parentCode?: string | null; level?: string };

export function useRegionNames() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useQuery({
    queryKey: ['reference', 'regions'],
    queryFn: () => call(api.GET('/api/v1/regions')),
    staleTime: Infinity,
    select: (regions) => new Map((regions as Region[]).map((r) => [r.code, en ? r.nameEn : r.nameZh])),
  });
}

/** The link to a claim's review carries the queue's filters (next/previous walk the same queue). */
export function reviewHref(id: string, params: URLSearchParams): string {
  const carried = new URLSearchParams();
  for (const k of QUEUE_PARAMS) {
    const v = params.get(k);
    if (v) carried.set(k, v);
  }
  const qs = carried.toString();
  return `/admin/claims/${id}${qs ? `?${qs}` : ''}`;
}

const loadReview = () => void import('./ClaimReviewPage');

/** A USCC shown compactly: the region part and the tail, the whole on hover. */
function Party({ name, uscc, label }: { name?: string | null; uscc: string; label: string }) {
  return (
    <div className="admin-claims-party">
      <span className="sr-only">{label}: </span>
      {name ? <span>{name}</span> : <code title={uscc}>{uscc}</code>}
    </div>
  );
}

export function ClaimQueuePage() {
  const { t } = useTranslation('adminClaims');
  const { t: ta } = useTranslation('admin');
  const [params] = useSearchParams();
  const state = useTableState({ pageSize: QUEUE_PAGE_SIZE });
  const staff = useStaff();
  const regions = useRegionNames();
  const query = queueQueryOf((k) => params.get(k));
  const queue = useQueue(query);
  const statusValue = params.get('status') ?? 'in_review';
  const ready = queue.isSuccess;
  useEffect(() => {
    // a while after the rows are there (never competing with their painting), fetch the review
    // page's code so opening a claim is quick; pointing at a claim fetches it at once
    if (!ready) return;
    const timer = setTimeout(loadReview, 3_000);
    return () => clearTimeout(timer);
  }, [ready]);

  // the regions this reviewer may filter by: the jurisdiction's counties (all of them for the city)
  const regionOptions = useMemo(() => {
    const mine = staff.regions('county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor');
    const names = regions.data;
    if (!names) return [];
    const all = [...names.keys()].filter((c) => c !== CITY_CODE && c.startsWith('3505'));
    const codes = mine.includes(CITY_CODE) ? all : mine.filter((c) => c !== CITY_CODE);
    return codes.map((c) => ({ value: c, label: names.get(c) ?? c }));
  }, [staff, regions.data]);

  const columns: ColumnsType<Claim> = [
    {
      title: t('col.claimNo'),
      key: 'claimNo',
      render: (_v, c) => (
        <Link to={reviewHref(c.id, params)} className="admin-claims-no" onMouseEnter={loadReview} onFocus={loadReview}>
          {c.claimNo}
        </Link>
      ),
    },
    {
      title: t('col.parties'),
      key: 'parties',
      render: (_v, c) => (
        <>
          <Party name={c.enterpriseName} uscc={c.invoice.buyerTaxId} label={t('col.enterprise')} />
          <Typography.Text type="secondary">
            <Party name={c.providerName} uscc={c.invoice.sellerTaxId} label={t('col.provider')} />
          </Typography.Text>
        </>
      ),
    },
    { title: t('col.amount'), key: 'amount', align: 'right', render: (_v, c) => <Money fen={c.amountFen} /> },
    {
      title: t('col.level'),
      key: 'level',
      render: (_v, c) => (c.status === 'in_review' ? levelText(t, c) : <ClaimStatusTag status={c.status} />),
    },
    { title: ta('table.age'), key: 'age', render: (_v, c) => (c.status === 'in_review' ? <Age since={c.levelSince} /> : '—') },
    {
      title: t('col.due'),
      key: 'due',
      render: (_v, c) =>
        c.status !== 'in_review' ? (
          '—'
        ) : isOverdue(c) ? (
          <Typography.Text type="danger" strong className="admin-claims-overdue">
            {c.levelDueOn} · {t('overdue')}
          </Typography.Text>
        ) : (
          c.levelDueOn
        ),
    },
    {
      title: t('col.risk'),
      key: 'risk',
      render: (_v, c) => {
        const worst = worstSeverity(c.riskFlags);
        const held = (c.flags ?? []).includes('payment_held');
        return (
          <>
            {worst ? <SeverityTag severity={worst}>{t('riskCount', { count: c.riskFlags!.length, severity: t(`severity.${worst}`) })}</SeverityTag> : <Typography.Text type="secondary">{t('noRisk')}</Typography.Text>}
            {held ? <SeverityTag severity="medium">{t('flag.payment_held')}</SeverityTag> : null}
          </>
        );
      },
    },
  ];

  return (
    <div className="admin-claims-page">
      <PageTitle>{t('queue.title')}</PageTitle>
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <Select
          aria-label={t('filter.status')}
          value={statusValue}
          style={{ minWidth: 140 }}
          onChange={(v) => state.set({ status: v === 'in_review' ? undefined : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })), { value: 'all', label: t('filter.allStatuses') }]}
        />
        <Select
          aria-label={t('filter.level')}
          allowClear
          placeholder={t('filter.level')}
          value={params.get('level') ?? undefined}
          style={{ minWidth: 140 }}
          onChange={(v?: string) => state.set({ level: v })}
          options={[
            { value: 'county', label: t('level.county') },
            { value: 'city', label: t('level.city') },
          ]}
        />
        <Select
          aria-label={t('filter.region')}
          allowClear
          placeholder={t('filter.region')}
          value={params.get('region') ?? undefined}
          style={{ minWidth: 140 }}
          onChange={(v?: string) => state.set({ region: v })}
          options={regionOptions}
        />
        <Select
          aria-label={t('filter.flag')}
          allowClear
          placeholder={t('filter.flag')}
          value={params.get('flag') ?? undefined}
          style={{ minWidth: 180 }}
          popupMatchSelectWidth={false}
          onChange={(v?: string) => state.set({ flag: v })}
          options={[
            { label: t('filter.riskRules'), options: RULES.map((r) => ({ value: r, label: t(`rule.${r}`) })) },
            { label: t('filter.processFlags'), options: PROCESS_FLAGS.map((f) => ({ value: f, label: t(`flag.${f}`) })) },
          ]}
        />
        <Select
          aria-label={ta('table.sort')}
          value={params.get('sort') ?? 'oldest'}
          style={{ minWidth: 160 }}
          onChange={(v) => state.set({ sort: v === 'oldest' ? undefined : v })}
          options={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
        />
      </div>
      {queue.isError ? <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} aria-busy="true" aria-label={t('queue.loading')} />
      ) : (
      <TableWrap label={t('queue.title')}>
      <Table<Claim>
        rowKey="id"
        size="small"
        className="admin-claims-table"
        loading={queue.isFetching && !queue.isPending ? { delay: 200 } : false}
        dataSource={queue.data?.items ?? []}
        columns={columns}
        rowClassName={(c) => (isOverdue(c) ? 'admin-claims-row-overdue' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={queue.isError ? t('queue.failed') : t('queue.empty')} /> }}
        pagination={pagination(state, queue.data?.total, ta)}
      />
      </TableWrap>
      )}
    </div>
  );
}
