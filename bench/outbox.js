// Outbox benchmark (issue #9): 50,000 offering-change messages in the bulk lane drained by the real
// worker process (outbox v2) into the search engine, on an embedded PostgreSQL with the demo seed
// and its offerings cloned to 50,000 published offerings.
// Printed: rows/s of the drain, and the time for a user's edit (an offering change in the user lane)
// enqueued 5 s into the drain to become searchable, 20 times (median, p95).
// Baseline in the same run: the same handler calls in a bare loop without the outbox — the indexer
// re-reads and writes the same offerings in the same 500-document batches; the ratio is printed.
// The engine is PostgresEngine, or Meilisearch with `--engine meilisearch` (MEILI_HOST and
// MEILI_MASTER_KEY, or ../shared/bin/meilisearch started for the run).
// Run: npm run bench:outbox [-- --rows 50000 --edits 20 --engine postgres|meilisearch]
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('rows', 50_000));
const EDITS = Number(arg('edits', 20));
const ENGINE = arg('engine', 'postgres');
const BATCH = 500; // the indexer's engine batch (ENGINE_BATCH)
const FLOOR = { rowsPerSecond: 1000, editP95Ms: 2000 };
const GOAL = { rowsPerSecond: 5000, ofBareLoop: 0.5 };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
const { startEmbeddedPostgres, ensureDatabase, migrate } = await dist('libs/database/src/index.js');
const { loadConfig } = await dist('libs/core/src/index.js');
const { runDemoSeed } = await dist('apps/cli/src/seed/index.js');
const { SearchIndexer, SearchEngine } = await dist('libs/search/src/index.js');
const { OFFERING_CHANGED_TOPIC, offeringMessage } = await dist('libs/catalog/src/index.js');
const { workerModules } = await dist('apps/worker/src/modules.js');
const { CoreModule } = await dist('libs/core/src/index.js');
const { DatabaseModule, OutboxService } = await dist('libs/database/src/index.js');
const { NestFactory } = await import('@nestjs/core');
const { Module } = await import('@nestjs/common');
const { DataSource } = await import('typeorm');

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-outbox-'));
chmodSync(dir, 0o755);
let cluster;
let worker;
let meili;
let ctx;
const cleanup = async () => {
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  }
  if (ctx) await ctx.close();
  if (cluster) await cluster.stop();
  if (meili) await meili.stop();
  rmSync(dir, { recursive: true, force: true });
};

try {
  cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  await ensureDatabase(cluster.url('postgres'), 'outbox');
  const dbUrl = cluster.url('outbox');
  await migrate(dbUrl);
  const env = { DATABASE_URL: dbUrl, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'error', THROTTLE_ENABLED: 'false' };
  if (ENGINE === 'meilisearch') {
    if (!process.env.MEILI_HOST) {
      const { startMeilisearch } = await import('../scripts/meilisearch-server.js');
      meili = await startMeilisearch({ dataDir: path.join(dir, 'meili') });
      env.MEILI_HOST = meili.host;
      env.MEILI_MASTER_KEY = meili.masterKey;
    } else {
      env.MEILI_HOST = process.env.MEILI_HOST;
      env.MEILI_MASTER_KEY = process.env.MEILI_MASTER_KEY;
    }
  } else if (ENGINE !== 'postgres') throw new Error(`--engine postgres|meilisearch (got ${ENGINE})`);
  const config = loadConfig(env);

  // data: the demo seed, its published offerings cloned to ROWS offerings (untimed)
  await runDemoSeed({ ...config, DEMO_SEED: true }, () => undefined);
  // the worker's modules (the indexer and its engine) without its runtime: no dispatcher runs in this process
  class BenchModule {}
  Module({ imports: [CoreModule.forRoot(config), DatabaseModule.forRoot({ url: dbUrl, poolSize: 10, applicationName: 'innoserve-bench-outbox' }), ...workerModules()] })(BenchModule);
  ctx = await NestFactory.createApplicationContext(BenchModule, { logger: false, abortOnError: false });
  const ds = ctx.get(DataSource);
  const [{ n: seeded }] = await ds.query(`SELECT count(*)::int AS n FROM offering WHERE status = 'published'`);
  const [{ cols }] = await ds.query(
    `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS cols FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = 'offering' AND column_name NOT IN ('id', 'title', 'version', 'created_at', 'updated_at')`,
  );
  await ds.query(
    `INSERT INTO offering (id, title, version, created_at, updated_at, ${cols})
     SELECT gen_random_uuid(), o.title || ' #' || g, 1, now(), now(), ${cols.split(', ').map((c) => `o.${c}`).join(', ')}
       FROM (SELECT *, row_number() OVER (ORDER BY id) AS k FROM offering WHERE status = 'published') o
       JOIN generate_series(1, $1::int) g ON (g - 1) * $2::int + o.k <= $3::int`,
    [Math.ceil(ROWS / seeded), seeded, ROWS - seeded],
  );
  await ds.query(`UPDATE outbox_message SET status = 'done', processed_at = now() WHERE status <> 'done'`);
  await ds.query('VACUUM ANALYZE');
  const ids = (await ds.query(`SELECT id FROM offering WHERE status = 'published' ORDER BY id LIMIT $1`, [ROWS])).map((r) => r.id);
  const engine = ctx.get(SearchEngine);
  await engine.ensureSetup();
  const indexer = ctx.get(SearchIndexer);
  const outbox = new OutboxService();
  const indexedVersion = async (id) => (await engine.versionsOf([id]))[0]?.version ?? 0;
  console.log(`bench:outbox: ${ids.length} published offerings (${seeded} seeded, the rest cloned), engine ${engine.name}`);

  // baseline: the same handler calls in a bare loop, 500 documents a call
  const b0 = performance.now();
  for (let i = 0; i < ids.length; i += BATCH) await indexer.index(ids.slice(i, i + BATCH));
  const bareSecs = (performance.now() - b0) / 1000;
  const bareRate = ids.length / bareSecs;
  console.log(`bare loop:  ${ids.length} offerings indexed in ${bareSecs.toFixed(1)} s = ${Math.round(bareRate)} rows/s`);

  // the outbox run: every offering moves to its next version (so the engine writes again), one
  // bulk-lane message each, drained by the real worker process
  await ds.query(`UPDATE offering SET version = version + 1 WHERE id = ANY($1::uuid[])`, [ids]);
  worker = spawn(process.execPath, [path.join(root, 'dist/apps/worker/src/main.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  await sleep(3000); // boot
  const count = async (where) => (await ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE ${where}`))[0].n;
  const t0 = performance.now();
  await ds.query(
    `INSERT INTO outbox_message (topic, payload, lane, ordering_key)
     SELECT 'catalog.offering-changed', jsonb_build_object('offeringId', id, 'version', version), 'bulk', 'offering:' || id
       FROM offering WHERE id = ANY($1::uuid[]) ORDER BY id`,
    [ids],
  );

  // user edits, from 5 s into the drain: a changed offering and its user-lane message, timed until searchable
  const edits = [];
  const editor = (async () => {
    await sleep(Math.max(0, 5000 - (performance.now() - t0)));
    for (let i = 0; i < EDITS; i++) {
      const id = ids[(i * 7919) % ids.length];
      const backlog = await count(`lane = 'bulk' AND status IN ('pending', 'processing')`);
      const start = performance.now();
      const [[{ version }]] = await ds.transaction(async (m) => {
        const r = await m.query(`UPDATE offering SET version = version + 1, title = title || ' (改)' WHERE id = $1 RETURNING version`, [id]);
        // as the catalog announces a change (libs/catalog offerings.service.ts)
        await outbox.enqueue(m, OFFERING_CHANGED_TOPIC, { offeringId: id, version: Number(r[0][0].version) }, offeringMessage(id));
        return r;
      });
      // searchable: the engine holds the edit's version
      for (;;) {
        if ((await indexedVersion(id)) >= Number(version)) break;
        if (performance.now() - start > 30_000) throw new Error(`edit ${i} not searchable within 30 s`);
        await sleep(10);
      }
      edits.push({ ms: performance.now() - start, backlog });
      await sleep(200);
    }
  })();

  while ((await count(`lane = 'bulk' AND status IN ('pending', 'processing')`)) > 0) await sleep(50);
  const drainSecs = (performance.now() - t0) / 1000;
  await editor;
  const rate = ids.length / drainSecs;
  const dead = await count(`status = 'dead'`);

  const ms = edits.map((e) => e.ms).sort((a, b) => a - b);
  const at = (p) => ms[Math.min(ms.length - 1, Math.floor(ms.length * p))];
  const during = edits.filter((e) => e.backlog > 0).length;
  console.log(`outbox:     ${ids.length} rows drained in ${drainSecs.toFixed(1)} s = ${Math.round(rate)} rows/s (bulk lane, real worker process), dead letters ${dead}`);
  console.log(`ratio:      ${(rate / bareRate).toFixed(2)} of the bare loop`);
  console.log(`user edits: ${ms.length} timed, ${during} of them while the bulk backlog was non-empty: median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${ms.at(-1).toFixed(0)} ms`);
  console.log(`floor (>= ${FLOOR.rowsPerSecond} rows/s, edit p95 <= ${FLOOR.editP95Ms} ms): ${rate >= FLOOR.rowsPerSecond && at(0.95) <= FLOOR.editP95Ms ? 'met' : 'NOT met'}`);
  console.log(`goal (>= ${GOAL.rowsPerSecond} rows/s and >= ${GOAL.ofBareLoop * 100}% of the bare loop): ${rate >= GOAL.rowsPerSecond && rate / bareRate >= GOAL.ofBareLoop ? 'met' : 'not met'}`);
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  await cleanup();
}
