// Reports benchmark (issue #13): the program report and the public statistics over one generated
// year of activity — 10,000 enterprises, about 100,000 orders with their payments, claims in every
// state (claim lines, audit streams) and the ledger they moved (fund, grant, hold, release, redeem,
// disburse, lapse; ~800,000 entries) — written by bulk INSERTs into embedded PostgreSQL migrated with
// the real migrations (the generator is libs/reports/test/support/generated-year.ts, which the
// reconciliation test uses too). Then the real API as its own process, and sequential HTTP requests:
//  - GET /api/v1/admin/reports/programs/:id as a city program officer (the whole report),
//  - GET /api/v1/admin/reports/programs/:id as a county reviewer (their county's part),
//  - GET /api/v1/public/statistics (no login),
//  - baseline in the same rounds: a single `SELECT count(*) FROM ledger_entry` on a pg connection.
// p50 and p95 of each; floor p95 ≤ 500 ms, goal p95 ≤ 100 ms. The report's per-source figures are
// checked against the ledger's balances and the generator's own books (to the fen) before timing.
// Run: npm run bench:reports [-- --enterprises 10000 --orders-per-enterprise 10 --samples 60 --seed 20261205 --statements --explain]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startApi } from './api.js';
import { pct } from './support.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const argOf = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ENTERPRISES = argOf('enterprises', 10_000);
const PER_ENTERPRISE = argOf('orders-per-enterprise', 10);
const SAMPLES = argOf('samples', 60);
const WARMUP = 5;
const SEED = argOf('seed', 20261205);
const EXPLAIN = process.argv.includes('--explain');
const STATEMENTS = process.argv.includes('--statements'); // each statement of the reports timed alone

execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
const dist = (p) => import(path.join(root, 'dist', p));
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort, dataSourceOptions } = await dist('libs/database/src/index.js');
const { seedReferenceData } = await dist('libs/reference/src/index.js');
const { generateYear, loadYear, yearReference } = await dist('libs/reports/test/support/generated-year.js');
const { DataSource } = await import('typeorm');

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-reports-bench-'));
chmodSync(dir, 0o755);
const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false, postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] });
let api;
const ms = (x) => `${x.toFixed(1)} ms`;

try {
  console.log(`reports benchmark — ${new Date().toISOString()}`);
  console.log(`machine:     ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, embedded PostgreSQL (Unix socket), API in production mode; seed ${SEED}`);
  await ensureDatabase(cluster.url('postgres'), 'reports');
  const dbUrl = cluster.localUrl('reports');
  await migrate(dbUrl);

  // ---- the year (not timed)
  const ds = new DataSource({ ...dataSourceOptions({ url: dbUrl, poolSize: 2 }), logging: false });
  await ds.initialize();
  await seedReferenceData(ds.manager);
  const t0 = performance.now();
  const year = generateYear(await yearReference(ds.manager), { enterprises: ENTERPRISES, ordersPerEnterprise: PER_ENTERPRISE, seed: SEED });
  const tGen = performance.now() - t0;
  const t1 = performance.now();
  await loadYear(ds.manager, year, 5000);
  await ds.query('VACUUM (ANALYZE)');
  const tLoad = performance.now() - t1;
  await ds.destroy();
  const n = (t) => year.rows[t].length.toLocaleString('en');
  console.log(
    `year:        ${ENTERPRISES.toLocaleString('en')} enterprises, ${n('service_order')} orders, ${n('payment')} payments, ${n('subsidy_claim')} claims (${Object.entries(year.expected.claimsByStatus)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${n('claim_line')} claim lines, ${n('audit_entry')} audit entries; ledger: ${n('ledger_transaction')} transactions, ${n('ledger_entry')} entries, ${n('ledger_balance')} accounts, ${n('ledger_hold')} holds`,
  );
  console.log(`setup:       generated in ${(tGen / 1000).toFixed(1)} s; loaded + VACUUM ANALYZE in ${(tLoad / 1000).toFixed(1)} s (not timed)`);
  const verify = execFileSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'ledger:verify'], { env: { ...process.env, DATABASE_URL: dbUrl } }).toString().trim();
  console.log(`ledger:verify: ${verify.split('\n').pop()}`);

  // ---- the API and its readers
  const admin = { email: 'reports-admin@example.com', password: 'reports-admin-password-1' };
  api = await startApi({ port: await freePort(), dbUrl, dir, admin });
  const adminToken = await api.login(admin.email, admin.password);
  const staff = async (email, roles) => {
    await api.must('POST', '/api/v1/admin/staff', { email, displayName: email, password: 'reports-staff-password-1', roles }, adminToken);
    return api.login(email, 'reports-staff-password-1');
  };
  const officer = await staff('reports-officer@example.com', [{ role: 'program_officer', regionCodes: [year.cityCode] }]);
  const countyCode = year.counties[year.counties.length - 1];
  const county = await staff('reports-county@example.com', [{ role: 'county_reviewer', regionCodes: [countyCode] }]);
  const reportUrl = `/api/v1/admin/reports/programs/${year.programId}`;

  // ---- correctness first: the report over HTTP equals the ledger and the generator's books
  const report = await api.must('GET', reportUrl, undefined, officer);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows: balances } = await c.query('SELECT account, balance_fen::text AS b FROM ledger_balance WHERE program_id = $1', [year.programId]);
  const balanceOf = new Map(balances.map((r) => [r.account, Number(r.b)]));
  const mismatches = [];
  for (const s of report.sources) {
    const books = year.expected.sources[s.source];
    const pairs = [
      ['budget', s.budgetFen, books.budget],
      ['granted', s.grantedFen, books.granted],
      ['held', s.heldFen, books.held],
      ['payable', s.payableFen, books.payable, balanceOf.get(`payable:${s.source}`) ?? 0],
      ['disbursed', s.disbursedFen, books.disbursed, balanceOf.get(`disbursed:${s.source}`) ?? 0],
      ['lapsed', s.lapsedFen, books.lapsed],
      ['available', s.availableFen, books.available, balanceOf.get(`pool:${s.source}`) ?? 0],
    ];
    for (const [what, got, ...want] of pairs) if (want.some((w) => w !== got)) mismatches.push(`${s.source}.${what}: report ${got}, expected ${want.join(' / ')}`);
  }
  const total = (k) => report.sources.reduce((x, s) => x + s[k], 0);
  console.log(
    `reconciled:  ${mismatches.length === 0 ? 'yes' : 'NO'} — ${report.sources.length} funding sources; budget ${total('budgetFen')}, granted ${total('grantedFen')}, held ${total('heldFen')}, payable ${total('payableFen')}, disbursed ${total('disbursedFen')}, lapsed ${total('lapsedFen')}, available ${total('availableFen')} fen (report = ledger balances = generator's books)`,
  );
  for (const m of mismatches.slice(0, 20)) console.log(`  ${m}`);

  if (STATEMENTS) {
    // each statement of the report alone, timed on one connection (the service's work_mem), 5 runs, median
    const tds = new DataSource({ ...dataSourceOptions({ url: dbUrl, poolSize: 1 }), logging: false });
    await tds.initialize();
    await tds.query("SET work_mem = '64MB'");
    const { programReport, publicStatistics } = await dist('libs/reports/src/index.js');
    const times = new Map();
    let chain = Promise.resolve();
    const timing = {
      // one statement at a time, even when the report starts several together
      query: (sql, params) => {
        const run = chain.then(async () => {
          const t = performance.now();
          const out = await tds.query(sql, params);
          const key = sql.replace(/\s+/g, ' ').trim().slice(0, 110);
          times.set(key, [...(times.get(key) ?? []), performance.now() - t]);
          return out;
        });
        chain = run.catch(() => undefined);
        return run;
      },
    };
    for (let i = 0; i < 5; i++) {
      await programReport(timing, year.programId);
      await publicStatistics(timing);
    }
    console.log('\nstatements (median of 5, one connection):');
    for (const [k, xs] of times) console.log(`  ${ms(pct([...xs].sort((a, b) => a - b), 50)).padStart(10)}  ${k}`);
    await tds.destroy();
  }

  if (EXPLAIN) {
    // the plans of the report's statements: run them through a manager that explains first
    const eds = new DataSource({ ...dataSourceOptions({ url: dbUrl, poolSize: 1 }), logging: false });
    await eds.initialize();
    await eds.query("SET work_mem = '64MB'"); // as the service's report transaction (REPORT_WORK_MEM)
    const { programReport, publicStatistics } = await dist('libs/reports/src/index.js');
    const explaining = {
      query: async (sql, params) => {
        const t = performance.now();
        const plan = await eds.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
        console.log(`\n-- ${ms(performance.now() - t)}: ${sql.replace(/\s+/g, ' ').slice(0, 160)}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}`);
        return eds.query(sql, params);
      },
    };
    await programReport(explaining, year.programId);
    await publicStatistics(explaining);
    await eds.destroy();
  }

  // ---- timing: rounds visiting each request in turn, sequential, after a warm-up
  const kinds = {
    baseline: async () => c.query('SELECT count(*) FROM ledger_entry'),
    program: () => api.must('GET', reportUrl, undefined, officer),
    county: () => api.must('GET', reportUrl, undefined, county),
    statistics: () => api.must('GET', '/api/v1/public/statistics'),
  };
  const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  for (let i = 0; i < WARMUP; i++) for (const fn of Object.values(kinds)) await fn();
  for (let i = 0; i < SAMPLES; i++) {
    for (const [k, fn] of Object.entries(kinds)) {
      const s = performance.now();
      await fn();
      samples[k].push(performance.now() - s);
    }
  }
  await c.end();
  const stat = Object.fromEntries(
    Object.entries(samples).map(([k, xs]) => {
      const s = [...xs].sort((a, b) => a - b);
      return [k, { p50: pct(s, 50), p95: pct(s, 95) }];
    }),
  );
  const b = stat.baseline;
  const verdict = (p95) => (p95 <= 100 ? 'goal met' : p95 <= 500 ? 'floor met, goal not' : 'floor NOT met');
  console.log(`\n== ${SAMPLES} sequential rounds (after ${WARMUP} warm-up rounds), each: baseline, program report, county part, public statistics ==`);
  console.log(`baseline:            SELECT count(*) FROM ledger_entry (${n('ledger_entry')} rows): p50 ${ms(b.p50)}, p95 ${ms(b.p95)}`);
  const line = (label, k) => console.log(`${label.padEnd(21)}p50 ${ms(stat[k].p50)} (${(stat[k].p50 / b.p50).toFixed(1)}× baseline), p95 ${ms(stat[k].p95)} (${(stat[k].p95 / b.p95).toFixed(1)}× baseline) — ${verdict(stat[k].p95)}`);
  line('program report:', 'program');
  line('county part:', 'county');
  line('public statistics:', 'statistics');
  console.log('(floor p95 ≤ 500 ms, goal p95 ≤ 100 ms)');
  console.log(`load average during the run (1/5/15 min, ${os.cpus().length} cores, other processes included): ${os.loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
  if (mismatches.length > 0 || !verify.includes('balanced') || Math.max(stat.program.p95, stat.statistics.p95) > 500) process.exitCode = 1;
} finally {
  if (api) await api.stop();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
