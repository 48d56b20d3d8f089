import { ValidationFailedError, type FieldError } from '@innoserve/core';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_FACETS = ['category', 'providerType', 'region', 'qualification', 'program'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

/** GET /api/v1/search/offerings, as the engines see it. Every field is optional. */
export interface SearchQuery {
  /** Free text, Chinese and/or English. */
  q?: string;
  /** A category id: covers its sub-categories. */
  category?: string;
  providerType?: string;
  /** A region code: a city code covers its counties; a county also finds offerings serving its whole city. */
  region?: string;
  qualification?: string;
  /** A voucher program id: offerings voucher-eligible in it. */
  program?: string;
  /** With priceMaxFen: offerings whose price range [priceFen, priceMaxFen] overlaps the asked range. */
  priceMinFen?: number;
  priceMaxFen?: number;
  leadTimeMaxDays?: number;
  sort?: SearchSort;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export const SEARCH_LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  /**
   * Results beyond this rank are not served (as Meilisearch's default pagination.maxTotalHits):
   * deep pages of a broad query are costly and useless; narrow the query instead.
   */
  maxReachableResults: 1000,
  maxQueryLength: 200,
  maxFilterLength: 100,
} as const;

/** A SearchQuery with defaults applied and every field checked. */
export interface NormalizedSearchQuery {
  q: string;
  category: string | null;
  providerType: string | null;
  region: string | null;
  qualification: string | null;
  program: string | null;
  priceMinFen: number | null;
  priceMaxFen: number | null;
  leadTimeMaxDays: number | null;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

function isSort(v: unknown): v is SearchSort {
  return typeof v === 'string' && (SEARCH_SORTS as readonly string[]).includes(v);
}

/**
 * Applies defaults and validates. The HTTP layer validates first (400 for bad parameters); an
 * engine calls this again so nothing unchecked reaches SQL or a filter string.
 */
export function normalizeSearchQuery(query: SearchQuery): NormalizedSearchQuery {
  const errors: FieldError[] = [];
  const text = (field: keyof SearchQuery, max: number): string | null => {
    const v = query[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') {
      errors.push({ field, message: 'must be a string' });
      return null;
    }
    if (v.length > max) errors.push({ field, message: `must be at most ${max} characters` });
    const t = v.trim();
    return t === '' ? null : t;
  };
  const int = (field: keyof SearchQuery, min: number, max: number): number | null => {
    const v = query[field];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
      errors.push({ field, message: `must be a whole number from ${min} to ${max}` });
      return null;
    }
    return v;
  };
  const q = text('q', SEARCH_LIMITS.maxQueryLength) ?? '';
  const out: NormalizedSearchQuery = {
    q,
    category: text('category', SEARCH_LIMITS.maxFilterLength),
    providerType: text('providerType', SEARCH_LIMITS.maxFilterLength),
    region: text('region', SEARCH_LIMITS.maxFilterLength),
    qualification: text('qualification', SEARCH_LIMITS.maxFilterLength),
    program: text('program', SEARCH_LIMITS.maxFilterLength),
    priceMinFen: int('priceMinFen', 0, Number.MAX_SAFE_INTEGER),
    priceMaxFen: int('priceMaxFen', 0, Number.MAX_SAFE_INTEGER),
    leadTimeMaxDays: int('leadTimeMaxDays', 0, 100_000),
    sort: 'relevance',
    page: int('page', 1, 1_000_000) ?? 1,
    pageSize: int('pageSize', 1, SEARCH_LIMITS.maxPageSize) ?? SEARCH_LIMITS.defaultPageSize,
  };
  if (query.sort !== undefined) {
    if (isSort(query.sort)) out.sort = query.sort;
    else errors.push({ field: 'sort', message: `must be one of ${SEARCH_SORTS.join(', ')}` });
  }
  if (out.priceMinFen !== null && out.priceMaxFen !== null && out.priceMinFen > out.priceMaxFen) {
    errors.push({ field: 'priceMinFen', message: 'must not exceed priceMaxFen' });
  }
  if (errors.length) throw new ValidationFailedError(errors);
  return out;
}

/** The rank window a page asks for; null when the page lies beyond maxReachableResults. */
export function pageWindow(q: Pick<NormalizedSearchQuery, 'page' | 'pageSize'>): { offset: number; limit: number } | null {
  const offset = (q.page - 1) * q.pageSize;
  if (offset >= SEARCH_LIMITS.maxReachableResults) return null;
  return { offset, limit: Math.min(q.pageSize, SEARCH_LIMITS.maxReachableResults - offset) };
}
