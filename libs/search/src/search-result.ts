import type { SearchFacet } from './search-query.js';

/** One hit. `highlight` is HTML-safe: the text is escaped and matched words are wrapped in <em>…</em>. */
export interface SearchHit {
  id: string;
  title: string;
  providerId: string;
  providerName: string;
  providerTypes: string[];
  categoryId: string;
  tags: string[];
  regionCodes: string[];
  qualificationKinds: string[];
  programIds: string[];
  priceFen: number;
  priceMaxFen: number;
  leadTimeDays: number;
  rating: number | null;
  publishedAt: string;
  highlight: {
    title: string;
    /** A snippet of the description around the first match (or its beginning). */
    description: string;
  };
}

/** Facet value → number of matching offerings, per facet. */
export type SearchFacets = Record<SearchFacet, Record<string, number>>;

export type SearchEngineName = 'postgres' | 'meilisearch';

export interface SearchResult {
  items: SearchHit[];
  /** Matching offerings. Exact unless `estimated`. */
  total: number;
  /**
   * True when total and facet counts are estimates: PostgresEngine counts a deterministic sample
   * for very broad queries; Meilisearch stops counting at its maxTotalHits.
   */
  estimated: boolean;
  page: number;
  pageSize: number;
  facets: SearchFacets;
  engine: SearchEngineName;
  tookMs: number;
}

export function emptyFacets(): SearchFacets {
  return { category: {}, providerType: {}, region: {}, qualification: {}, program: {} };
}
