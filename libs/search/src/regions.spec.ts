import { regionAncestors, regionCoverage } from './regions.js';
import { facetKeysOf, filterKeysOf, parseFacetKey, queryKeysOf, regionFilterKeys } from './document-keys.js';
import { normalizeSearchQuery } from './search-query.js';

describe('regions', () => {
  it('walks the reference parents, functional zones included, and the GB/T 2260 structure elsewhere', () => {
    expect(regionAncestors('350582')).toEqual(['350500']);
    expect(regionAncestors('350571')).toEqual(['350500']);
    expect(regionAncestors('350500')).toEqual([]);
    expect(regionAncestors('350203')).toEqual(['350200', '350000']);
    expect(regionAncestors('not-a-code')).toEqual([]);
  });

  it('covers the served regions and their ancestors', () => {
    expect(regionCoverage(['350582', '350581'])).toEqual(['350582', '350500', '350581']);
  });

  it('filters a county by offerings serving it or serving its whole city', () => {
    expect(regionFilterKeys('350582')).toEqual(['r:350582', 'rs:350500']);
    expect(regionFilterKeys('350500')).toEqual(['r:350500']);
  });
});

describe('document keys', () => {
  const doc = {
    id: 'x',
    categoryId: 'leaf',
    categoryPath: ['root'],
    providerTypes: ['testing_lab'],
    regionCodes: ['350582'],
    qualificationKinds: ['CMA'],
    programIds: ['p1'],
  } as never;

  it('lists facet keys (category up the tree, regions with ancestors) and filter keys (plus regions served)', () => {
    expect(facetKeysOf(doc)).toEqual(['c:root', 'c:leaf', 't:testing_lab', 'r:350582', 'r:350500', 'q:CMA', 'p:p1']);
    expect(filterKeysOf(doc)).toEqual([...facetKeysOf(doc), 'rs:350582']);
    expect(parseFacetKey('r:350500')).toEqual({ facet: 'region', value: '350500' });
    expect(parseFacetKey('rs:350500')).toBeNull();
  });

  it('turns query filters into required keys and a region alternative', () => {
    expect(queryKeysOf(normalizeSearchQuery({ category: 'c1', qualification: 'CNAS', region: '350582' }))).toEqual({ all: ['c:c1', 'q:CNAS'], any: ['r:350582', 'rs:350500'] });
    expect(queryKeysOf(normalizeSearchQuery({}))).toEqual({ all: [], any: null });
  });
});
