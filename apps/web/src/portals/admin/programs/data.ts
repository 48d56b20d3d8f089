// The programs area's data: the API's shapes (from the generated client), reference data, and the
// program rules the form checks before sending (the API's own, libs/vouchers program-rules.ts).
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../../api/client';

export const ALLOCATION_MODES = ['fcfs', 'reviewed', 'lottery'] as const;
export const SETTLEMENT_MODES = ['provider_redeems', 'enterprise_reimbursed'] as const;
export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;
export const REQUIRED_FLAGS = ['tech_sme', 'high_tech'] as const;
export const REVIEW_LEVELS = ['county', 'city'] as const;

export type FundingSource = Schemas['FundingSourceViewDto'];
/** libs/vouchers program-views.ts ProgramView */
export type ProgramView = Schemas['ProgramViewDto'];
/** GET /admin/programs/:id/balances: one row per funding source. */
export type SourceBalance = Schemas['SourceBalanceDto'];
/** GET /admin/programs/:id/ledger: one posting of a transaction. */
export type LedgerEntry = Schemas['LedgerEntryViewDto'];
export type Batch = Schemas['BatchViewDto'];
export type BatchLine = Schemas['BatchLineViewDto'];
export type Sanction = Schemas['SanctionViewDto'];
/** A sanction in the list (GET /admin/sanctions): with the organization's name. */
export type ListedSanction = Schemas['ListedSanctionViewDto'];
export type AuditEntry = Schemas['AuditEntryView'];
export type Enterprise = Schemas['EnterpriseViewDto'];
export type Provider = Schemas['ProviderViewDto'];
type Category = Schemas['CategoryNodeView'];

export function usePrograms(page = 1, pageSize = 100) {
  return useQuery({
    queryKey: ['admin', 'programs', page, pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/programs', { params: { query: { page, pageSize } } })),
  });
}

/** One program: the staff list has every status (the public GET hides drafts from nobody in the jurisdiction, but is a different contract). */
export function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'program', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/programs/{id}', { params: { path: { id: id! } } })),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

/** The category tree, flattened depth-first with label paths. */
export interface FlatCategory {
  id: string;
  code: string;
  label: string;
  depth: number;
  children: FlatCategory[];
}

export function useCategoryTree() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useQuery({
    queryKey: ['reference', 'categories'],
    queryFn: () => call(api.GET('/api/v1/categories')),
    staleTime: Infinity,
    select: (tree: Category[]) => {
      const flat: FlatCategory[] = [];
      const walk = (nodes: Category[], names: string[], depth: number): FlatCategory[] =>
        [...nodes]
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((n) => {
            const name = en ? n.nameEn : n.nameZh;
            const node: FlatCategory = { id: n.id, code: n.code, label: [...names, name].join(' / '), depth, children: [] };
            flat.push(node);
            node.children = walk(n.children ?? [], [...names, name], depth + 1);
            return node;
          });
      const roots = walk(tree, [], 0);
      return { roots, flat };
    },
  });
}

/** The regions in the reader's language (api/reference.ts). */
export { useRegions } from '../../../api/reference';

export function regionName(regions: { code: string; name: string }[] | undefined, code: string | null | undefined): string {
  if (!code) return '—';
  return regions?.find((r) => r.code === code)?.name ?? code;
}

// ---- the program rules (as libs/identity codeCovers and libs/vouchers fundingSourceErrors) ----

const isCityCode = (code: string) => /^\d{4}00$/.test(code) && !code.endsWith('0000');

/** A jurisdiction code covers a region: the same code, or a city code covering its counties. */
export function codeCovers(jurisdiction: string, region: string): boolean {
  if (jurisdiction === region) return true;
  return isCityCode(jurisdiction) && region.startsWith(jurisdiction.slice(0, 4)) && region !== jurisdiction;
}

const applies = (s: FundingSource, region: string) => s.regionCode === null || codeCovers(s.regionCode, region);

/** A region whose applicable shares do not sum to 10,000 bp ("" label: any other region / other counties of a city). */
export interface ShareProblem {
  kind: 'region' | 'otherCounties' | 'anyOther';
  region: string;
  sum: number;
}

/**
 * Why the funding sources cannot be saved: for every eligible region (the eligibility regions,
 * every region a source names, the other counties of an eligible city, and any other region when
 * eligibility is unrestricted) the applicable shares sum to 10,000 bp.
 */
export function shareProblems(sources: FundingSource[], eligibleRegions: string[]): ShareProblem[] {
  const problems: ShareProblem[] = [];
  const regions = new Set<string>([...eligibleRegions, ...sources.flatMap((s) => (s.regionCode ? [s.regionCode] : []))]);
  for (const r of [...regions].sort()) {
    const sum = sources.filter((s) => applies(s, r)).reduce((a, s) => a + (s.shareBp || 0), 0);
    if (sum !== 10_000) problems.push({ kind: 'region', region: r, sum });
  }
  for (const city of eligibleRegions.filter(isCityCode)) {
    const sum = sources.filter((s) => s.regionCode === null || s.regionCode === city).reduce((a, s) => a + (s.shareBp || 0), 0);
    if (sum !== 10_000) problems.push({ kind: 'otherCounties', region: city, sum });
  }
  if (eligibleRegions.length === 0) {
    const sum = sources.filter((s) => s.regionCode === null).reduce((a, s) => a + (s.shareBp || 0), 0);
    if (sum !== 10_000) problems.push({ kind: 'anyOther', region: '', sum });
  }
  return problems;
}

/** A source's region must touch an eligible region (when eligibility is restricted). */
export function sourceRegionEligible(regionCode: string | null | undefined, eligibleRegions: string[]): boolean {
  if (!regionCode || eligibleRegions.length === 0) return true;
  return eligibleRegions.some((r) => codeCovers(r, regionCode) || codeCovers(regionCode, r));
}

// ---- ledger references: what an entry concerns ----

/** The console page of a ledger transaction's reference (order:…, claim:…, batch:…), or null. */
export function referenceLink(reference: string): { kind: string; id: string; to: string | null } | null {
  const m = /^([a-z_]+):([0-9a-fA-F-]{36})$/.exec(reference);
  if (!m) return null;
  const [, kind, id] = m;
  const to: Record<string, string> = {
    order: `/admin/orders/${id}`,
    claim: `/admin/claims/${id}`,
    batch: `/admin/disbursements/${id}`,
    sanction: `/admin/sanctions/${id}`,
    application: `/admin/applications/${id}`,
  };
  return { kind, id, to: to[kind] ?? null };
}

/** The grant an account belongs to (grant:G:S:available / held), or null. */
export function grantOfAccount(account: string): string | null {
  const m = /^grant:([0-9a-fA-F-]{36}):/.exec(account);
  return m ? m[1] : null;
}

export const shortId = (id: string) => id.slice(0, 8);

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayShanghai(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
