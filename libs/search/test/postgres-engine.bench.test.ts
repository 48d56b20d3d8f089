// Engine-level benchmark of PostgresEngine (not part of CI): 100,000 synthetic offerings, 8
// concurrent clients, a randomized mixed query set with facets and filters, no cache, and the
// naive single-statement baseline measured on the same data in the same run.
//
//   SEARCH_BENCH=1 TEST_SCHEMA_SYNC=1 npm run test:jest -- libs/search/test/postgres-engine.bench.test.ts
//   (SEARCH_BENCH_DOCS=100000 SEARCH_BENCH_SECONDS=20 SEARCH_BENCH_CLIENTS=8 to change the shape)
import { categoryIdOf } from '@innoserve/reference';
import { PostgresEngine, analyzeQuery, buildTsQuery, filterKeysOf, queryKeysOf, normalizeSearchQuery, type SearchQuery } from '@innoserve/search';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';
import { openSearchTestDb, type SearchTestDb } from './search-test-db.js';
import { syntheticDocuments } from './support/synthetic-documents.js';

const enabled = process.env.SEARCH_BENCH === '1';
const DOCS = Number(process.env.SEARCH_BENCH_DOCS ?? 100_000);
const SECONDS = Number(process.env.SEARCH_BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.SEARCH_BENCH_CLIENTS ?? 8);

const WORDS = ['检测', '服务', '咨询', '专利', '纺织 检测', '专利 申请', '色牢度', '茶叶', '陶瓷砖', 'testing', 'patent', 'patnet', 'tesitng', '模具设计', '高企认定', '型号4242', 'CNAS', '知识产权', '检测 报告', '安装', '中试', 'software development', ''];
const FILTERS: SearchQuery[] = [
  {},
  {},
  { category: categoryIdOf('testing') },
  { category: categoryIdOf('ip.patent-agency') },
  { region: '350582' },
  { region: '350500' },
  { priceMinFen: 100_000, priceMaxFen: 800_000 },
  { leadTimeMaxDays: 10 },
  { qualification: 'CMA', region: '350503' },
  { providerType: 'testing_lab' },
  { program: 'prog-2025' },
];
const SORTS: SearchQuery['sort'][] = ['relevance', 'relevance', 'relevance', 'price_asc', 'price_desc', 'rating', 'newest'];

function queries(n: number, seed = 7): SearchQuery[] {
  let s = seed;
  const rnd = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  return Array.from({ length: n }, () => ({ q: pick(WORDS), ...pick(FILTERS), sort: pick(SORTS), page: rnd() < 0.85 ? 1 : 2, pageSize: 20 }));
}

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  qps: number;
  n: number;
}

async function load(clients: number, seconds: number, qs: SearchQuery[], run: (q: SearchQuery) => Promise<unknown>): Promise<Figures> {
  const lat: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const q = qs[next++ % qs.length];
        const t = performance.now();
        await run(q);
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  const at = (p: number): number => Math.round(lat[Math.min(lat.length - 1, Math.floor(lat.length * p))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), qps: Math.round(lat.length / elapsed), n: lat.length };
}

(enabled ? describe : describe.skip)('PostgresEngine benchmark', () => {
  let t: SearchTestDb;
  let engine: PostgresEngine;

  beforeAll(async () => {
    t = await openSearchTestDb(ALL_ENTITIES, CLIENTS + 4);
    engine = new PostgresEngine(t.ds);
    await engine.ensureSetup();
    const started = performance.now();
    for (let i = 0; i < DOCS; i += 2000) await engine.upsert(syntheticDocuments(Math.min(2000, DOCS - i), 42, i));
    const secs = (performance.now() - started) / 1000;
    // the naive baseline's table: the same tsvector, filter keys as a text[] with its own GIN index
    await t.ds.query(`CREATE TABLE bench_naive AS SELECT id, tsv, rating, price_fen, price_max_fen, lead_time_days, NULL::text[] AS keys FROM search_document`);
    for (let i = 0; i < DOCS; i += 5000) {
      const docs = syntheticDocuments(Math.min(5000, DOCS - i), 42, i);
      await t.ds.query(`UPDATE bench_naive n SET keys = x.keys FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, keys text[])) x WHERE n.id = x.id`, [
        JSON.stringify(docs.map((d) => ({ id: d.id, keys: filterKeysOf(d) }))),
      ]);
    }
    await t.ds.query('ALTER TABLE bench_naive ADD PRIMARY KEY (id)');
    await t.ds.query('CREATE INDEX ON bench_naive USING gin (tsv)');
    await t.ds.query('CREATE INDEX ON bench_naive USING gin (keys)');
    await t.ds.query('VACUUM ANALYZE bench_naive');
    await t.ds.query('VACUUM ANALYZE search_document');
    await t.ds.query('VACUUM ANALYZE search_document_display');
    const [{ broad }] = await t.ds.query(`SELECT count(*) FILTER (WHERE tsv @@ '检测'::tsquery)::float / count(*) AS broad FROM search_document`);
    console.log(`indexed ${DOCS} documents in ${secs.toFixed(1)} s (${Math.round(DOCS / secs)}/s); 检测 matches ${(broad * 100).toFixed(1)}%`);
  }, 3_600_000);
  afterAll(async () => t?.close());

  it('answers a mixed query set with 8 clients faster than the naive statement', async () => {
    const qs = queries(2000);
    // the naive shape of the issue: @@ + ts_rank over every match + facet counts over every match, one statement
    const naive = async (q: SearchQuery): Promise<unknown> => {
      const nq = normalizeSearchQuery(q);
      const built = buildTsQuery(analyzeQuery(nq.q), () => undefined);
      const keys = queryKeysOf(nq);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (v: unknown): string => `$${params.push(v)}`;
      if (built) where.push(`tsv @@ ${add(built.match)}::tsquery`);
      if (keys.all.length) where.push(`keys @> ${add(keys.all)}::text[]`);
      if (keys.any) where.push(`keys && ${add(keys.any)}::text[]`);
      if (nq.priceMinFen !== null) where.push(`price_max_fen >= ${add(nq.priceMinFen)}`);
      if (nq.priceMaxFen !== null) where.push(`price_fen <= ${add(nq.priceMaxFen)}`);
      if (nq.leadTimeMaxDays !== null) where.push(`lead_time_days <= ${add(nq.leadTimeMaxDays)}`);
      const rank = built ? `ts_rank(d.tsv, ${add(built.match)}::tsquery)` : 'coalesce(d.rating, 0)';
      return t.ds.query(
        `WITH m AS (SELECT d.id, d.keys, ${rank} AS r FROM bench_naive d WHERE ${where.join(' AND ') || 'TRUE'})
         SELECT (SELECT count(*) FROM m) AS total,
                (SELECT json_agg(x) FROM (SELECT v.id, v.title, v.description, v.hit FROM (SELECT id, r FROM m ORDER BY r DESC, id LIMIT 20) p JOIN search_document_display v ON v.id = p.id) x) AS items,
                (SELECT json_object_agg(k, c) FROM (SELECT k, count(*) AS c FROM m, unnest(m.keys) AS k WHERE k !~ '^rs:' GROUP BY k) f) AS facets`,
        params,
      );
    };
    const warm = queries(200, 99);
    for (const q of warm) await engine.search(q);
    for (const q of warm.slice(0, 50)) await naive(q);

    const one = await load(1, Math.max(5, SECONDS / 4), qs, (q) => engine.search(q));
    const eight = await load(CLIENTS, SECONDS, qs, (q) => engine.search(q));
    const naiveOne = await load(1, Math.max(5, SECONDS / 4), qs, naive);
    const naiveEight = await load(CLIENTS, SECONDS, qs, naive);
    console.log(
      [
        `PostgresEngine, ${DOCS} documents, mixed query set (${qs.length} queries, facets on every query, no cache):`,
        `  engine 1 client : p50 ${one.p50} ms  p95 ${one.p95} ms  p99 ${one.p99} ms  ${one.qps} q/s`,
        `  engine ${CLIENTS} clients: p50 ${eight.p50} ms  p95 ${eight.p95} ms  p99 ${eight.p99} ms  ${eight.qps} q/s`,
        `  naive  1 client : p50 ${naiveOne.p50} ms  p95 ${naiveOne.p95} ms  p99 ${naiveOne.p99} ms  ${naiveOne.qps} q/s`,
        `  naive  ${CLIENTS} clients: p50 ${naiveEight.p50} ms  p95 ${naiveEight.p95} ms  p99 ${naiveEight.p99} ms  ${naiveEight.qps} q/s`,
        `  throughput ratio engine/naive at ${CLIENTS} clients: ${(eight.qps / naiveEight.qps).toFixed(2)}×`,
      ].join('\n'),
    );
    expect(eight.qps).toBeGreaterThan(naiveEight.qps);
  }, 3_600_000);
});

if (!enabled) {
  describe('PostgresEngine benchmark (skipped)', () => {
    it('runs only with SEARCH_BENCH=1', () => {
      expect(enabled).toBe(false);
    });
  });
}
