/**
 * The relevance corpus: the deterministic demo offerings (`demoOfferings` of @innoserve/catalog)
 * of the admitted demo providers (apps/cli/src/seed/demo-data.ts), shaped into SearchDocuments the
 * way CatalogSearchFeed shapes them. Providers get fixed fake ids, so the corpus — and with it the
 * judgments in queries.ts — is stable from run to run.
 *
 * An offering's stable key is `<provider key>:<title>` (e.g. `p01:纺织品甲醛含量检测`); its id is
 * the uuid v5 of that key.
 *
 * The demo has no model numbers, so one more provider (`x01`, a calibration lab) lists instruments
 * and standards whose names differ only in their digits, for the judged queries of words with
 * digits (a typo in the letters is corrected, the digits match exactly).
 */
import { demoOfferings, type DemoOffering } from '@innoserve/catalog';
import { SERVICE_CATEGORY_TREE, categoryIdOf, uuidV5, type CategorySeed } from '@innoserve/reference';
import type { SearchDocument } from '@innoserve/search';
import { DEMO_PROVIDERS } from '../../apps/cli/src/seed/demo-data.js';

/** Namespace of the corpus's fake provider and offering ids. */
const RELEVANCE_NAMESPACE = '5f0e2b7a-6c1d-4e8f-9a3b-2d4c6e8f0a1b';

export interface CorpusEntry {
  /** `<provider key>:<title>` — what judgments name. */
  key: string;
  doc: SearchDocument;
}

interface CategoryInfo {
  path: string[];
  names: string[];
}

function categoryIndex(): Map<string, CategoryInfo> {
  const out = new Map<string, CategoryInfo>();
  const walk = (nodes: readonly CategorySeed[], path: string[], names: string[]) => {
    for (const n of nodes) {
      const id = categoryIdOf(n.code);
      const info = { path: [...path, id], names: [...names, n.nameZh, n.nameEn] };
      out.set(id, info);
      walk(n.children ?? [], info.path, info.names);
    }
  };
  walk(SERVICE_CATEGORY_TREE, [], []);
  return out;
}

function prices(o: DemoOffering): { priceFen: number; priceMaxFen: number } {
  const p = o.pricing;
  const low = (p.kind === 'quote' ? p.minFen : p.priceFen) ?? 0;
  const high = (p.kind === 'quote' ? p.maxFen : p.priceFen) ?? low;
  return { priceFen: low, priceMaxFen: high };
}

const PUBLISHED_AT = new Date('2026-01-05T02:00:00.000Z');

/** x01's offerings: [title, description]; pairs that differ only in digits. */
const MODEL_NUMBER_OFFERINGS: readonly [string, string][] = [
  ['Zephyrine65 疲劳试验机校准', '对Zephyrine65型高频疲劳试验机进行力值与频率校准，出具校准证书。'],
  ['Zephyrine66 疲劳试验机校准', '对Zephyrine66型电液伺服疲劳试验机进行力值与位移校准，出具校准证书。'],
  ['Instron5967 万能材料试验机校准', '双立柱台式万能材料试验机Instron5967的力值、位移与速度校准。'],
  ['Instron5969 万能材料试验机校准', '双立柱台式万能材料试验机Instron5969的力值、位移与速度校准。'],
  ['金属材料轴向疲劳试验（GB/T 3075）', '依据GB/T 3075 轴向力控制方法开展金属材料疲劳试验。'],
  ['合金结构钢化学成分分析（GB/T 3077）', '依据GB/T 3077 对合金结构钢进行化学成分分析。'],
];

function modelNumberEntries(categories: Map<string, CategoryInfo>): CorpusEntry[] {
  const providerId = uuidV5('provider:x01', RELEVANCE_NAMESPACE);
  const categoryId = categoryIdOf('testing.machinery');
  const cat = categories.get(categoryId)!;
  return MODEL_NUMBER_OFFERINGS.map(([title, description], n) => {
    const key = `x01:${title}`;
    return {
      key,
      doc: {
        id: uuidV5(`offering:${key}`, RELEVANCE_NAMESPACE),
        version: 1,
        title,
        description,
        deliverables: '校准证书或试验报告',
        tags: [],
        providerId,
        providerName: '泉州精密仪器计量校准中心',
        providerTypes: ['testing_lab'],
        categoryId,
        categoryPath: cat.path,
        categoryNames: cat.names,
        regionCodes: ['350503'],
        qualificationKinds: [],
        programIds: [],
        priceFen: 80_000,
        priceMaxFen: 80_000,
        leadTimeDays: 5,
        rating: null,
        publishedAt: new Date(PUBLISHED_AT.getTime() + n * 60_000),
      },
    };
  });
}

/** The corpus, in demoOfferings order, then x01's. Throws if two offerings share a key. */
export function relevanceCorpus(): CorpusEntry[] {
  const categories = categoryIndex();
  const out: CorpusEntry[] = [];
  const seen = new Set<string>();
  for (const p of DEMO_PROVIDERS.filter((d) => d.status === 'admitted')) {
    const providerId = uuidV5(`provider:${p.key}`, RELEVANCE_NAMESPACE);
    const offerings = demoOfferings([
      { id: providerId, name: p.name, regionCode: p.regionCode, categoryIds: p.categoryCodes.map(categoryIdOf), qualificationKinds: p.qualifications.map((q) => q.kind) },
    ]);
    offerings.forEach((o, n) => {
      const key = `${p.key}:${o.title}`;
      if (seen.has(key)) throw new Error(`duplicate corpus key ${key}`);
      seen.add(key);
      const cat = categories.get(o.categoryId);
      if (!cat) throw new Error(`unknown category ${o.categoryId} of ${key}`);
      out.push({
        key,
        doc: {
          id: uuidV5(`offering:${key}`, RELEVANCE_NAMESPACE),
          version: 1,
          title: o.title,
          description: o.description,
          deliverables: o.deliverables,
          tags: [...o.tags],
          providerId,
          providerName: p.name,
          providerTypes: [...p.providerTypes],
          categoryId: o.categoryId,
          categoryPath: cat.path,
          categoryNames: cat.names,
          regionCodes: [...o.regionCodes],
          qualificationKinds: [...o.qualificationKinds],
          programIds: [],
          ...prices(o),
          leadTimeDays: o.leadTimeDays,
          rating: null,
          publishedAt: new Date(PUBLISHED_AT.getTime() + n * 60_000),
        },
      });
    });
  }
  out.push(...modelNumberEntries(categories));
  return out;
}
