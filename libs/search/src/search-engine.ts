import type { SearchDocument, SearchDocumentVersion } from './search-document.js';
import type { SearchQuery } from './search-query.js';
import type { SearchEngineName, SearchResult } from './search-result.js';

/**
 * A new index version being built beside the live one (full reindex). Writes go to the new
 * version only; `commit` swaps it in atomically, so search keeps answering from the old version
 * until the instant of the swap and never sees an empty or half-built index.
 */
export interface SearchIndexBuild {
  upsert(docs: readonly SearchDocument[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  count(): Promise<number>;
  /** Atomically replaces the live index with this one; the old version is dropped. */
  commit(): Promise<void>;
  /** Drops the new version; the live index is untouched. */
  abort(): Promise<void>;
}

/**
 * The search port. Two adapters answer the same queries the same way: PostgresEngine (embedded
 * default) and MeilisearchEngine (when MEILI_HOST is set). The shared contract suite in
 * libs/search/test holds them to it.
 *
 * Writes are idempotent: upsert keeps, per id, the highest version it has seen (an older or equal
 * version is ignored), delete of an unknown id is a no-op. While a rebuild is in progress, live
 * writes are mirrored into the new version, so nothing applied during the build is lost.
 */
export abstract class SearchEngine {
  abstract readonly name: SearchEngineName;
  /** Creates or updates indexes and settings; safe to call at every start. */
  abstract ensureSetup(): Promise<void>;
  abstract upsert(docs: readonly SearchDocument[]): Promise<void>;
  abstract delete(ids: readonly string[]): Promise<void>;
  abstract search(query: SearchQuery): Promise<SearchResult>;
  /** Every indexed id with its version, for reconcile. */
  abstract listVersions(): Promise<SearchDocumentVersion[]>;
  /** The indexed versions of these ids (absent ones left out): has a change reached the index? */
  abstract versionsOf(ids: readonly string[]): Promise<SearchDocumentVersion[]>;
  abstract count(): Promise<number>;
  /** Starts building a new index version beside the live one (an unfinished earlier build is discarded). */
  abstract beginRebuild(): Promise<SearchIndexBuild>;
  /** Releases connections the engine opened itself. */
  async close(): Promise<void> {}
}
