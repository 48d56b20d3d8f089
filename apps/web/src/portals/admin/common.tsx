// Shared pieces of the administrators' console: who the staff member is (roles and jurisdictions),
// the age of a waiting item, and table state kept in the URL (filters, sort, page) so a queue can
// be shared and survives a reload.
import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';

export type StaffRole = 'county_reviewer' | 'city_reviewer' | 'program_officer' | 'finance_officer' | 'auditor' | 'super_admin';
export const CITY_CODE = '350500';

export interface StaffInfo {
  roles: StaffRole[];
  /** true when the user holds one of the roles (super-admin holds every role) */
  has: (...roles: StaffRole[]) => boolean;
  /** the region codes of the roles given (all roles when none are given) */
  regions: (...roles: StaffRole[]) => string[];
  /** true when a role of these has the city (350500) in its jurisdiction */
  cityWide: (...roles: StaffRole[]) => boolean;
}

export function useStaff(): StaffInfo {
  const { me } = useAuth();
  return useMemo(() => {
    const grants = (me?.roles ?? []) as { role: StaffRole; regionCodes: string[] }[];
    const roles = grants.map((g) => g.role);
    const superAdmin = roles.includes('super_admin');
    const of = (wanted: StaffRole[]) => grants.filter((g) => wanted.length === 0 || wanted.includes(g.role) || g.role === 'super_admin');
    return {
      roles,
      has: (...wanted) => superAdmin || wanted.some((r) => roles.includes(r)),
      regions: (...wanted) => [...new Set(of(wanted).flatMap((g) => g.regionCodes))],
      cityWide: (...wanted) => of(wanted).some((g) => g.regionCodes.includes(CITY_CODE)),
    };
  }, [me]);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formats = new Map<string, Intl.DateTimeFormat>();
/** A date-time formatter in Asia/Shanghai for the language, made once (a queue formats 50 times a page). */
function shanghaiFormat(lang: string): Intl.DateTimeFormat {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.DateTimeFormat(lang, { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'medium', hour12: false })));
  return f;
}

/** How long an item has waited, in words ("3 天", "5 小时"), with the exact time as its title. */
export function Age({ since, warnDays = 5 }: { since?: string | null; warnDays?: number }) {
  const { t, i18n } = useTranslation('admin');
  if (!since) return <>—</>;
  const ms = Math.max(0, Date.now() - new Date(since).getTime());
  const text =
    ms >= DAY ? t('age.days', { count: Math.floor(ms / DAY) }) : ms >= HOUR ? t('age.hours', { count: Math.floor(ms / HOUR) }) : t('age.minutes', { count: Math.max(1, Math.floor(ms / MINUTE)) });
  const exact = shanghaiFormat(i18n.language).format(new Date(since));
  // plain elements (the exact time as the native title): a queue of 50 rows paints without 50 tooltip or typography components
  return (
    <time dateTime={since} title={exact} className={ms >= warnDays * DAY ? 'admin-age admin-text-danger' : 'admin-age'}>
      {text}
    </time>
  );
}

/** A date-time in Asia/Shanghai, as the bureau reads it. */
export function DateTime({ value }: { value?: string | null }) {
  const { i18n } = useTranslation();
  if (!value) return <>—</>;
  return <time dateTime={value}>{new Date(value).toLocaleString(i18n.language, { timeZone: 'Asia/Shanghai', hour12: false })}</time>;
}

export interface TableState {
  page: number;
  pageSize: number;
  sort?: string;
  /** a filter value from the URL (undefined when absent) */
  get: (name: string) => string | undefined;
  /** set filters/sort (page returns to 1 unless given); undefined or '' removes a value */
  set: (values: Record<string, string | number | undefined>) => void;
}

/** Table state in the URL: ?page=&pageSize=&sort= and any filters. */
export function useTableState(defaults: { pageSize?: number } = {}): TableState {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || defaults.pageSize || 20));
  return {
    page,
    pageSize,
    sort: params.get('sort') ?? undefined,
    get: (name) => params.get(name) ?? undefined,
    set: (values) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!('page' in values)) next.delete('page');
          for (const [k, v] of Object.entries(values)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          return next;
        },
        { replace: true },
      ),
  };
}

/** antd Table pagination wired to the URL state, with the total in words. */
export function pagination(state: TableState, total: number | undefined, t: (k: string, o?: Record<string, unknown>) => string) {
  return {
    current: state.page,
    pageSize: state.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [20, 50, 100],
    showTotal: (n: number) => t('table.total', { count: n }),
    onChange: (page: number, pageSize: number) => state.set({ page: pageSize === state.pageSize ? page : 1, pageSize }),
  };
}

/** A page's title row: the heading, and actions on the right (they wrap below on a phone). */
export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div className="admin-page-title">
      <h3 className="admin-page-heading">{children}</h3>
      {extra ? <div className="admin-page-actions">{extra}</div> : null}
    </div>
  );
}

/**
 * A table that may scroll sideways inside its own region (never the page): focusable, so the
 * keyboard can scroll it too, and named for screen readers.
 */
export function TableWrap({ label, children, className, style }: { label: string; children: ReactNode; className?: string; style?: CSSProperties }) {
  return (
    <div className={className ? `admin-table-wrap ${className}` : 'admin-table-wrap'} tabIndex={0} role="region" aria-label={label} style={style}>
      {children}
    </div>
  );
}
