// The SearchEngine contract: one suite, run against every adapter (PostgresEngine in every run,
// MeilisearchEngine when MEILI_HOST is set). Each engine gets a fresh, empty index.
import { categoryIdOf } from '@innoserve/reference';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from '@innoserve/search';
import { FIXTURES, byNumber, fixtureId, fixtureDocument } from './fixtures.js';

export interface EngineUnderTest {
  engine: SearchEngine;
  close(): Promise<void>;
}

const ids = (r: SearchResult): string[] => r.items.map((h) => h.id);
const n = (...nums: number[]): string[] => nums.map(fixtureId);

// what docs/product.md says the filters mean, written out plainly over the fixtures
const CITY = '350500';
const covers = (doc: SearchDocument, region: string): boolean =>
  doc.regionCodes.some((r) => r === region || (region === CITY && r.startsWith('3505')) || (r === CITY && region.startsWith('3505')));

export function describeSearchEngineContract(label: string, open: () => Promise<EngineUnderTest>): void {
  describe(`SearchEngine contract: ${label}`, () => {
    let t: EngineUnderTest;
    let engine: SearchEngine;
    const search = (q: SearchQuery): Promise<SearchResult> => engine.search({ pageSize: 100, ...q });

    beforeAll(async () => {
      t = await open();
      engine = t.engine;
      await engine.ensureSetup();
      await engine.ensureSetup(); // idempotent
      await engine.upsert(FIXTURES);
    });
    afterAll(async () => t?.close());

    describe('matching', () => {
      it('finds textile-testing offerings for 纺织 检测, and nothing that lacks either word', async () => {
        const r = await search({ q: '纺织 检测' });
        expect(new Set(ids(r))).toEqual(new Set(n(1, 2, 3, 31)));
        expect(r.total).toBe(4);
        expect(r.estimated).toBe(false);
        expect(r.engine).toBe(engine.name);
        expect(r.tookMs).toBeGreaterThanOrEqual(0);
      });

      it('finds the same offerings when the words are typed together (纺织检测)', async () => {
        expect(new Set(ids(await search({ q: '纺织检测' })))).toEqual(new Set(n(1, 2, 3, 31)));
      });

      it('still finds patent services when patent is mistyped as patnet', async () => {
        const r = await search({ q: 'patnet' });
        expect(ids(r)).toEqual(expect.arrayContaining(n(12, 13, 14)));
        expect(ids(r)).not.toContain(fixtureId(4));
      });

      it('finds a Chinese sub-word: 简单 finds 安装简单', async () => {
        expect(ids(await search({ q: '简单' }))).toEqual([fixtureId(25)]);
      });

      it('matches English text with stemming and Chinese synonyms (textile testing finds 纺织 检测 offerings)', async () => {
        const r = await search({ q: 'textile testing' });
        expect(ids(r)).toEqual(expect.arrayContaining(n(1, 2, 31)));
        expect(ids(r)[0]).toBe(fixtureId(31)); // the user's own words in the title rank first
      });

      it('expands synonyms: 专利 finds the English patent filing offering', async () => {
        expect(ids(await search({ q: '专利' }))).toEqual(expect.arrayContaining(n(12, 13, 14, 16, 17)));
      });

      it('finds qualification names such as CNAS, mixed with Chinese', async () => {
        const r = await search({ q: 'CNAS 认可' });
        expect(ids(r)[0]).toBe(fixtureId(10));
      });

      it('matches the word being typed as a prefix (emis finds emission)', async () => {
        expect(ids(await search({ q: 'emis' }))).toEqual([fixtureId(9)]);
      });

      it('ranks a title match above a description match', async () => {
        const r = await search({ q: '专利检索' });
        expect(ids(r)[0]).toBe(fixtureId(16));
      });

      it('returns every offering, best rated first, for an empty query', async () => {
        const r = await search({});
        expect(r.total).toBe(FIXTURES.length);
        const ratings = r.items.map((h) => h.rating ?? -1);
        expect(ratings).toEqual([...ratings].sort((a, b) => b - a));
      });

      it('treats injection attempts in q and in filters as plain text', async () => {
        for (const q of [`'; DROP TABLE search_document; --`, `" OR 1=1 --`, `\\' OR '1'='1`, `纺织') OR ('1'='1`, '*:*', 'id EXISTS OR title EXISTS', `<script>alert(1)</script>`, `a:* | b & !c <-> d`, '\u0000\u0002\u0003']) {
          const r = await search({ q });
          expect(r.items.every((h) => typeof h.id === 'string')).toBe(true);
        }
        for (const evil of [`x" OR categoryPath EXISTS OR "`, `350582' OR '1'='1`, `\\"`, `") OR (id EXISTS`]) {
          expect((await search({ category: evil })).total).toBe(0);
          expect((await search({ region: evil })).total).toBe(0);
          expect((await search({ program: evil })).total).toBe(0);
        }
        expect(await engine.count()).toBe(FIXTURES.length);
      });
    });

    describe('facets', () => {
      it('counts categories up the tree, provider types, regions, qualifications and programs over the matches', async () => {
        const r = await search({ q: '纺织 检测' });
        expect(r.facets.category).toEqual({ [categoryIdOf('testing.textile')]: 4, [categoryIdOf('testing')]: 4 });
        expect(r.facets.providerType).toEqual({ testing_lab: 4 });
        expect(r.facets.region).toEqual({ '350582': 4, '350581': 2, '350500': 4 });
        expect(r.facets.qualification).toEqual({ CMA: 3, CNAS: 2 });
        expect(r.facets.program).toEqual({ 'prog-2025': 2 });
      });

      it('counts facets of a filtered browse exactly as the documents say', async () => {
        const r = await search({ category: categoryIdOf('ip') });
        const docs = FIXTURES.filter((d) => d.categoryPath.includes(categoryIdOf('ip')));
        expect(r.total).toBe(docs.length);
        const count = (values: string[]): Record<string, number> => {
          const out: Record<string, number> = {};
          for (const v of values) out[v] = (out[v] ?? 0) + 1;
          return out;
        };
        expect(r.facets.providerType).toEqual(count(docs.flatMap((d) => d.providerTypes)));
        expect(r.facets.qualification).toEqual(count(docs.flatMap((d) => d.qualificationKinds)));
        expect(r.facets.category).toEqual(count(docs.flatMap((d) => d.categoryPath)));
        const regionKeys = docs.flatMap((d) => [...new Set(d.regionCodes.flatMap((c) => (c === CITY ? [c] : [c, CITY])))]);
        expect(r.facets.region).toEqual(count(regionKeys));
      });
    });

    describe('filters', () => {
      it('covers sub-categories when filtering by a top category', async () => {
        const r = await search({ category: categoryIdOf('testing') });
        expect(new Set(ids(r))).toEqual(new Set(FIXTURES.filter((d) => d.categoryPath.includes(categoryIdOf('testing'))).map((d) => d.id)));
        expect(r.total).toBe(12);
      });

      it('covers the counties when filtering by the city code, and the whole city when filtering by a county', async () => {
        const city = await search({ region: CITY });
        expect(city.total).toBe(FIXTURES.length);
        const jinjiang = await search({ region: '350582' });
        expect(new Set(ids(jinjiang))).toEqual(new Set(FIXTURES.filter((d) => covers(d, '350582')).map((d) => d.id)));
        expect(ids(jinjiang)).toContain(fixtureId(10)); // serves 350500 as a whole
        expect(ids(jinjiang)).not.toContain(fixtureId(4)); // serves 丰泽 only
        const zone = await search({ region: '350571' });
        expect(new Set(ids(zone))).toEqual(new Set(FIXTURES.filter((d) => covers(d, '350571')).map((d) => d.id)));
      });

      it('combines text, category, region, qualification, price range and lead time', async () => {
        const r = await search({ q: '检测', category: categoryIdOf('testing'), region: '350582', qualification: 'CMA', priceMinFen: 60_000, priceMaxFen: 130_000, leadTimeMaxDays: 7 });
        expect(new Set(ids(r))).toEqual(new Set(n(1, 3)));
        const priced = await search({ priceMinFen: 1_000_000 });
        expect(new Set(ids(priced))).toEqual(new Set(FIXTURES.filter((d) => d.priceMaxFen >= 1_000_000).map((d) => d.id)));
        const cheap = await search({ priceMaxFen: 30_000 });
        expect(new Set(ids(cheap))).toEqual(new Set(FIXTURES.filter((d) => d.priceFen <= 30_000).map((d) => d.id)));
        const quick = await search({ leadTimeMaxDays: 4, providerType: 'testing_lab' });
        expect(new Set(ids(quick))).toEqual(new Set(FIXTURES.filter((d) => d.leadTimeDays <= 4 && d.providerTypes.includes('testing_lab')).map((d) => d.id)));
        const program = await search({ program: 'prog-2025' });
        expect(new Set(ids(program))).toEqual(new Set(n(1, 2, 6, 12, 29)));
      });
    });

    describe('sorting and paging', () => {
      it('sorts by price ascending and descending', async () => {
        const asc = await search({ sort: 'price_asc' });
        const prices = asc.items.map((h) => h.priceFen);
        expect(prices).toEqual([...prices].sort((a, b) => a - b));
        expect(asc.items).toHaveLength(FIXTURES.length);
        const desc = await search({ q: '检测', sort: 'price_desc' });
        const dp = desc.items.map((h) => h.priceFen);
        expect(dp.length).toBeGreaterThan(5);
        expect(dp).toEqual([...dp].sort((a, b) => b - a));
      });

      it('sorts by rating and by newest', async () => {
        const rated = (await search({ sort: 'rating' })).items.map((h) => h.rating ?? -1);
        expect(rated).toEqual([...rated].sort((a, b) => b - a));
        const newest = (await search({ sort: 'newest' })).items.map((h) => Date.parse(h.publishedAt));
        expect(newest).toEqual([...newest].sort((a, b) => b - a));
        expect((await search({ sort: 'newest' })).items[0].id).toBe(fixtureId(31));
      });

      it('pages without overlap and reports the page', async () => {
        const all = ids(await search({ sort: 'price_asc' }));
        const p1 = await engine.search({ sort: 'price_asc', page: 1, pageSize: 10 });
        const p2 = await engine.search({ sort: 'price_asc', page: 2, pageSize: 10 });
        expect([...ids(p1), ...ids(p2)]).toEqual(all.slice(0, 20));
        expect(p2).toMatchObject({ page: 2, pageSize: 10, total: FIXTURES.length });
        expect((await engine.search({ page: 200, pageSize: 10 })).items).toEqual([]);
      });
    });

    describe('highlighting', () => {
      it('marks the matched words with <em> in the title and the description snippet', async () => {
        const r = await search({ q: '色牢度' });
        const hit = r.items.find((h) => h.id === fixtureId(2))!;
        expect(hit.highlight.title).toBe('服装面料<em>色牢度</em>检测');
        expect(hit.highlight.description).toContain('<em>色牢度</em>');
      });

      it('marks typo-corrected and sub-word matches, and escapes HTML', async () => {
        const typo = (await search({ q: 'patnet' })).items.find((h) => h.id === fixtureId(13))!;
        expect(typo.highlight.title).toContain('<em>Patent</em>');
        const sub = (await search({ q: '简单' })).items[0];
        expect(sub.highlight.title).toBe('智能门锁结构设计（安装<em>简单</em>）');
        const html = (await search({ q: '数字化转型' })).items.find((h) => h.id === fixtureId(30))!;
        expect(html.highlight.description).toContain('&lt;script&gt;');
        expect(html.highlight.description).not.toContain('<script>');
      });

      it('returns the hit fields of the document', async () => {
        const hit = (await search({ q: '商标注册' })).items.find((h) => h.id === fixtureId(15))!;
        const doc = byNumber(15);
        expect(hit).toMatchObject({
          title: doc.title,
          providerId: doc.providerId,
          providerName: doc.providerName,
          categoryId: doc.categoryId,
          priceFen: doc.priceFen,
          priceMaxFen: doc.priceMaxFen,
          leadTimeDays: doc.leadTimeDays,
          regionCodes: doc.regionCodes,
          publishedAt: doc.publishedAt.toISOString(),
        });
      });
    });

    describe('writes', () => {
      const extra = (k: number, version: number, title: string): SearchDocument => ({
        ...fixtureDocument({ n: 900 + k, title, description: '临时测试文档', provider: [99, '测试机构', ['consulting']], category: 'consulting.technology-strategy', regions: ['350502'], price: 1000, lead: 1, days: 1 }, version),
      });

      it('lists every id with its version', async () => {
        const versions = await engine.listVersions();
        expect(new Map(versions.map((v) => [v.id, v.version]))).toEqual(new Map(FIXTURES.map((d) => [d.id, d.version])));
      });

      it('answers the versions of given ids, leaving out the absent ones', async () => {
        const [a, b] = FIXTURES;
        const missing = '00000000-0000-4000-8000-00000000dead';
        expect(await engine.versionsOf([b.id, missing, a.id, a.id])).toEqual([{ id: a.id, version: a.version }, { id: b.id, version: b.version }].sort((x, y) => (x.id < y.id ? -1 : 1)));
        expect(await engine.versionsOf([])).toEqual([]);
      });

      it('replaces a document on a higher version and ignores an older one', async () => {
        await engine.upsert([extra(1, 1, '量子通信战略咨询')]);
        expect(ids(await search({ q: '量子通信' }))).toEqual([fixtureId(901)]);
        await engine.upsert([extra(1, 3, '氢能产业战略咨询')]);
        expect(ids(await search({ q: '量子通信' }))).toEqual([]);
        expect(ids(await search({ q: '氢能' }))).toEqual([fixtureId(901)]);
        await engine.upsert([extra(1, 2, '量子通信战略咨询')]);
        expect(ids(await search({ q: '氢能' }))).toEqual([fixtureId(901)]);
        expect((await engine.listVersions()).find((v) => v.id === fixtureId(901))?.version).toBe(3);
      });

      it('removes deleted documents from results, facets and counts', async () => {
        await engine.upsert([extra(2, 1, '石墨烯应用咨询')]);
        expect((await search({ q: '石墨烯' })).total).toBe(1);
        const before = await engine.count();
        await engine.delete([fixtureId(902), fixtureId(999)]);
        const r = await search({ q: '石墨烯' });
        expect(r.total).toBe(0);
        expect(r.items).toEqual([]);
        expect(await engine.count()).toBe(before - 1);
      });

      it('rebuilds beside the live index and swaps it in while search keeps answering', async () => {
        await engine.delete([fixtureId(901)]);
        const build = await engine.beginRebuild();
        let stop = false;
        let answered = 0;
        const failures: string[] = [];
        const watcher = (async () => {
          while (!stop) {
            const r = await search({ q: '专利' });
            if (r.total === 0) failures.push('empty result during rebuild');
            answered++;
          }
        })();
        try {
          for (let i = 0; i < FIXTURES.length; i += 7) await build.upsert(FIXTURES.slice(i, i + 7).map((d) => ({ ...d, version: d.version + 1 })));
          await build.upsert([extra(3, 1, '碳足迹核算咨询')]);
          // a live write during the build reaches the new index too
          await engine.upsert([extra(4, 1, '绿色工厂评价咨询')]);
          expect(await build.count()).toBe(FIXTURES.length + 2);
          expect(ids(await search({ q: '碳足迹' }))).toEqual([]); // not live yet
          await build.commit();
        } finally {
          stop = true;
          await watcher;
        }
        expect(failures).toEqual([]);
        expect(answered).toBeGreaterThan(0);
        expect(ids(await search({ q: '碳足迹' }))).toEqual([fixtureId(903)]);
        expect(ids(await search({ q: '绿色工厂' }))).toEqual([fixtureId(904)]);
        expect(new Set(ids(await search({ q: '纺织 检测' })))).toEqual(new Set(n(1, 2, 3, 31)));
        const versions = new Map((await engine.listVersions()).map((v) => [v.id, v.version]));
        expect(versions.get(fixtureId(1))).toBe(2);
        expect(versions.size).toBe(FIXTURES.length + 2);
      });

      it('leaves the live index untouched when a rebuild is aborted', async () => {
        const build = await engine.beginRebuild();
        await build.upsert([extra(5, 1, '废弃的重建文档')]);
        await build.abort();
        expect(ids(await search({ q: '废弃' }))).toEqual([]);
        expect(await engine.count()).toBe(FIXTURES.length + 2);
        await engine.upsert([extra(6, 1, '重建放弃后仍可写入')]);
        expect(ids(await search({ q: '放弃' }))).toEqual([fixtureId(906)]);
      });
    });

    // last: its offerings stay in the index, and no check above counts them
    describe('typo tolerance in words with digits', () => {
      const model = (k: number, title: string): SearchDocument =>
        fixtureDocument({ n: 950 + k, title, description: '设备型号与标准见标题。', provider: [98, '型号测试实验室', ['testing_lab']], category: 'testing.machinery', regions: ['350503'], price: 5000, lead: 3, days: 4 });

      beforeAll(async () => {
        await engine.upsert([
          model(1, 'Zephyrine65 疲劳试验机校准'),
          model(2, 'Zephyrine66 疲劳试验机校准'),
          model(3, 'Instron5967 万能材料试验机检测'),
          model(4, 'Instron5968 万能材料试验机检测'),
          model(5, 'EMC2000 电波暗室租用'),
          model(6, '耐摩擦色牢度试验 GB/T 3920'),
          model(7, '耐皂洗色牢度试验 GB/T 3921'),
        ]);
      });

      it('corrects the letters of a model number: Zephyrne65 finds Zephyrine65, not Zephyrine66', async () => {
        expect(ids(await search({ q: 'Zephyrne65' }))).toEqual([fixtureId(951)]);
        expect(ids(await search({ q: 'zephyrine65' }))).toEqual([fixtureId(951)]);
        expect(ids(await search({ q: 'Instorn5967' }))).toEqual([fixtureId(953)]);
        expect(ids(await search({ q: 'Instorn5967 试验机' }))).toEqual([fixtureId(953)]);
      });

      it('matches the digits exactly: Zephyrine67, Instron5969 and EMC2001 find nothing', async () => {
        expect((await search({ q: 'Zephyrine67' })).total).toBe(0);
        expect((await search({ q: 'Instron5969' })).total).toBe(0);
        expect((await search({ q: 'EMC2001' })).total).toBe(0);
        expect(ids(await search({ q: 'emc2000' }))).toEqual([fixtureId(955)]);
      });

      it('never corrects a number: GB/T 3920 finds 3920, not 3921', async () => {
        expect(ids(await search({ q: 'GB/T 3920' }))).toEqual([fixtureId(956)]);
        expect(ids(await search({ q: '3921' }))).toEqual([fixtureId(957)]);
        expect(ids(await search({ q: '色牢度 3920' }))).toEqual([fixtureId(956)]);
      });

      it('marks the corrected model number in the title', async () => {
        const hit = (await search({ q: 'Zephyrne65' })).items[0];
        expect(hit.highlight.title).toContain('<em>Zephyrine');
        expect(hit.highlight.title).not.toContain('<em>疲劳');
      });
    });
  });
}
