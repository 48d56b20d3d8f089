import type { SearchDocument } from './search-document.js';
import type { SearchHit } from './search-result.js';
import { highlight, type HighlightTerms } from './text/highlighter.js';

export type StoredHit = Omit<SearchHit, 'highlight'>;

/** Description snippets are cropped to about this many characters. */
export const SNIPPET_LENGTH = 120;

export function storedHitOf(doc: SearchDocument): StoredHit {
  return {
    id: doc.id,
    title: doc.title,
    providerId: doc.providerId,
    providerName: doc.providerName,
    providerTypes: doc.providerTypes,
    categoryId: doc.categoryId,
    tags: doc.tags,
    regionCodes: doc.regionCodes,
    qualificationKinds: doc.qualificationKinds,
    programIds: doc.programIds,
    priceFen: doc.priceFen,
    priceMaxFen: doc.priceMaxFen,
    leadTimeDays: doc.leadTimeDays,
    rating: doc.rating,
    publishedAt: doc.publishedAt.toISOString(),
  };
}

export function withHighlight(hit: StoredHit, description: string, terms: HighlightTerms): SearchHit {
  return {
    ...hit,
    highlight: {
      title: highlight(hit.title, terms),
      description: highlight(description, terms, { crop: SNIPPET_LENGTH }),
    },
  };
}
