import { ValidationFailedError } from '@innoserve/core';
import { normalizeSearchQuery, pageWindow, SEARCH_LIMITS } from './search-query.js';

describe(normalizeSearchQuery.name, () => {
  it('applies defaults and trims', () => {
    expect(normalizeSearchQuery({ q: '  纺织 检测 ', region: ' 350582 ' })).toMatchObject({ q: '纺织 检测', region: '350582', sort: 'relevance', page: 1, pageSize: 20, category: null, priceMinFen: null });
    expect(normalizeSearchQuery({ q: '   ' }).q).toBe('');
  });

  it('rejects an unknown sort, a page size above 100, an oversize query, a bad number and an inverted price range', () => {
    const bad = [{ sort: 'cheapest' }, { pageSize: 101 }, { page: 0 }, { q: 'x'.repeat(SEARCH_LIMITS.maxQueryLength + 1) }, { priceMinFen: 1.5 }, { priceMinFen: 9, priceMaxFen: 3 }, { category: 'c'.repeat(101) }];
    for (const q of bad) {
      expect(() => normalizeSearchQuery(q as never)).toThrow(ValidationFailedError);
    }
  });
});

describe(pageWindow.name, () => {
  it('serves ranks up to maxReachableResults only', () => {
    expect(pageWindow({ page: 1, pageSize: 20 })).toEqual({ offset: 0, limit: 20 });
    expect(pageWindow({ page: 34, pageSize: 30 })).toEqual({ offset: 990, limit: 10 });
    expect(pageWindow({ page: 51, pageSize: 20 })).toBeNull();
  });
});
