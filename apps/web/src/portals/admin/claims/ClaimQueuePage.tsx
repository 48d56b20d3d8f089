// /admin/claims: the reviewers' claims queue, jurisdiction-scoped by the API. Filters (status,
// level, region, risk or process flag) and sort live in the URL; 50 a page; each row carries what
// the list answered and nothing more (no request per row), so the first page paints fast.
import { useEffect, useMemo } from 'react';
import { Button, Empty, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Age, CITY_CODE, PageTitle, useStaff, useTableState } from '../common';
import {
  PROCESS_FLAGS,
  QUEUE_PARAMS,
  QUEUE_PAGE_SIZE,
  RULES,
  SORTS,
  STATUSES,
  TableWrap,
  isOverdue,
  levelText,
  queueQueryOf,
  useQueue,
  worstSeverity,
  type Claim,
} from './shared';
import { useRegionNames } from '../../../api/reference';

type Region = { code: string; nameZh: string; nameEn: string; parentCode?: string | null; level?: string };

export { useRegionNames };

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
  const query = queueQueryOf((k) => params.get(k));
  const queue = useQueue(query);
  // the region filter's names come after the queue has answered, not in competition with it
  const regions = useRegionNames(queue.isFetched);
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

  const items = queue.data?.items ?? [];
  const total = queue.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / state.pageSize));
  const risk = (c: Claim) => {
    const worst = worstSeverity(c.riskFlags);
    const held = (c.flags ?? []).includes('payment_held');
    return (
      <>
        {worst ? <span className={`admin-claims-sev admin-claims-sev-${worst}`}>{t('riskCount', { count: c.riskFlags!.length, severity: t(`severity.${worst}`) })}</span> : <span className="admin-text-secondary">{t('noRisk')}</span>}
        {held ? <span className="admin-claims-sev admin-claims-sev-medium">{t('flag.payment_held')}</span> : null}
      </>
    );
  };

  return (
    <div className="admin-claims-page">
      <PageTitle>{t('queue.title')}</PageTitle>
      {/* native selects and a plain table: the reviewers' landing page paints its 50 rows without
          the code of antd's Select, Table and Pagination (bench:web:console) */}
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <select className="admin-native-select" aria-label={t('filter.status')} value={statusValue} onChange={(e) => state.set({ status: e.target.value === 'in_review' ? undefined : e.target.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
          <option value="all">{t('filter.allStatuses')}</option>
        </select>
        <select className="admin-native-select" aria-label={t('filter.level')} value={params.get('level') ?? ''} onChange={(e) => state.set({ level: e.target.value })}>
          <option value="">{t('filter.anyLevel')}</option>
          <option value="county">{t('level.county')}</option>
          <option value="city">{t('level.city')}</option>
        </select>
        <select className="admin-native-select" aria-label={t('filter.region')} value={params.get('region') ?? ''} onChange={(e) => state.set({ region: e.target.value })}>
          <option value="">{t('filter.anyRegion')}</option>
          {regionOptions.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
          {/* a region in the URL before the names arrive */}
          {params.get('region') && !regionOptions.some((r) => r.value === params.get('region')) ? <option value={params.get('region')!}>{params.get('region')}</option> : null}
        </select>
        <select className="admin-native-select" aria-label={t('filter.flag')} value={params.get('flag') ?? ''} onChange={(e) => state.set({ flag: e.target.value })}>
          <option value="">{t('filter.anyFlag')}</option>
          <optgroup label={t('filter.riskRules')}>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {t(`rule.${r}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('filter.processFlags')}>
            {PROCESS_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`flag.${f}`)}
              </option>
            ))}
          </optgroup>
        </select>
        <select className="admin-native-select" aria-label={ta('table.sort')} value={params.get('sort') ?? 'oldest'} onChange={(e) => state.set({ sort: e.target.value === 'oldest' ? undefined : e.target.value })}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`sort.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {queue.isError ? <ProblemAlert error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} aria-busy="true" aria-label={t('queue.loading')} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={queue.isError ? t('queue.failed') : t('queue.empty')} />
      ) : (
        <>
          <TableWrap label={t('queue.title')}>
            <table className="admin-claims-table" aria-busy={queue.isFetching || undefined}>
              {/* fixed column widths: the browser lays out 50 rows without measuring every cell */}
              <colgroup>
                <col style={{ width: '18%' }} />
                <col style={{ width: '21%' }} />
                <col style={{ width: '11%' }} />
                <col style={{ width: '15%' }} />
                <col style={{ width: '9%' }} />
                <col style={{ width: '12%' }} />
                <col style={{ width: '14%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">{t('col.claimNo')}</th>
                  <th scope="col">{t('col.parties')}</th>
                  <th scope="col" className="num">
                    {t('col.amount')}
                  </th>
                  <th scope="col">{t('col.level')}</th>
                  <th scope="col">{ta('table.age')}</th>
                  <th scope="col">{t('col.due')}</th>
                  <th scope="col">{t('col.risk')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-queue-row className={isOverdue(c) ? 'admin-claims-row-overdue' : undefined}>
                    <td>
                      <Link to={reviewHref(c.id, params)} className="admin-claims-no" onMouseEnter={loadReview} onFocus={loadReview}>
                        {c.claimNo}
                      </Link>
                    </td>
                    <td>
                      <Party name={c.enterpriseName} uscc={c.invoice.buyerTaxId} label={t('col.enterprise')} />
                      <span className="admin-text-secondary">
                        <Party name={c.providerName} uscc={c.invoice.sellerTaxId} label={t('col.provider')} />
                      </span>
                    </td>
                    <td className="num">
                      <Money fen={c.amountFen} />
                    </td>
                    <td>{c.status === 'in_review' ? levelText(t, c) : t(`status.${c.status}`)}</td>
                    <td>{c.status === 'in_review' ? <Age since={c.levelSince} /> : '—'}</td>
                    <td>
                      {c.status !== 'in_review' ? (
                        '—'
                      ) : isOverdue(c) ? (
                        <strong className="admin-text-danger admin-claims-overdue">
                          {c.levelDueOn} · {t('overdue')}
                        </strong>
                      ) : (
                        c.levelDueOn
                      )}
                    </td>
                    <td>{risk(c)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <nav className="admin-pager" aria-label={t('pager.label')}>
            <span className="admin-text-secondary">{ta('table.total', { count: total })}</span>
            <Button size="small" disabled={state.page <= 1} onClick={() => state.set({ page: state.page - 1, pageSize: state.pageSize })}>
              {t('pager.previous')}
            </Button>
            <span aria-live="polite">{t('pager.page', { page: state.page, pages })}</span>
            <Button size="small" disabled={state.page >= pages} onClick={() => state.set({ page: state.page + 1, pageSize: state.pageSize })}>
              {t('pager.next')}
            </Button>
            <select className="admin-native-select" aria-label={t('pager.size')} value={state.pageSize} onChange={(e) => state.set({ pageSize: Number(e.target.value) })}>
              {[20, 50, 100].map((n) => (
                <option key={n} value={n}>
                  {t('pager.perPage', { count: n })}
                </option>
              ))}
            </select>
          </nav>
        </>
      )}
    </div>
  );
}
