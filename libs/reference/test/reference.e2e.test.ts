import { DataSource } from 'typeorm';
import { RegionCodeDirectory } from '@innoserve/identity';
import { categoryIdOf, ReferenceSeeder, ReferenceService, SERVICE_CATEGORY_TREE } from '@innoserve/reference';
import { startTestApp, type TestApp } from '../../../test/support/app.js';

const COUNTY_CODES = ['350502', '350503', '350504', '350505', '350521', '350524', '350525', '350526', '350571', '350572', '350581', '350582', '350583'];
const ROOTS_ZH = ['检验检测认证', '知识产权', '技术转移', '创业孵化', '研发设计', '中试熟化', '科技咨询'];

describe('reference data (regions and service categories)', () => {
  let t: TestApp;
  let ds: DataSource;
  let reference: ReferenceService;

  const counts = async () => {
    const [{ regions }] = await ds.query(`SELECT count(*)::int AS regions FROM region`);
    const [{ categories }] = await ds.query(`SELECT count(*)::int AS categories FROM service_category`);
    return { regions, categories };
  };

  beforeAll(async () => {
    t = await startTestApp();
    ds = t.app.get(DataSource);
    reference = t.app.get(ReferenceService);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/v1/regions', () => {
    it('lists 泉州市 and every county-level division and functional zone, without signing in', async () => {
      const res = await t.request('GET', '/api/v1/regions');
      expect(res.status).toBe(200);
      const byCode = new Map<string, any>(res.body.map((r: any) => [r.code, r]));
      expect(byCode.get('350500')).toEqual({ code: '350500', nameZh: '泉州市', nameEn: 'Quanzhou City', level: 'city', parentCode: null, isFunctionalZone: false });
      const counties = res.body.filter((r: any) => r.level === 'county').map((r: any) => r.code);
      expect(counties.sort()).toEqual(COUNTY_CODES);
      expect(res.body).toHaveLength(1 + COUNTY_CODES.length);
      for (const code of COUNTY_CODES) expect(byCode.get(code).parentCode).toBe('350500');
    });

    it('names the divisions exactly and flags only the two functional zones', async () => {
      const res = await t.request('GET', '/api/v1/regions');
      const byCode = new Map<string, any>(res.body.map((r: any) => [r.code, r]));
      expect(byCode.get('350582')).toMatchObject({ nameZh: '晋江市', nameEn: 'Jinjiang City', isFunctionalZone: false });
      expect(byCode.get('350521')).toMatchObject({ nameZh: '惠安县', nameEn: "Hui'an County" });
      expect(byCode.get('350571')).toMatchObject({ nameZh: '泉州开发区', isFunctionalZone: true, level: 'county' });
      expect(byCode.get('350572')).toMatchObject({ nameZh: '泉州台商投资区', isFunctionalZone: true, level: 'county' });
      expect(res.body.filter((r: any) => r.isFunctionalZone).map((r: any) => r.code).sort()).toEqual(['350571', '350572']);
    });
  });

  describe('GET /api/v1/categories', () => {
    it('returns the tree: seven roots in order, each with three to six sub-categories', async () => {
      const res = await t.request('GET', '/api/v1/categories');
      expect(res.status).toBe(200);
      expect(res.body.map((c: any) => c.nameZh)).toEqual(ROOTS_ZH);
      for (const root of res.body) {
        expect(root.parentId).toBeNull();
        expect(root.path).toBe(root.code);
        expect(root.nameEn).toMatch(/[A-Za-z]/);
        expect(root.children.length).toBeGreaterThanOrEqual(3);
        expect(root.children.length).toBeLessThanOrEqual(6);
        for (const child of root.children) {
          expect(child.parentId).toBe(root.id);
          expect(child.path).toBe(`${root.code}/${child.code}`);
          expect(child.children).toEqual([]);
        }
      }
    });

    it('uses ids derived from the codes, the same on every installation', async () => {
      const res = await t.request('GET', '/api/v1/categories');
      const testing = res.body.find((c: any) => c.code === 'testing');
      expect(testing.id).toBe(categoryIdOf('testing'));
      const textile = testing.children.find((c: any) => c.code === 'testing.textile');
      expect(textile).toMatchObject({ id: categoryIdOf('testing.textile'), nameZh: '纺织服装检测' });
    });
  });

  describe('seeding', () => {
    it('leaves the counts unchanged when it runs again', async () => {
      const before = await counts();
      const expectedCategories = SERVICE_CATEGORY_TREE.reduce((n, r) => n + 1 + (r.children?.length ?? 0), 0);
      expect(before).toEqual({ regions: 14, categories: expectedCategories });
      await t.app.get(ReferenceSeeder).seed();
      await t.app.get(ReferenceSeeder).seed();
      expect(await counts()).toEqual(before);
    });

    it('restores an edited name and refreshes what the service reads', async () => {
      await ds.query(`UPDATE region SET name_zh = '改名' WHERE code = '350582'`);
      await ds.query(`UPDATE service_category SET name_zh = '改名' WHERE code = 'ip'`);
      await t.app.get(ReferenceSeeder).seed();
      expect((await reference.getRegion('350582'))?.nameZh).toBe('晋江市');
      const [{ name_zh }] = await ds.query(`SELECT name_zh FROM service_category WHERE code = 'ip'`);
      expect(name_zh).toBe('知识产权');
    });
  });

  describe(ReferenceService.name, () => {
    it('covers a root and all its children with descendantIds', async () => {
      const tree = await reference.listCategories();
      const ip = tree.find((c) => c.code === 'ip')!;
      const ids = await reference.descendantIds(ip.id);
      expect(ids.sort()).toEqual([ip.id, ...ip.children.map((c) => c.id)].sort());
      const leaf = ip.children[0];
      expect(await reference.descendantIds(leaf.id)).toEqual([leaf.id]);
      expect(await reference.descendantIds('00000000-0000-4000-8000-000000000000')).toEqual([]);
      expect(await reference.descendantIds('not-a-uuid')).toEqual([]);
    });

    it('lists a category and its ancestors deepest first', async () => {
      expect(await reference.ancestorIds(categoryIdOf('testing.food'))).toEqual([categoryIdOf('testing.food'), categoryIdOf('testing')]);
    });

    it('knows which categories exist', async () => {
      expect(await reference.categoryExists(categoryIdOf('rd.industrial-design'))).toBe(true);
      expect(await reference.categoryExists(categoryIdOf('rd.industrial-design').toUpperCase())).toBe(true);
      expect(await reference.categoryExists(categoryIdOf('rd.nothing'))).toBe(false);
      expect(await reference.categoryExists('rd')).toBe(false);
      expect((await reference.getCategoryByCode('pilot'))?.nameZh).toBe('中试熟化');
    });

    it('answers region questions', async () => {
      expect(await reference.regionExists('350583')).toBe(true);
      expect(await reference.regionExists('350527')).toBe(false);
      expect(await reference.getRegion('999999')).toBeNull();
      expect(await reference.isCountyLevel('350571')).toBe(true);
      expect(await reference.isCountyLevel('350500')).toBe(false);
      expect(await reference.isCountyLevel('999999')).toBe(false);
      expect(await reference.cityOf('350572')).toBe('350500');
      expect(await reference.cityOf('350500')).toBe('350500');
      expect(await reference.cityOf('999999')).toBeNull();
      expect(await reference.listRegions()).toHaveLength(14);
    });

    it('serves as the region directory identity checks staff codes against', async () => {
      const directory = t.app.get(RegionCodeDirectory, { strict: false });
      expect(await directory.unknownCodes(['350500', '350582', '999999', '350527'])).toEqual(['999999', '350527']);
    });
  });
});
