// Search benchmark (issue #3): 100,000 synthetic offerings (bench/data.js) in the PostgresEngine on
// an embedded PostgreSQL, the real API as its own process, 8 concurrent HTTP clients running a
// randomized mixed query set (Chinese, English, typos, sub-words; facets on every query; random
// category / region / price / lead-time / qualification / program filters and sorts) for a fixed
// count after a warm-up, no result cache (none exists). Measured in the same run on the same data:
// the same query list against the engine in-process (API overhead = API latency ÷ engine latency),
// and the naive baseline — one SQL statement per query: `@@` + ts_rank over every match + facet
// counts over every match (the naive statement) — at 1 and 8 clients.
// With `--engine meilisearch`, the same documents go into a Meilisearch server (the one in
// MEILI_HOST, else one started from ../shared/bin/meilisearch or MEILI_BINARY, as the tests do)
// and the API and the in-process engine search it; the naive baseline is PostgreSQL's and is
// skipped there (the postgres run records it).
// Run: npm run bench:search [-- --engine postgres|meilisearch --offerings 100000 --queries 2000 --clients 8 --warmup 200]
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import nodeHttp from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { loadDocuments, rng, INDUSTRIES, BENCH_PROGRAM_ID } from './data.js';
import { startMeilisearch, meilisearchBinaryPath } from '../scripts/meilisearch-server.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ENGINE = (() => {
  const i = process.argv.indexOf('--engine');
  const name = i > 0 ? process.argv[i + 1] : 'postgres';
  if (name !== 'postgres' && name !== 'meilisearch') {
    console.error(`--engine must be postgres or meilisearch (got ${name})`);
    process.exit(2);
  }
  return name;
})();
const MEILI = ENGINE === 'meilisearch';
const OFFERINGS = arg('offerings', 100_000);
const QUERIES = arg('queries', 2000);
const CLIENTS = arg('clients', 8);
const WARMUP = arg('warmup', 200);
const NAIVE_ONE = arg('naive-one', Math.min(QUERIES, 500)); // the single-client naive run: fewer queries (each is slow)
const FLOOR = { p95: 150, naive: 2, overhead: 1.3 };
const GOAL = { p95: 50, naive: 4 };

execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort, dataSourceOptions } = await dist('libs/database/src/index.js');
const { SERVICE_CATEGORY_TREE, REGIONS, categoryIdOf } = await dist('libs/reference/src/index.js');
const { createSearchEngine, SEARCH_ENTITIES, analyzeQuery, buildTsQuery, filterKeysOf, queryKeysOf, normalizeSearchQuery } = await dist('libs/search/src/index.js');
const { generateDocuments } = await import('./data.js');

// ---- the query set: deterministic, mixed ----
const TEXTS = [
  '检测', '服务', '咨询', '专利', '纺织 检测', '专利 申请', '色牢度', '茶叶', '陶瓷砖', '模具设计', '高企认定', '知识产权',
  '检测 报告', '安装', '中试', '农残', '电磁兼容', '有限元', '孵化', '商标注册', '成果转化', '数字化转型', '鞋服 检测', '石材 放射性',
  'testing', 'patent', 'software development', 'textile testing', 'trademark', 'simulation', 'CNAS', 'CMA', 'EMC',
  'patnet', 'tesitng', 'softwre', 'trademrak', // typos
  '纺织 testing', '专利 search', '型号4242', '', '',
];
const counties = REGIONS.filter((r) => r.level === 'county').map((r) => r.code);
const cityCode = REGIONS.find((r) => r.level === 'city').code;
const categoryCodes = SERVICE_CATEGORY_TREE.flatMap((r) => [r.code, ...(r.children ?? []).map((c) => c.code)]);
const SORTS = ['relevance', 'relevance', 'relevance', 'price_asc', 'price_desc', 'rating', 'newest'];
const PROVIDER_TYPES = ['testing_lab', 'ip_service', 'tech_transfer', 'incubator', 'rd_design', 'pilot_scale', 'consulting'];

function querySet(n, seed) {
  const rnd = rng(seed);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  return Array.from({ length: n }, () => {
    const q = { sort: pick(SORTS), page: rnd() < 0.85 ? 1 : 2, pageSize: 20 };
    const text = pick(TEXTS);
    if (text) q.q = rnd() < 0.1 ? `${pick(INDUSTRIES)} ${text}` : text;
    if (rnd() < 0.3) q.category = categoryIdOf(pick(categoryCodes));
    if (rnd() < 0.3) q.region = rnd() < 0.2 ? cityCode : pick(counties);
    if (rnd() < 0.2) {
      const lo = Math.floor(rnd() * 30) * 100_000;
      q.priceMinFen = lo;
      q.priceMaxFen = lo + (1 + Math.floor(rnd() * 10)) * 100_000;
    }
    if (rnd() < 0.2) q.leadTimeMaxDays = 3 + Math.floor(rnd() * 40);
    if (rnd() < 0.08) q.qualification = pick(['CMA', 'CNAS', 'PATENT_AGENCY']);
    if (rnd() < 0.05) q.providerType = pick(PROVIDER_TYPES);
    if (rnd() < 0.05) q.program = BENCH_PROGRAM_ID;
    return q;
  });
}

async function run(list, concurrency, fn) {
  const lat = new Array(list.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const i = next++;
        const t = performance.now();
        await fn(list[i]);
        lat[i] = performance.now() - t;
      }
    }),
  );
  const secs = (performance.now() - started) / 1000;
  const sorted = [...lat].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  return { n: list.length, clients: concurrency, p50: at(0.5), p95: at(0.95), p99: at(0.99), qps: list.length / secs };
}
const fmt = (f) => `p50 ${f.p50.toFixed(1)} ms  p95 ${f.p95.toFixed(1)} ms  p99 ${f.p99.toFixed(1)} ms  ${f.qps.toFixed(1)} q/s  (${f.n} queries, ${f.clients} client${f.clients > 1 ? 's' : ''})`;

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-search-'));
chmodSync(dir, 0o755);
let cluster;
let api;
let ds;
let meili;
const cleanup = async () => {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
  if (ds?.isInitialized) await ds.destroy();
  if (cluster) await cluster.stop();
  if (meili) await meili.stop();
  rmSync(dir, { recursive: true, force: true });
};

try {
  cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  await ensureDatabase(cluster.url('postgres'), 'search');
  const dbUrl = cluster.url('search');
  await migrate(dbUrl);

  // data
  let loaded;
  let meiliEnv = { MEILI_HOST: undefined, MEILI_MASTER_KEY: undefined };
  if (MEILI) {
    // both cores for indexing (nothing else runs yet); the searches later use whatever is free
    meili = process.env.MEILI_HOST ? null : await startMeilisearch({ indexingThreads: 2 });
    meiliEnv = meili ? { MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey } : { MEILI_HOST: process.env.MEILI_HOST, MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY };
  } else {
    loaded = await loadDocuments({ databaseUrl: dbUrl, offerings: OFFERINGS });
  }
  ds = new DataSource({ ...dataSourceOptions({ url: dbUrl, entities: SEARCH_ENTITIES, poolSize: CLIENTS + 4, applicationName: 'innoserve-bench-search' }), logging: false });
  await ds.initialize();
  // the default index ('offerings'), which the API process opens too
  const engine = createSearchEngine(meiliEnv, ds);
  await engine.ensureSetup();
  if (MEILI) {
    // the outbox's batch size; ten calls in flight, as several worker batches would be
    const started = performance.now();
    const BATCH = 500;
    for (let i = 0; i < OFFERINGS; i += BATCH * 10) {
      const calls = [];
      for (let j = i; j < Math.min(OFFERINGS, i + BATCH * 10); j += BATCH) calls.push(generateDocuments(Math.min(BATCH, OFFERINGS - j), 42, j).then((d) => engine.upsert(d)));
      await Promise.all(calls);
      if ((i / (BATCH * 10)) % 4 === 3 || i + BATCH * 10 >= OFFERINGS) process.stderr.write(`bench:data (meilisearch) ${Math.min(OFFERINGS, i + BATCH * 10)}/${OFFERINGS} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    }
    loaded = { offerings: OFFERINGS, seconds: (performance.now() - started) / 1000 };
  }
  const docs = await engine.count();
  const broad = MEILI ? null : (await ds.query(`SELECT count(*) FILTER (WHERE tsv @@ '检测'::tsquery)::float / count(*) AS broad FROM search_document`))[0].broad;

  // the naive baseline's table: the engine's tsvector and filter columns, filter keys as text[] with a GIN index
  const n0 = performance.now();
  if (!MEILI) {
    await ds.query(`CREATE TABLE bench_naive AS SELECT id, tsv, rating, price_fen, price_max_fen, lead_time_days, published_at, NULL::text[] AS keys FROM search_document`);
    for (let i = 0; i < OFFERINGS; i += 5000) {
      const batch = await generateDocuments(Math.min(5000, OFFERINGS - i), 42, i);
      await ds.query(`UPDATE bench_naive n SET keys = x.keys FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, keys text[])) x WHERE n.id = x.id`, [
        JSON.stringify(batch.map((d) => ({ id: d.id, keys: filterKeysOf(d) }))),
      ]);
    }
    await ds.query('ALTER TABLE bench_naive ADD PRIMARY KEY (id)');
    await ds.query('CREATE INDEX ON bench_naive USING gin (tsv)');
    await ds.query('CREATE INDEX ON bench_naive USING gin (keys)');
    await ds.query('VACUUM ANALYZE bench_naive');
  }
  const naiveSetupSecs = (performance.now() - n0) / 1000;

  const naive = (q) => {
    const nq = normalizeSearchQuery(q);
    const built = buildTsQuery(analyzeQuery(nq.q), () => undefined);
    const keys = queryKeysOf(nq);
    const where = [];
    const params = [];
    const add = (v) => `$${params.push(v)}`;
    if (built) where.push(`tsv @@ ${add(built.match)}::tsquery`);
    if (keys.all.length) where.push(`keys @> ${add(keys.all)}::text[]`);
    if (keys.any) where.push(`keys && ${add(keys.any)}::text[]`);
    if (nq.priceMinFen !== null) where.push(`price_max_fen >= ${add(nq.priceMinFen)}`);
    if (nq.priceMaxFen !== null) where.push(`price_fen <= ${add(nq.priceMaxFen)}`);
    if (nq.leadTimeMaxDays !== null) where.push(`lead_time_days <= ${add(nq.leadTimeMaxDays)}`);
    const rank = built ? `ts_rank(d.tsv, ${add(built.match)}::tsquery)` : 'coalesce(d.rating, 0)';
    const order = { relevance: 'r DESC', price_asc: 'price_fen ASC', price_desc: 'price_fen DESC', rating: 'rating DESC NULLS LAST', newest: 'published_at DESC' }[nq.sort];
    const offset = (nq.page - 1) * nq.pageSize;
    return ds.query(
      `WITH m AS (SELECT d.id, d.keys, d.price_fen, d.rating, d.published_at, ${rank} AS r FROM bench_naive d WHERE ${where.join(' AND ') || 'TRUE'})
       SELECT (SELECT count(*) FROM m) AS total,
              (SELECT json_agg(x) FROM (SELECT v.id, v.title, v.description, v.hit FROM (SELECT id FROM m ORDER BY ${order}, id LIMIT ${nq.pageSize} OFFSET ${offset}) p JOIN search_document_display v ON v.id = p.id) x) AS items,
              (SELECT json_object_agg(k, c) FROM (SELECT k, count(*) AS c FROM m, unnest(m.keys) AS k WHERE k !~ '^rs:' GROUP BY GROUPING SETS ((k))) f) AS facets`,
      params,
    );
  };

  const list = querySet(QUERIES, 7);
  const warm = querySet(WARMUP, 99);
  const mix = {
    text: list.filter((q) => q.q).length,
    typo: list.filter((q) => /patnet|tesitng|softwre|trademrak/.test(q.q ?? '')).length,
    filtered: list.filter((q) => q.category || q.region || q.priceMinFen !== undefined || q.leadTimeMaxDays || q.qualification || q.providerType || q.program).length,
    sorted: list.filter((q) => q.sort !== 'relevance').length,
  };

  // the API process
  const port = await freePort();
  api = spawn(process.execPath, [path.join(root, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET: 'search-benchmark-secret-search-benchmark-secret',
      THROTTLE_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      DB_POOL_SIZE: String(CLIENTS + 4),
      DATA_DIR: dir,
      CORS_ORIGINS: 'http://localhost',
      MEILI_HOST: meiliEnv.MEILI_HOST ?? '',
      MEILI_MASTER_KEY: meiliEnv.MEILI_MASTER_KEY ?? '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (api.exitCode !== null) throw new Error(`API exited with ${api.exitCode}`);
    try {
      if ((await fetch(base + '/health')).status === 200) break;
    } catch {
      /* starting */
    }
    if (i > 600) throw new Error('API not healthy after 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  // the load generator shares the 2 cores: node:http with a keep-alive agent (cheaper per request than fetch)
  const agent = new nodeHttp.Agent({ keepAlive: true, maxSockets: 64 });
  const get = (url) =>
    new Promise((resolve, reject) => {
      nodeHttp
        .get(url, { agent }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  const http = async (q) => {
    const qs = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const res = await get(`${base}/api/v1/search/offerings?${qs}`);
    const body = JSON.parse(res.text);
    if (res.status !== 200) throw new Error(`GET /api/v1/search/offerings?${qs} → ${res.status} ${JSON.stringify(body)}`);
    if (!body.facets) throw new Error('no facets in the answer');
    return body;
  };
  const direct = async (q) => {
    const r = await engine.search(q);
    if (!r.facets) throw new Error('no facets in the result');
    return r;
  };

  // sanity: the API and the engine answer the same
  for (const q of list.slice(0, 20)) {
    const [a, b] = [await http(q), await direct(q)];
    const ids = (x) => x.items.map((i) => i.id).join(',');
    if (ids(a) !== ids(b)) throw new Error(`API and engine disagree on ${JSON.stringify(q)}`);
  }
  const sample = await direct({ q: '检测' });

  // warm-up, then the measured runs (API and engine alternate nothing: each runs alone on the machine)
  await run(warm, CLIENTS, http);
  const apiFig = await run(list, CLIENTS, http);
  const apiOne = await run(list.slice(0, NAIVE_ONE), 1, http);
  await run(warm, CLIENTS, direct);
  const engineFig = await run(list, CLIENTS, direct);
  const engineOne = await run(list.slice(0, NAIVE_ONE), 1, direct);
  const naiveOne = MEILI ? null : (await run(warm.slice(0, 50), CLIENTS, naive), await run(list.slice(0, NAIVE_ONE), 1, naive));
  const naiveFig = MEILI ? null : await run(list, CLIENTS, naive);

  const [{ server_version: version }] = await ds.query('SHOW server_version');
  const engineVersion = MEILI ? `Meilisearch ${(await engine.client.getVersion()).pkgVersion}${meili ? ` (started from ${path.relative(root, meilisearchBinaryPath())}, 2 indexing threads)` : ` (${process.env.MEILI_HOST})`}` : `PostgresEngine on embedded PostgreSQL ${version}`;
  const overhead50 = apiFig.p50 / engineFig.p50;
  const overhead95 = apiFig.p95 / engineFig.p95;
  const mark = (ok) => (ok ? 'met' : 'NOT met');
  const naiveLines = MEILI
    ? [`naive SQL:               n/a (a PostgreSQL baseline: see --engine postgres)`]
    : [
        `naive SQL, 1 client:     ${fmt(naiveOne)}`,
        `naive SQL, ${CLIENTS} clients:    ${fmt(naiveFig)}   (table built in ${naiveSetupSecs.toFixed(1)} s)`,
      ];
  const vsNaive = MEILI ? [] : [`throughput vs naive:     API ${(apiFig.qps / naiveFig.qps).toFixed(2)}×, engine ${(engineFig.qps / naiveFig.qps).toFixed(2)}× (${CLIENTS} clients; floor ≥ ${FLOOR.naive}×: ${mark(apiFig.qps / naiveFig.qps >= FLOOR.naive)}, goal ≥ ${GOAL.naive}×: ${mark(apiFig.qps / naiveFig.qps >= GOAL.naive)})`];
  const lines = [
    `date:                    ${new Date().toISOString()}`,
    `engine:                  ${engineVersion}`,
    `machine:                 ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, embedded PostgreSQL ${version}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `data:                    ${docs} offerings (bench/data.js seed 42) upserted in ${loaded.seconds.toFixed(1)} s (${Math.round(docs / loaded.seconds)}/s)${broad === null ? '' : `; 检测 matches ${(broad * 100).toFixed(1)}%`}, '检测' total ${sample.total}${sample.estimated ? ' (estimated)' : ''}`,
    `query set:               ${QUERIES} queries after ${WARMUP} warm-up (seeded): ${mix.text} with text (${mix.typo} typos), ${mix.filtered} filtered, ${mix.sorted} sorted by price/rating/newest; facets on every query; page 1–2 of 20`,
    `result cache:            none (no cache exists in the search path; hit rate n/a)`,
    `API (HTTP, ${CLIENTS} clients):    ${fmt(apiFig)}`,
    `API (HTTP, 1 client):    ${fmt(apiOne)}`,
    `engine in-process:       ${fmt(engineFig)}`,
    `engine in-process:       ${fmt(engineOne)}`,
    ...naiveLines,
    `API overhead:            p50 ${overhead50.toFixed(2)}×, p95 ${overhead95.toFixed(2)}× (API ÷ engine, ${CLIENTS} clients; floor ≤ ${FLOOR.overhead}×: ${mark(overhead50 <= FLOOR.overhead && overhead95 <= FLOOR.overhead)})`,
    `API overhead, 1 client:  p50 ${(apiOne.p50 / engineOne.p50).toFixed(2)}×, p95 ${(apiOne.p95 / engineOne.p95).toFixed(2)}× (for reference; +${(apiOne.p50 - engineOne.p50).toFixed(1)} ms at p50)`,
    ...vsNaive,
    `API p95 at ${CLIENTS} clients:      ${apiFig.p95.toFixed(1)} ms (floor ≤ ${FLOOR.p95} ms: ${mark(apiFig.p95 <= FLOOR.p95)}, goal ≤ ${GOAL.p95} ms: ${mark(apiFig.p95 <= GOAL.p95)})`,
  ];
  console.log(lines.join('\n'));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await cleanup();
}
