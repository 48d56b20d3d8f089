// GET /api/v1/search/offerings and /search/providers over HTTP, on the real API with PostgresEngine.
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { categoryIdOf } from '@innoserve/reference';
import { SearchEngine, SearchUnavailableError } from '@innoserve/search';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { admittedProvider, appliedProvider } from '../../catalog/test/support.js';
import { byNumber, FIXTURES } from './contract/fixtures.js';

const OFFERINGS = '/api/v1/search/offerings';

function url(base: string, params: Record<string, string | number>): string {
  return `${base}?${new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}

describe('Search HTTP API', () => {
  let t: TestApp;
  let officer: AuthSession;

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMISSION_NOTICE_DAYS: '0' } });
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    await t.app.get(SearchEngine).upsert(FIXTURES);
  });
  afterAll(async () => t?.close());

  describe('GET /search/offerings', () => {
    it('finds textile testing for 纺织 检测 with facets, the engine name and the time taken', async () => {
      const res = await t.request('GET', url(OFFERINGS, { q: '纺织 检测' }));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(byNumber(1).id);
      expect(res.body.items[0].category).toBe(categoryIdOf('testing.textile'));
      expect(res.body.items[0].provider).toEqual({ id: byNumber(1).providerId, name: '泉州市纤维检验所', providerTypes: ['testing_lab'] });
      expect(res.body.items[0].highlight.title).toContain('<em>');
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.facets.category[categoryIdOf('testing.textile')]).toBeGreaterThan(0);
      expect(Object.keys(res.body.facets).sort()).toEqual(['category', 'program', 'providerType', 'qualification', 'region']);
      expect(res.body).toMatchObject({ page: 1, pageSize: 20, engine: 'postgres', estimated: false });
      expect(typeof res.body.tookMs).toBe('number');
    });

    it('sorts by price ascending and pages', async () => {
      const res = await t.request('GET', url(OFFERINGS, { sort: 'price_asc', pageSize: 10, page: 2 }));
      expect(res.status).toBe(200);
      const prices = res.body.items.map((i: { priceFen: number }) => i.priceFen);
      expect(prices).toHaveLength(10);
      expect([...prices].sort((a, b) => a - b)).toEqual(prices);
      const cheapest = [...FIXTURES].map((d) => d.priceFen).sort((a, b) => a - b);
      expect(prices[0]).toBe(cheapest[10]);
      expect(res.body.total).toBe(FIXTURES.length);
    });

    it('sorts by newest and by rating', async () => {
      const newest = await t.request('GET', url(OFFERINGS, { sort: 'newest', pageSize: 1 }));
      expect(newest.body.items.map((i: { id: string }) => i.id)).toEqual([byNumber(31).id]);
      const rating = await t.request('GET', url(OFFERINGS, { sort: 'rating', pageSize: 5 }));
      const ratings = rating.body.items.map((i: { rating: number }) => i.rating);
      expect([...ratings].sort((a, b) => b - a)).toEqual(ratings);
      expect(ratings[0]).toBe(4.9);
    });

    it('answers 503 problem+json when the engine is unavailable', async () => {
      const spy = jest.spyOn(t.app.get(SearchEngine), 'search').mockRejectedValueOnce(new SearchUnavailableError(new Error('connection refused')));
      try {
        const res = await t.request('GET', url(OFFERINGS, { q: '检测' }));
        expect(res.status).toBe(503);
        expect(res.body.code).toBe('SEARCH_UNAVAILABLE');
        expect(res.text).not.toContain('connection refused');
      } finally {
        spy.mockRestore();
      }
    });

    it('applies filters: provider type, region, qualification, price range and lead time', async () => {
      const res = await t.request('GET', url(OFFERINGS, { providerType: 'testing_lab', region: '350582', qualification: 'CMA', priceMinFen: 0, priceMaxFen: 100_000, leadTimeMaxDays: 7 }));
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeGreaterThan(0);
      for (const item of res.body.items) {
        expect(item.provider.providerTypes).toContain('testing_lab');
        expect(item.qualificationKinds).toContain('CMA');
        expect(item.priceFen).toBeLessThanOrEqual(100_000);
        expect(item.leadTimeDays).toBeLessThanOrEqual(7);
      }
    });

    it.each([
      ['pageSize 101', { pageSize: 101 }],
      ['pageSize 0', { pageSize: 0 }],
      ['page 0', { page: 0 }],
      ['an unknown sort', { sort: 'bogus' }],
      ['an unknown parameter', { foo: 'bar' }],
      ['priceMinFen above priceMaxFen', { priceMinFen: 500, priceMaxFen: 100 }],
      ['a negative price', { priceMinFen: -1 }],
      ['a fractional price', { priceMaxFen: '1.5' }],
      ['a price beyond safe integers', { priceMaxFen: '99999999999999999' }],
      ['a category that is not a uuid', { category: 'testing.textile' }],
      ['a program that is not a uuid', { program: "1' OR '1'='1" }],
      ['a region that is not six digits', { region: '3505' }],
      ['an unknown provider type', { providerType: 'lab' }],
      ['an unknown qualification', { qualification: 'ISO' }],
      ['q beyond 200 characters', { q: '检'.repeat(201) }],
    ])('answers 400 problem+json for %s', async (_name, params) => {
      const res = await t.request('GET', url(OFFERINGS, params));
      expect(res.status).toBe(400);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('answers 400 for a repeated q', async () => {
      const res = await t.request('GET', `${OFFERINGS}?q=a&q=b`);
      expect(res.status).toBe(400);
    });

    it('names every bad parameter in the 400, unknown ones first', async () => {
      const res = await t.request('GET', `${OFFERINGS}?pageSize=101&foo=1&sort=bogus`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'foo', message: 'property foo should not exist' },
        { field: 'sort', message: 'sort must be one of the following values: relevance, price_asc, price_desc, rating, newest' },
        { field: 'pageSize', message: 'pageSize must not be greater than 100' },
      ]);
    });

    it('sends the security headers', async () => {
      const res = await t.request('GET', url(OFFERINGS, { q: '检测' }));
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain(`default-src 'self'`);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    });

    it('answers 400 for a NUL character in q', async () => {
      const res = await t.request('GET', `${OFFERINGS}?q=%00abc`);
      expect(res.status).toBe(400);
    });

    it.each([`' OR 1=1 --`, `"; DROP TABLE search_document; --`, '\\', '%_', `'); DELETE FROM organization; --`, '<script>alert(1)</script>'])(
      'treats %s in q as plain text and leaves the tables intact',
      async (q) => {
        const res = await t.request('GET', url(OFFERINGS, { q }));
        expect(res.status).toBe(200);
        expect(Array.isArray(res.body.items)).toBe(true);
        for (const item of res.body.items) expect(item.highlight.title).not.toContain('<script>');
        const [{ n }] = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM search_document');
        expect(n).toBe(FIXTURES.length);
      },
    );

    it('treats injection-looking provider names as plain text too', async () => {
      const res = await t.request('GET', url('/api/v1/search/providers', { q: `%' OR 1=1 --` }));
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
    });

    it('accepts empty parameters as absent', async () => {
      const res = await t.request('GET', `${OFFERINGS}?q=&category=&region=&sort=&page=`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(FIXTURES.length);
    });
  });

  describe('GET /search/providers', () => {
    it('lists an admitted provider and not one that only applied', async () => {
      const admitted = await admittedProvider(t, officer, { name: '泉州市搜索可见检测有限公司' });
      const applied = await appliedProvider(t, { name: '泉州市搜索不可见检测有限公司' });
      const res = await t.request('GET', url('/api/v1/search/providers', { q: '搜索' }));
      expect(res.status).toBe(200);
      const ids = res.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(admitted.id);
      expect(ids).not.toContain(applied.id);
      expect(res.body.items.find((i: { id: string }) => i.id === admitted.id)).toMatchObject({ name: '泉州市搜索可见检测有限公司', providerTypes: ['testing_lab'], regionCode: '350503' });

      const byType = await t.request('GET', url('/api/v1/search/providers', { q: '搜索', providerType: 'ip_service' }));
      expect(byType.body.items).toEqual([]);
      const byCity = await t.request('GET', url('/api/v1/search/providers', { q: '搜索', region: '350500' }));
      expect(byCity.body.items.map((i: { id: string }) => i.id)).toEqual([admitted.id]);
      const otherCounty = await t.request('GET', url('/api/v1/search/providers', { region: '350582' }));
      expect(otherCounty.body.items.map((i: { id: string }) => i.id)).not.toContain(admitted.id);
    });

    it('answers 400 for pageSize 101 and unknown parameters', async () => {
      expect((await t.request('GET', url('/api/v1/search/providers', { pageSize: 101 }))).status).toBe(400);
      expect((await t.request('GET', url('/api/v1/search/providers', { status: 'applied' }))).status).toBe(400);
    });
  });

  describe('GET /health', () => {
    it('reports the search engine and that it answers', async () => {
      const res = await t.request('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body.checks.search).toEqual({ engine: 'postgres', answering: true, documents: FIXTURES.length });
    });

    it('warns, without failing readiness, when the engine does not answer', async () => {
      const spy = jest.spyOn(t.app.get(SearchEngine), 'count').mockRejectedValueOnce(new Error('engine down'));
      try {
        const res = await t.request('GET', '/health');
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('ok');
        expect(res.body.checks.search).toEqual({ engine: 'postgres', answering: false });
        expect(res.body.warnings.join('\n')).toContain('search engine postgres does not answer');
      } finally {
        spy.mockRestore();
      }
    });
  });
});
