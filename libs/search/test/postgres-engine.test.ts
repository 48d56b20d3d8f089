// PostgresEngine beyond the shared contract: the sampled path for broad queries, the rebuild's
// schema hygiene (the migration drift check must not see a difference after a swap), setup and
// concurrent writes.
import { categoryIdOf } from '@innoserve/reference';
import { PostgresEngine, SEARCH_SQL, type SearchQuery } from '@innoserve/search';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { FIXTURES, fixtureId } from './contract/fixtures.js';
import { openSearchTestDb, type SearchTestDb } from './search-test-db.js';
import { syntheticDocuments } from './support/synthetic-documents.js';

describe(PostgresEngine.name, () => {
  let t: SearchTestDb;

  beforeAll(async () => {
    t = await openSearchTestDb(ALL_ENTITIES);
  });
  afterAll(async () => t?.close());

  beforeEach(async () => {
    await t.ds.query('TRUNCATE search_document, search_document_display, search_term');
  });

  describe('sampled path for broad queries', () => {
    it('serves the same pages as the exact path, with estimated totals and facets', async () => {
      const docs = syntheticDocuments(6000, 7);
      const exact = new PostgresEngine(t.ds, { exactLimit: 1_000_000 });
      const sampled = new PostgresEngine(t.ds, { exactLimit: -1 });
      await exact.ensureSetup();
      await exact.upsert(docs);
      await t.ds.query('ANALYZE search_document');
      const queries: SearchQuery[] = [
        { q: '检测', sort: 'price_asc' },
        { q: '服务', sort: 'newest', region: '350500' },
        { sort: 'price_desc', category: categoryIdOf('testing') },
        { q: 'testing', sort: 'rating', page: 3, pageSize: 10 },
        { sort: 'price_asc', priceMinFen: 1_000_000, leadTimeMaxDays: 30 },
      ];
      for (const q of queries) {
        const a = await exact.search(q);
        const b = await sampled.search(q);
        expect({ q, ids: b.items.map((h) => h.id) }).toEqual({ q, ids: a.items.map((h) => h.id) });
        expect(a.estimated).toBe(false);
        expect(b.estimated).toBe(true);
        expect({ q, total: a.total > 700 }).toEqual({ q, total: true });
        // one offering in eight is counted: the estimate is close, not exact (a sample of ≥ 90 is within 30 % far beyond 3σ)
        expect({ q, deviation: Math.abs(b.total - a.total) / a.total < 0.3 }).toEqual({ q, deviation: true });
        const top = Object.entries(a.facets.category).sort((x, y) => y[1] - x[1])[0];
        expect({ q, deviation: Math.abs((b.facets.category[top[0]] ?? 0) - top[1]) / top[1] < 0.35 }).toEqual({ q, deviation: true });
      }
    });

    it('re-ranks the best-rated window by relevance and keeps the rating order beyond it', async () => {
      const engine = new PostgresEngine(t.ds, { exactLimit: -1, rerankWindow: 5 });
      await engine.upsert(FIXTURES);
      const r = await engine.search({ q: '检测', pageSize: 100 });
      const matches = FIXTURES.filter((d) => r.items.some((h) => h.id === d.id));
      const byRating = [...matches].sort((a, b) => (b.rating ?? -1) - (a.rating ?? -1) || (a.id < b.id ? -1 : 1));
      expect(new Set(r.items.slice(0, 5).map((h) => h.id))).toEqual(new Set(byRating.slice(0, 5).map((d) => d.id)));
      expect(r.items.slice(5).map((h) => h.id)).toEqual(byRating.slice(5).map((d) => d.id));
      // within the window, titles with the word come before descriptions that merely mention it
      const window = r.items.slice(0, 5);
      const titled = window.map((h) => h.title.includes('检测'));
      expect(titled).toEqual([...titled].sort((a, b) => Number(b) - Number(a)));
    });

    it('answers filters and facets of a browse on the sampled path', async () => {
      const engine = new PostgresEngine(t.ds, { exactLimit: -1 });
      await engine.upsert(FIXTURES);
      const r = await engine.search({ category: categoryIdOf('ip'), sort: 'price_asc', pageSize: 100 });
      const expected = FIXTURES.filter((d) => d.categoryPath.includes(categoryIdOf('ip'))).sort((a, b) => a.priceFen - b.priceFen || (a.id < b.id ? -1 : 1));
      expect(r.items.map((h) => h.id)).toEqual(expected.map((d) => d.id));
      expect(r.estimated).toBe(true);
      expect(r.total % 8).toBe(0);
    });
  });

  describe('rebuild', () => {
    const schemaOf = async (): Promise<unknown> =>
      t.ds.query(
        `SELECT c.relname AS table, i.relname AS index, pg_get_indexdef(x.indexrelid) AS def,
                (SELECT array_agg(conname ORDER BY conname) FROM pg_constraint WHERE conrelid = c.oid) AS constraints
         FROM pg_class c JOIN pg_index x ON x.indrelid = c.oid JOIN pg_class i ON i.oid = x.indexrelid
         WHERE c.relname IN ('search_document', 'search_document_display', 'search_term') ORDER BY 1, 2`,
      );

    it('leaves the same tables, index names, definitions and constraints behind after a swap', async () => {
      const engine = new PostgresEngine(t.ds);
      await engine.upsert(FIXTURES.slice(0, 5));
      const before = await schemaOf();
      expect(JSON.stringify(before)).toContain('search_document_tsv_idx');
      const build = await engine.beginRebuild();
      await build.upsert(FIXTURES);
      await build.commit();
      expect(await schemaOf()).toEqual(before);
      expect(await t.ds.query(`SELECT to_regclass('search_document__next') AS next`)).toEqual([{ next: null }]);
      expect(await engine.count()).toBe(FIXTURES.length);
      expect((await engine.search({ q: 'patnet' })).items.map((h) => h.id)).toContain(fixtureId(13)); // the vocabulary was rebuilt too
    });

    it('discards an unfinished earlier build when a new one begins', async () => {
      const engine = new PostgresEngine(t.ds);
      const first = await engine.beginRebuild();
      await first.upsert(FIXTURES.slice(0, 3));
      const second = await engine.beginRebuild();
      expect(await second.count()).toBe(0);
      await expect(first.commit()).rejects.toThrow(); // its tables were replaced by the second build's
      await second.abort();
      await expect(second.upsert(FIXTURES.slice(0, 1))).rejects.toThrow(/already committed or aborted/);
    });
  });

  describe('setup and writes', () => {
    it('re-creates a missing search index on ensureSetup', async () => {
      const engine = new PostgresEngine(t.ds);
      await t.ds.query('DROP INDEX search_document_tsv_idx');
      await engine.ensureSetup();
      expect(await t.ds.query(`SELECT to_regclass('search_document_tsv_idx')::text AS ix`)).toEqual([{ ix: 'search_document_tsv_idx' }]);
      await t.ds.query(SEARCH_SQL); // still idempotent
    });

    it('applies concurrent overlapping batches without deadlocks, keeping the highest version', async () => {
      const engine = new PostgresEngine(t.ds);
      const batches = [1, 2, 3, 4].map((v) => (v % 2 ? [...FIXTURES] : [...FIXTURES].reverse()).map((d) => ({ ...d, version: v })));
      await Promise.all(batches.map((b) => engine.upsert(b)));
      const versions = await engine.listVersions();
      expect(versions).toHaveLength(FIXTURES.length);
      expect(new Set(versions.map((v) => v.version))).toEqual(new Set([4]));
    });

    it('rejects a document it cannot index, naming the field', async () => {
      const engine = new PostgresEngine(t.ds);
      await expect(engine.upsert([{ ...FIXTURES[0], priceFen: 1.5 }])).rejects.toThrow(/priceFen/);
      await expect(engine.upsert([{ ...FIXTURES[0], id: 'not-a-uuid' }])).rejects.toThrow(/id must be a uuid/);
      expect(await engine.count()).toBe(0);
    });

    it('answers 503 SEARCH_UNAVAILABLE when a search statement times out', async () => {
      const engine = new PostgresEngine(t.ds, { statementTimeoutMs: 50 });
      const qr = t.ds.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        await qr.query('LOCK TABLE search_document IN ACCESS EXCLUSIVE MODE');
        await expect(engine.search({ q: '检测' })).rejects.toMatchObject({ status: 503, code: 'SEARCH_UNAVAILABLE' });
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
      expect((await engine.search({ q: '检测' })).total).toBe(0);
    });

    it('answers 400-style validation errors for bad queries before touching the database', async () => {
      const engine = new PostgresEngine(t.ds);
      await expect(engine.search({ sort: 'cheapest' as never })).rejects.toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      await expect(engine.search({ pageSize: 101 })).rejects.toMatchObject({ status: 400 });
      await expect(engine.search({ q: 'x'.repeat(201) })).rejects.toMatchObject({ status: 400 });
      await expect(engine.search({ priceMinFen: 10, priceMaxFen: 5 })).rejects.toMatchObject({ status: 400 });
    });
  });
});
