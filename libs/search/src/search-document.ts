/**
 * What an offering looks like to search. The catalog builds one per publicly visible offering
 * (published, provider admitted and not suspended, qualifications held) and hands it to a
 * SearchEngine; anything not visible is deleted from the engine, never merely updated.
 *
 * Amounts are safe integers of fen (engines index numbers); the catalog converts from Money.
 */
export interface SearchDocument {
  /** The offering id (uuid). */
  id: string;
  /** Increases with every change of the offering or of a fact that shapes this document; reconcile compares it. */
  version: number;
  title: string;
  description: string;
  deliverables: string;
  tags: string[];
  providerId: string;
  providerName: string;
  providerTypes: string[];
  categoryId: string;
  /** Ids of the category and all its ancestors: a category filter covers its sub-categories. */
  categoryPath: string[];
  /** Names (zh and en) of the category and its ancestors: searchable text, weighted like tags. */
  categoryNames: string[];
  /**
   * Service regions as the offering states them. Engines also index their ancestors, so a city
   * code filter covers offerings that serve any of its counties (see regionFilterKeys).
   */
  regionCodes: string[];
  qualificationKinds: string[];
  /** Programs in which the offering is voucher-eligible (empty until the vouchers lib feeds it). */
  programIds: string[];
  /** The lowest price: the fixed price, the unit price, or a quote's indicative minimum. */
  priceFen: number;
  /** The highest price: equal to priceFen unless the offering is quoted with a range. */
  priceMaxFen: number;
  leadTimeDays: number;
  /** Average review rating 0–5, null before the first review. */
  rating: number | null;
  publishedAt: Date;
}

export interface SearchDocumentVersion {
  id: string;
  version: number;
}

/** Limits an engine enforces on a document (the catalog's own limits are tighter). */
export const SEARCH_DOCUMENT_LIMITS = {
  titleLength: 500,
  textLength: 20_000,
  listLength: 200,
  itemLength: 200,
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws a RangeError naming the first field that an engine cannot index. */
export function assertIndexable(doc: SearchDocument): void {
  const fail = (field: string, why: string): never => {
    throw new RangeError(`search document ${String(doc.id)}: ${field} ${why}`);
  };
  if (typeof doc.id !== 'string' || !UUID.test(doc.id)) fail('id', 'must be a uuid');
  if (!Number.isSafeInteger(doc.version) || doc.version < 0) fail('version', 'must be a non-negative safe integer');
  for (const f of ['title', 'description', 'deliverables', 'providerName'] as const) {
    if (typeof doc[f] !== 'string') fail(f, 'must be a string');
    const max = f === 'title' || f === 'providerName' ? SEARCH_DOCUMENT_LIMITS.titleLength : SEARCH_DOCUMENT_LIMITS.textLength;
    if (doc[f].length > max) fail(f, `must be at most ${max} characters`);
  }
  for (const f of ['tags', 'providerTypes', 'categoryPath', 'categoryNames', 'regionCodes', 'qualificationKinds', 'programIds'] as const) {
    const list = doc[f];
    if (!Array.isArray(list)) fail(f, 'must be an array');
    if (list.length > SEARCH_DOCUMENT_LIMITS.listLength) fail(f, `must have at most ${SEARCH_DOCUMENT_LIMITS.listLength} entries`);
    for (const v of list) {
      if (typeof v !== 'string' || v.length === 0 || v.length > SEARCH_DOCUMENT_LIMITS.itemLength) fail(f, 'must hold non-empty strings');
    }
  }
  if (typeof doc.providerId !== 'string' || !UUID.test(doc.providerId)) fail('providerId', 'must be a uuid');
  if (typeof doc.categoryId !== 'string' || doc.categoryId.length === 0) fail('categoryId', 'must be set');
  for (const f of ['priceFen', 'priceMaxFen', 'leadTimeDays'] as const) {
    if (!Number.isSafeInteger(doc[f]) || doc[f] < 0) fail(f, 'must be a non-negative safe integer');
  }
  if (doc.priceMaxFen < doc.priceFen) fail('priceMaxFen', 'must not be below priceFen');
  if (doc.rating !== null && (typeof doc.rating !== 'number' || !(doc.rating >= 0 && doc.rating <= 5))) fail('rating', 'must be null or 0–5');
  if (!(doc.publishedAt instanceof Date) || Number.isNaN(doc.publishedAt.getTime())) fail('publishedAt', 'must be a valid Date');
}

/** The category path with the category itself included, without duplicates. */
export function categoryKeysOf(doc: Pick<SearchDocument, 'categoryId' | 'categoryPath'>): string[] {
  return [...new Set([...doc.categoryPath, doc.categoryId])];
}

/** Keeps the highest version of each id (a batch may carry the same offering twice). */
export function latestVersions<T extends { id: string; version: number }>(docs: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const d of docs) {
    const seen = byId.get(d.id);
    if (!seen || seen.version < d.version) byId.set(d.id, d);
  }
  return [...byId.values()];
}
