import { categoryIdOf } from '@innoserve/reference';
import { MEILI_SETTINGS, meiliDocumentOf, meiliSettingsToApply } from './meili-settings.js';

describe(meiliSettingsToApply.name, () => {
  it('applies every setting to a fresh index', () => {
    expect(Object.keys(meiliSettingsToApply({})).sort()).toEqual(Object.keys(MEILI_SETTINGS).sort());
  });

  it('applies nothing when the index already has the settings, whatever order Meilisearch lists sets in', () => {
    const current = {
      ...MEILI_SETTINGS,
      filterableAttributes: [...(MEILI_SETTINGS.filterableAttributes as string[])].reverse(),
      sortableAttributes: [...(MEILI_SETTINGS.sortableAttributes as string[])].sort(),
      // Meilisearch reports defaults for keys we do not set
      typoTolerance: { ...MEILI_SETTINGS.typoTolerance, disableOnWords: [] },
      faceting: { ...MEILI_SETTINGS.faceting },
      stopWords: [],
    };
    expect(meiliSettingsToApply(current)).toEqual({});
  });

  it('re-applies only what differs: ranked attribute order, typo sizes, a removed synonym', () => {
    const searchable = [...(MEILI_SETTINGS.searchableAttributes as string[])];
    [searchable[0], searchable[1]] = [searchable[1], searchable[0]];
    const synonyms = { ...(MEILI_SETTINGS.synonyms as Record<string, string[]>), obsolete: ['old'] };
    const current = { ...MEILI_SETTINGS, searchableAttributes: searchable, typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } }, synonyms };
    expect(Object.keys(meiliSettingsToApply(current)).sort()).toEqual(['searchableAttributes', 'synonyms', 'typoTolerance']);
  });

  it('declares the attributes the engine filters, sorts and facets on', () => {
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(expect.arrayContaining(['id', 'categoryPath', 'providerTypes', 'regionCoverage', 'regionCodes', 'qualificationKinds', 'programIds', 'priceFen', 'priceMaxFen', 'leadTimeDays']));
    expect(MEILI_SETTINGS.sortableAttributes).toEqual(expect.arrayContaining(['priceFen', 'rating', 'publishedAt']));
    expect((MEILI_SETTINGS.searchableAttributes as string[]).slice(0, 2)).toEqual(['title', 'titleTokens']);
    expect(MEILI_SETTINGS.synonyms).toMatchObject({ 专利: expect.arrayContaining(['patent', '知识产权', 'ip']) });
    // Meilisearch matches a multi-word synonym as a phrase itself: the pair goes in as it is
    expect(MEILI_SETTINGS.synonyms).toMatchObject({ 农残: ['农药残留'], 农药残留: ['农残'] });
    expect(MEILI_SETTINGS.localizedAttributes?.[0].locales).toEqual(['cmn', 'eng']);
  });
});

describe(meiliDocumentOf.name, () => {
  it('adds jieba cut-for-search tokens so a sub-word is a word of its own, and expands regions', () => {
    const doc = meiliDocumentOf({
      id: '00000000-0000-4000-8000-000000000001',
      version: 3,
      title: '智能门锁结构设计（安装简单）Zephyrine65',
      description: '纺织品检测，Instron5967 试验机',
      deliverables: '报告',
      tags: ['门锁'],
      providerId: '00000000-0000-4000-8000-000000000002',
      providerName: '设计院',
      providerTypes: ['rd_design'],
      categoryId: categoryIdOf('rd.product-development'),
      categoryPath: [categoryIdOf('rd')],
      categoryNames: ['产品研发'],
      regionCodes: ['350582'],
      qualificationKinds: [],
      programIds: [],
      priceFen: 100,
      priceMaxFen: 200,
      leadTimeDays: 3,
      rating: null,
      publishedAt: new Date('2025-01-02T03:04:05Z'),
    });
    expect(doc.titleTokens.split(' ')).toEqual(expect.arrayContaining(['安装', '简单', '安装简单']));
    expect(doc.bodyTokens.split(' ')).toEqual(expect.arrayContaining(['纺织', '纺织品', '检测']));
    // words with digits: letters and digits as words of their own in the token fields only
    expect(doc.titleTokens).toContain('zephyrine 65');
    expect(doc.bodyTokens).toContain('instron 5967');
    expect(doc.title).toContain('Zephyrine65');
    expect(doc.regionCoverage).toEqual(['350582', '350500']);
    expect(doc.categoryPath).toEqual([categoryIdOf('rd'), categoryIdOf('rd.product-development')]);
    expect(doc.publishedAt).toBe(Date.parse('2025-01-02T03:04:05Z'));
  });
});

describe('MEILI_SETTINGS typo tolerance', () => {
  it('takes typos only where words with digits are cut into letters and digits, and never in numbers', () => {
    const typo = MEILI_SETTINGS.typoTolerance!;
    expect(typo.disableOnNumbers).toBe(true);
    const typoFields = (MEILI_SETTINGS.searchableAttributes as string[]).filter((a) => !typo.disableOnAttributes!.includes(a));
    // the token fields, and the short fields the token fields do not carry (names, qualification codes)
    expect(typoFields.sort()).toEqual(['bodyTokens', 'providerName', 'qualificationKinds', 'titleTokens']);
  });

  it('ranks by a requested sort before relevance', () => {
    expect(MEILI_SETTINGS.rankingRules?.[0]).toBe('sort');
  });
});
