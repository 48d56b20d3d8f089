/**
 * The Meilisearch index: its settings (set in code, applied idempotently by ensureSetup) and the
 * document shape. Meilisearch matches Chinese only at word starts (a query 简单 misses 安装简单,
 * meilisearch#2499/#4935), so documents carry jieba cut-for-search fields (titleTokens,
 * bodyTokens) in which every sub-word is a word of its own.
 *
 * Words with digits (Zephyrine65, Instron5967): Meilisearch would take typos anywhere in them,
 * digits too (zephyrine66 finding Zephyrine65). So the token fields carry them cut into letters
 * and digits (Zephyrine 65), the engine cuts the query the same way, numbers take no typos
 * (disableOnNumbers), and the fields Meilisearch tokenizes itself, where such words stay whole,
 * take none either (disableOnAttributes): typos match through the token fields only, which hold
 * every word of those fields. The rule is typoDistance's, which PostgresEngine applies.
 */
import type { Settings } from 'meilisearch';
import type { SearchDocument } from '../search-document.js';
import { categoryKeysOf } from '../search-document.js';
import { SEARCH_LIMITS } from '../search-query.js';
import { regionCoverage } from '../regions.js';
import { indexTokens, splitLettersFromDigits } from '../text/tokenizer.js';
import { meilisearchSynonyms } from '../text/synonyms.js';

export interface MeiliDocument {
  id: string;
  version: number;
  title: string;
  titleTokens: string;
  description: string;
  deliverables: string;
  bodyTokens: string;
  tags: string[];
  categoryNames: string[];
  providerId: string;
  providerName: string;
  providerTypes: string[];
  categoryId: string;
  categoryPath: string[];
  regionCodes: string[];
  /** Served regions and their ancestors (the region filter and facet). */
  regionCoverage: string[];
  qualificationKinds: string[];
  programIds: string[];
  priceFen: number;
  priceMaxFen: number;
  leadTimeDays: number;
  rating: number | null;
  /** Epoch milliseconds (sortable). */
  publishedAt: number;
}

export function meiliDocumentOf(doc: SearchDocument): MeiliDocument {
  return {
    id: doc.id,
    version: doc.version,
    title: doc.title,
    titleTokens: splitLettersFromDigits(indexTokens(doc.title).join(' ')),
    description: doc.description,
    deliverables: doc.deliverables,
    bodyTokens: splitLettersFromDigits(indexTokens([doc.description, doc.deliverables, ...doc.tags, ...doc.categoryNames].join('\n')).join(' ')),
    tags: doc.tags,
    categoryNames: doc.categoryNames,
    providerId: doc.providerId,
    providerName: doc.providerName,
    providerTypes: doc.providerTypes,
    categoryId: doc.categoryId,
    categoryPath: categoryKeysOf(doc),
    regionCodes: doc.regionCodes,
    regionCoverage: regionCoverage(doc.regionCodes),
    qualificationKinds: doc.qualificationKinds,
    programIds: doc.programIds,
    priceFen: doc.priceFen,
    priceMaxFen: doc.priceMaxFen,
    leadTimeDays: doc.leadTimeDays,
    rating: doc.rating,
    publishedAt: doc.publishedAt.getTime(),
  };
}

/** Document attribute per facet of the API. */
export const MEILI_FACET_ATTRIBUTES = {
  category: 'categoryPath',
  providerType: 'providerTypes',
  region: 'regionCoverage',
  qualification: 'qualificationKinds',
  program: 'programIds',
} as const;

const TEXT_ATTRIBUTES = ['title', 'titleTokens', 'tags', 'categoryNames', 'qualificationKinds', 'providerName', 'description', 'deliverables', 'bodyTokens'];
/** Text also in titleTokens or bodyTokens, where typos match (see the comment at the top). */
const RAW_TEXT_ATTRIBUTES = ['title', 'tags', 'categoryNames', 'description', 'deliverables'];

export const MEILI_SETTINGS: Settings = {
  // ranked: a match in the title beats one in the tags, which beats one in the description
  searchableAttributes: TEXT_ATTRIBUTES,
  filterableAttributes: ['id', 'providerId', 'categoryPath', 'providerTypes', 'regionCoverage', 'regionCodes', 'qualificationKinds', 'programIds', 'priceFen', 'priceMaxFen', 'leadTimeDays'],
  sortableAttributes: ['priceFen', 'rating', 'publishedAt', 'leadTimeDays'],
  // `sort` first: a requested sort orders every match, as in PostgresEngine (after `attribute` it only
  // ordered matches of equal relevance, so price_desc came back in relevance buckets); without a
  // sort parameter the rule does nothing and relevance decides
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness', 'rating:desc'],
  displayedAttributes: ['*'],
  synonyms: meilisearchSynonyms(),
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    disableOnNumbers: true,
    disableOnAttributes: RAW_TEXT_ATTRIBUTES,
  },
  faceting: { maxValuesPerFacet: 500, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: SEARCH_LIMITS.maxReachableResults },
  localizedAttributes: [{ attributePatterns: TEXT_ATTRIBUTES.filter((a) => a !== 'qualificationKinds'), locales: ['cmn', 'eng'] }],
  proximityPrecision: 'byWord',
};

/** Settings whose arrays Meilisearch returns in its own order (compared as sets). */
const UNORDERED = new Set(['filterableAttributes', 'sortableAttributes', 'displayedAttributes']);

function sameValue(current: unknown, desired: unknown, unordered: boolean): boolean {
  if (Array.isArray(desired)) {
    if (!Array.isArray(current) || current.length !== desired.length) return false;
    const norm = (a: unknown[]): string[] => a.map((v) => JSON.stringify(v));
    const [c, d] = [norm(current), norm(desired)];
    if (unordered) {
      c.sort();
      d.sort();
    }
    return c.every((v, i) => v === d[i]);
  }
  if (desired !== null && typeof desired === 'object') {
    if (current === null || typeof current !== 'object') return false;
    const cur = current as Record<string, unknown>;
    // a desired object is a subset: keys Meilisearch adds with defaults are ignored
    return Object.entries(desired as Record<string, unknown>).every(([k, v]) => sameValue(cur[k], v, true));
  }
  return current === desired;
}

/** The desired settings that differ from the current ones (empty when nothing needs updating). */
export function meiliSettingsToApply(current: Settings, desired: Settings = MEILI_SETTINGS): Settings {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    const cur = (current as Record<string, unknown>)[key];
    // synonyms must match exactly (a synonym removed in code must leave the index too)
    const sameKeys = key !== 'synonyms' || Object.keys(cur ?? {}).length === Object.keys(value ?? {}).length;
    if (!sameKeys || !sameValue(cur, value, UNORDERED.has(key))) out[key] = value;
  }
  return out;
}
