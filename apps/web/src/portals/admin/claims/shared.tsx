// Pieces shared by the claims area's pages: the queue's query (one cache entry the queue page and
// the review page's next/previous share), status and severity tags, the 404-aware page state, and
// the words for a stale decision (409 STALE_VERSION: who decided meanwhile, and what).
import type { ReactNode } from 'react';
import { Alert, Skeleton, Tag } from 'antd';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../../api/client';
import { useAuth } from '../../../auth/auth';
import { NotFound } from '../../../components/NotFound';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { CITY_CODE, DateTime, type StaffInfo } from '../common';
import { fetchQueue, queueKey, type Claim, type QueueQuery } from './queue-query';

export { QUEUE_PAGE_SIZE, fetchQueue, queueKey, queueQueryOf, type Claim, type ClaimPage, type QueueQuery } from './queue-query';

export type RiskFlag = Schemas['RiskFlagDto'];
export type Severity = RiskFlag['severity'];
export type Order = Schemas['OrderViewDto'];

export const STATUSES: Claim['status'][] = ['in_review', 'returned', 'approved', 'rejected', 'expired', 'batched', 'paid', 'forfeited'];
export const RULES: RiskFlag['rule'][] = ['related_party', 'duplicate_invoice', 'split_orders', 'price_outlier', 'price_at_cap', 'round_trip', 'fast_delivery', 'provider_concentration', 'backdating'];
export const PROCESS_FLAGS = ['review_overdue', 'payment_held'] as const;
export const SORTS = ['oldest', 'newest', 'amount_desc', 'due'] as const;
/** the filters of the queue that the review page carries for next/previous */
export const QUEUE_PARAMS = ['status', 'level', 'region', 'flag', 'sort', 'page', 'pageSize'] as const;

export function useQueue(q: QueueQuery) {
  return useQuery({ queryKey: queueKey(q), queryFn: () => fetchQueue(q), placeholderData: (prev) => prev, staleTime: 5_000 });
}

export const claimKey = (id: string) => ['admin', 'claims', 'one', id] as const;

const STATUS_COLORS: Record<Claim['status'], string> = {
  in_review: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  expired: 'default',
  batched: 'cyan',
  paid: 'success',
  forfeited: 'error',
};

// the text stays dark on every colour (contrast); the colour is in the background and border
const DARK = { color: 'rgba(0, 0, 0, 0.88)' };

export function ClaimStatusTag({ status }: { status: Claim['status'] }) {
  const { t } = useTranslation('adminClaims');
  return (
    <Tag color={STATUS_COLORS[status]} style={DARK}>
      {t(`status.${status}`)}
    </Tag>
  );
}

const SEVERITY_COLORS: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };
const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export function worstSeverity(flags: RiskFlag[] | undefined): Severity | null {
  return (flags ?? []).reduce<Severity | null>((worst, f) => (worst === null || RANK[f.severity] > RANK[worst] ? f.severity : worst), null);
}

export function SeverityTag({ severity, children }: { severity: Severity; children?: ReactNode }) {
  const { t } = useTranslation('adminClaims');
  return (
    <Tag color={SEVERITY_COLORS[severity]} style={DARK}>
      {children ?? t(`severity.${severity}`)}
    </Tag>
  );
}

/** The level the claim waits at, in words ("县级审核（1/2）"). */
export function levelText(t: (k: string, o?: Record<string, unknown>) => string, c: Pick<Claim, 'levels' | 'level' | 'status'>): string {
  const kind = c.levels[c.level - 1];
  return c.status === 'in_review' && kind ? t('level.at', { level: t(`level.${kind}`), n: c.level, of: c.levels.length }) : '—';
}

/** Today in Asia/Shanghai as YYYY-MM-DD (deadlines are bureau dates). */
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export function shanghaiToday(): string {
  // one formatter for the module: a queue asks for today twice a row
  return SHANGHAI_DAY.format(new Date());
}

export function isOverdue(c: Pick<Claim, 'status' | 'levelDueOn' | 'flags'>): boolean {
  return c.status === 'in_review' && (c.levelDueOn < shanghaiToday() || (c.flags ?? []).includes('review_overdue'));
}

/** Whether this staff member may decide at the claim's current level (the API has the last word). */
/** True when this user gave one of the claim's approvals: each level needs a different person. */
export function approvedBy(c: Claim, userId: string | undefined): boolean {
  return !!userId && (c.approvals ?? []).some((a) => a.userId === userId);
}

export function mayDecide(staff: StaffInfo, c: Claim, userId?: string): boolean {
  if (c.status !== 'in_review' || approvedBy(c, userId)) return false;
  const kind = c.levels[c.level - 1];
  const role = kind === 'county' ? 'county_reviewer' : 'city_reviewer';
  if (!staff.has(role)) return false;
  const regions = staff.regions(role);
  return regions.includes(CITY_CODE) || regions.includes(c.regionCode);
}

export { TableWrap } from '../common';

/**
 * A page's content from a query, where a 404 (outside the jurisdiction, or no such object) is the
 * 404 page, never an error box.
 */
export function PageState<T>({ query, children, rows = 10 }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; rows?: number }) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows }} aria-busy="true" aria-label={t('states.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) return <NotFound />;
    return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}

/** Who someone is, as the reader can tell: "you", a name when the API gives one, or a short id. */
export function useWho() {
  const { t } = useTranslation('adminClaims');
  const { me } = useAuth();
  return (userId: string | null | undefined, name?: string | null, kind: 'staff' | 'user' = 'staff'): string => {
    if (!userId) return name ?? t('who.system');
    if (userId === me?.user.id) return t('who.you');
    return name ?? t(`who.${kind}`, { id: userId.slice(0, 8) });
  };
}

/**
 * A decision refused because the object changed meanwhile (409 STALE_VERSION): who decided, what,
 * and when, from the problem's details; the API's own words when it has no details.
 */
export function StaleExplanation({ error, statusLabel }: { error: ApiError; statusLabel: (status: string) => string }) {
  const { t } = useTranslation('adminClaims');
  const who = useWho();
  const p = error.problem as Schemas['Problem'] & {
    currentStatus?: string;
    currentVersion?: number;
    decidedBy?: string | null;
    decidedByName?: string | null;
    decidedAt?: string | null;
    decision?: string | null;
    lastDecision?: { decidedBy?: string | null; decidedByName?: string | null; decision?: string | null; at?: string | null } | null;
  };
  // the API's words on who decided meanwhile: the STALE_VERSION members, or `lastDecision` (also on
  // a claim that left review or moved to another level before this decision arrived)
  const last = p.lastDecision ?? null;
  const decidedBy = p.decidedBy ?? last?.decidedBy ?? null;
  const decidedByName = p.decidedByName ?? last?.decidedByName ?? null;
  const decidedAt = p.decidedAt ?? last?.at ?? null;
  const what = p.decision ?? last?.decision ?? null;
  const hasDetails = p.currentStatus !== undefined || decidedBy !== null || last !== null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="stale-decision"
      title={t('stale.title')}
      description={
        hasDetails ? (
          <>
            <div>
              {decidedBy || decidedByName ? t('stale.decidedBy', { who: who(decidedBy, decidedByName) }) : t('stale.changed')}
              {decidedAt ? (
                <>
                  {' '}
                  {t('stale.at')} <DateTime value={decidedAt} />
                </>
              ) : null}
              {what ? ` · ${t('stale.what', { what: t(`decision.${what}`, { defaultValue: what }) })}` : null}
            </div>
            {p.currentStatus !== undefined ? <div>{t('stale.now', { status: statusLabel(p.currentStatus), version: p.currentVersion ?? '—' })}</div> : null}
            <div>{t('stale.reloaded')}</div>
          </>
        ) : (
          <>
            <div>{p.detail || t('stale.changed')}</div>
            <div>{t('stale.reloaded')}</div>
          </>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** A decision that came too late: a stale version, or someone else's decision (named in `lastDecision`) moved the object on. */
export function isStale(e: unknown): e is ApiError {
  if (!(e instanceof ApiError)) return false;
  if (e.status === 409 && e.code === 'STALE_VERSION') return true;
  return (e.code === 'ILLEGAL_TRANSITION' || e.code === 'WRONG_REVIEW_LEVEL') && !!(e.problem as { lastDecision?: unknown }).lastDecision;
}
