/**
 * Filter and facet keys of a document, and the keys a query asks for. One scheme for both
 * engines: `c:` category and ancestors, `t:` provider type, `r:` served regions and their
 * ancestors, `rs:` regions served as stated, `q:` qualification, `p:` program.
 */
import { categoryKeysOf, type SearchDocument } from './search-document.js';
import type { NormalizedSearchQuery, SearchFacet } from './search-query.js';
import { regionAncestors, regionCoverage } from './regions.js';

export const FACET_PREFIX: Readonly<Record<SearchFacet, string>> = {
  category: 'c',
  providerType: 't',
  region: 'r',
  qualification: 'q',
  program: 'p',
};

const FACET_BY_PREFIX = new Map(Object.entries(FACET_PREFIX).map(([facet, prefix]) => [prefix, facet as SearchFacet]));

/** The keys an offering is counted under in the facets. */
export function facetKeysOf(doc: SearchDocument): string[] {
  return [
    ...categoryKeysOf(doc).map((v) => `c:${v}`),
    ...new Set(doc.providerTypes.map((v) => `t:${v}`)),
    ...regionCoverage(doc.regionCodes).map((v) => `r:${v}`),
    ...new Set(doc.qualificationKinds.map((v) => `q:${v}`)),
    ...new Set(doc.programIds.map((v) => `p:${v}`)),
  ];
}

/** The keys filters match: the facet keys and the regions served as stated. */
export function filterKeysOf(doc: SearchDocument): string[] {
  return [...facetKeysOf(doc), ...new Set(doc.regionCodes.map((v) => `rs:${v}`))];
}

export function parseFacetKey(key: string): { facet: SearchFacet; value: string } | null {
  const i = key.indexOf(':');
  if (i < 0) return null;
  const facet = FACET_BY_PREFIX.get(key.slice(0, i));
  return facet ? { facet, value: key.slice(i + 1) } : null;
}

export interface QueryKeys {
  /** Every one of these keys must be present. */
  all: string[];
  /** At least one of these (the region filter), or null. */
  any: string[] | null;
}

/** The region filter: offerings serving the region or anything under it, or serving an ancestor as a whole. */
export function regionFilterKeys(region: string): string[] {
  return [`r:${region}`, ...regionAncestors(region).map((a) => `rs:${a}`)];
}

export function queryKeysOf(q: NormalizedSearchQuery): QueryKeys {
  const all: string[] = [];
  if (q.category) all.push(`c:${q.category}`);
  if (q.providerType) all.push(`t:${q.providerType}`);
  if (q.qualification) all.push(`q:${q.qualification}`);
  if (q.program) all.push(`p:${q.program}`);
  return { all, any: q.region ? regionFilterKeys(q.region) : null };
}
