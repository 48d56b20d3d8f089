// Opening-day rush benchmark (issue #4): grants per second and latency at 50 concurrent clients
// over HTTP against the real API (a separate process on embedded PostgreSQL), and — measured in
// the same run on the same database server — the machine's ceiling for one hot row: a raw `pg`
// loop of one-row conditional updates at the same concurrency (pgbench too when installed).
// Zero overspend is checked afterwards (balances and ledger:verify).
// Run: npm run bench:rush [-- --applications 2000 --clients 50]
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { arg, build, cpuMeter, httpClient, pct, pool, root, spawnApi, stopAll, vacuumAnalyze, waitHealthy } from './support.js';

const APPLICATIONS = arg('applications', 6000); // a rush of ~5 s: shorter runs mostly measure warm-up (JIT, statement preparation)
const CLIENTS = arg('clients', 50);
const GRANT_FEN = 100_000; // 1,000 yuan per application
const BUDGET_FEN = Math.floor(APPLICATIONS * 0.75) * GRANT_FEN; // covers 75% of the applications

build();
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort } = await import(path.join(root, 'dist/libs/database/src/index.js'));
const { makeUscc } = await import(path.join(root, 'dist/libs/organizations/src/domain/uscc.js'));

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-rush-'));
chmodSync(dir, 0o755);
// --profile: pg_stat_statements (with planning time) on, and the top statements printed after the rush
const PROFILE = process.argv.includes('--profile');
const cluster = await startEmbeddedPostgres({
  dataDir: path.join(dir, 'pg'),
  persistent: false,
  postgresFlags: PROFILE ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on'] : [],
});
await ensureDatabase(cluster.url('postgres'), 'rush');
// as `npm start` runs it: the API (and the baseline) reach PostgreSQL over its Unix socket;
// --tcp: both over TCP loopback instead
const TCP = process.argv.includes('--tcp');
const dbUrl = TCP ? cluster.url('rush') : cluster.localUrl('rush');
const SOCKET = dbUrl.includes('%2Ftmp');
await migrate(dbUrl);

const port = await freePort();
const admin = { email: 'rush-admin@example.com', password: 'rush-admin-password-1' };
const api = spawnApi({ port, dbUrl, dir, secret: 'rush-benchmark-secret-rush-benchmark-secret', admin, env: { DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10' } }); // the product's default pool
const base = `http://127.0.0.1:${port}`;
const { agent, call, must, uploadPdf } = httpClient(base);
const cleanup = () => stopAll({ agent, api, cluster, dir });
// CPU seconds used by the API, PostgreSQL (postmaster and backends) and the load generator: where the time goes
const cpuSeconds = cpuMeter(path.join(dir, 'pg'), api.pid);
const CPU_PROF = process.argv.includes('--cpu-prof');

try {
  await waitHealthy(base);
  const login = async (email, password) => (await must('POST', '/api/v1/auth/login', { email, password })).accessToken;
  const adminToken = await login(admin.email, admin.password);
  await must('POST', '/api/v1/admin/staff', { email: 'rush-officer@example.com', displayName: 'Officer', password: 'rush-officer-password-1', roles: [{ role: 'program_officer', regionCodes: ['350500'] }] }, adminToken);
  const officer = await login('rush-officer@example.com', 'rush-officer-password-1');

  // setup (not timed): enterprises, each with its own owner, verified
  const t0 = performance.now();
  const enterprises = new Array(APPLICATIONS);
  await pool(APPLICATIONS, 16, async (i) => {
    const email = `owner${i}@rush.example.com`;
    await must('POST', '/api/v1/auth/register', { email, password: 'owner-password-123', displayName: `Owner ${i}` });
    const token = await login(email, 'owner-password-123');
    const name = `晋江市冲刺测试科技有限公司${i}`;
    const e = await must('POST', '/api/v1/enterprises', {
      name, uscc: makeUscc('350582', 900000 + i), regionCode: '350582', industry: 'industry', employees: 50,
      annualRevenueFen: 20_000_000_00, totalAssetsFen: 10_000_000_00, legalRepresentative: '张三',
      registeredAddress: '福建省泉州市晋江市测试路1号', contactPhone: '0595-88880000', establishedOn: '2015-01-01',
      bankAccount: { bankName: '中国工商银行晋江支行', accountName: name, accountNo: '1408012345678901234' }, businessLicenceFileId: await uploadPdf(token),
    }, token);
    await must('POST', `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' }, officer);
    enterprises[i] = { id: e.id, token };
  });
  const setupMs = performance.now() - t0;

  const today = new Date();
  const ymd = (d) => d.toISOString().slice(0, 10);
  const program = await must('POST', '/api/v1/admin/programs', {
    name: '2026年泉州市科技创新券（冲刺基准）', fiscalYear: today.getUTCFullYear(),
    applicationOpensOn: ymd(new Date(today.getTime() - 86_400_000)), applicationClosesOn: ymd(new Date(today.getTime() + 30 * 86_400_000)),
    grantExpiresOn: ymd(new Date(today.getTime() + 60 * 86_400_000)), allocationMode: 'fcfs', settlementMode: 'provider_redeems',
    fundingSources: [{ key: 'city', name: '市级财政', shareBp: 5000 }, { key: 'jinjiang', name: '晋江市财政', regionCode: '350582', shareBp: 5000 }],
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: ['350582'] },
    subsidyRules: [], enterpriseAnnualCapFen: GRANT_FEN, maxGrantFen: GRANT_FEN, claimDeadlineDays: 90, reviewLevels: ['county', 'city'],
  }, officer);
  await must('POST', `/api/v1/admin/programs/${program.id}/funding`, { sourceKey: 'city', amountFen: BUDGET_FEN / 2 }, officer);
  await must('POST', `/api/v1/admin/programs/${program.id}/funding`, { sourceKey: 'jinjiang', amountFen: BUDGET_FEN / 2 }, officer);
  await must('POST', `/api/v1/admin/programs/${program.id}/open`, {}, officer);

  // as on a real opening day, the registrations are not minutes old: vacuum and analyze what the
  // setup wrote (not timed), so autovacuum does not pick those tables up in the middle of the rush
  // (and the hot statements' plans are made on statistics of tiny voucher and ledger tables — the
  // worst case for a plan that must stay good while they grow)
  await vacuumAnalyze(dbUrl);

  // the rush: CLIENTS concurrent clients, one application per enterprise
  const latencies = [];
  const outcomes = {};
  if (PROFILE) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await c.query('SELECT pg_stat_statements_reset()');
    await c.end();
  }
  // --at-rush "<shell command>": run alongside the rush (e.g. a system profiler), for diagnosis
  const atRush = process.argv.indexOf('--at-rush');
  if (atRush > 0) spawn('sh', ['-c', process.argv[atRush + 1]], { stdio: 'inherit' });
  const cpu0 = cpuSeconds();
  const r0 = performance.now();
  const rushStartUs = process.hrtime.bigint() / 1000n;
  await pool(APPLICATIONS, CLIENTS, async (i) => {
    const s = performance.now();
    const r = await call('POST', `/api/v1/programs/${program.id}/applications`, { enterpriseId: enterprises[i].id, requestedFen: GRANT_FEN, purpose: '检测服务' }, enterprises[i].token);
    latencies.push(performance.now() - s);
    const key = `${r.status}${r.body?.code ? ' ' + r.body.code : ''}`;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  });
  const rushMs = performance.now() - r0;
  if (CPU_PROF) console.log(`rush window (monotonic µs, for the CPU profile): ${rushStartUs} ${process.hrtime.bigint() / 1000n}`);
  const cpu1 = cpuSeconds();
  const cpuMs = (k) => ((cpu1[k] - cpu0[k]) * 1000) / APPLICATIONS;
  latencies.sort((a, b) => a - b);
  const granted = outcomes['201'] ?? 0;

  if (PROFILE) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const { rows } = await c.query(
      `SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round(total_plan_time::numeric, 1) AS plan_ms, plans,
              round(((total_exec_time + total_plan_time) / greatest(calls, 1))::numeric, 3) AS ms_per_call, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
         FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 12`,
    );
    // the first-come read's plan, as the API runs it (a generic plan of a prepared statement)
    const { firstComeReadSql } = await import(path.join(root, 'dist/libs/vouchers/src/index.js'));
    const { SqlParams } = await import(path.join(root, 'dist/libs/database/src/index.js'));
    // the last enterprise: refused (no live application), the worst case of the live-application check
    const last = enterprises[APPLICATIONS - 1];
    const userId = JSON.parse(Buffer.from(last.token.split('.')[1], 'base64url').toString()).sub;
    const p = new SqlParams();
    const text = firstComeReadSql(p, [{ programId: program.id, enterpriseId: last.id, userId }]);
    if (process.argv.includes('--analyze')) await c.query('ANALYZE');
    await c.query('SET plan_cache_mode = force_generic_plan');
    await c.query(`PREPARE first_come_read AS ${text}`);
    const lit = (v) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
    for (let i = 0; i < 3; i++) await c.query(`EXECUTE first_come_read(${p.values.map(lit).join(', ')})`);
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE first_come_read(${p.values.map(lit).join(', ')})`);
    console.log('first-come read plan:');
    for (const r of plan.rows) console.log('  ' + r['QUERY PLAN']);
    console.log('profile (pg_stat_statements, top by exec + plan time):');
    for (const r of rows) console.log(`  ${String(r.calls).padStart(6)} calls  exec ${String(r.exec_ms).padStart(8)} ms  plan ${String(r.plan_ms).padStart(7)} ms (${r.plans} plans)  ${r.ms_per_call} ms/call  ${r.query}`);
    await c.end();
  }

  // group commit: how many grant statements wrote the grants (one transaction each, one audit xact_id)
  let statements = null;
  {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT count(DISTINCT xact_id)::int AS n FROM audit_entry WHERE action = 'application.granted' AND after->>'programId' = $1`, [program.id]);
    statements = rows[0].n;
    await c.end();
  }

  // zero overspend
  const balances = await must('GET', `/api/v1/admin/programs/${program.id}/balances`, undefined, officer);
  const verify = execFileSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'ledger:verify'], { env: { ...process.env, DATABASE_URL: dbUrl } }).toString().trim();

  // baseline: one hot row, conditional update, same concurrency, same server
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS bench_hot (id int PRIMARY KEY, n bigint NOT NULL)');
  await c.query('INSERT INTO bench_hot VALUES (1, 1000000000) ON CONFLICT (id) DO UPDATE SET n = 1000000000');
  await c.end();
  const bpool = new pg.Pool({ connectionString: dbUrl, max: CLIENTS });
  const BASE_OPS = 20_000;
  const b0 = performance.now();
  await pool(BASE_OPS, CLIENTS, async () => {
    await bpool.query('UPDATE bench_hot SET n = n - 1 WHERE id = 1 AND n >= 1');
  });
  const baselineTps = BASE_OPS / ((performance.now() - b0) / 1000);
  await bpool.end();
  let pgbenchTps = null;
  if (existsSync('/usr/bin/pgbench')) {
    const u = new URL(dbUrl);
    const script = path.join(dir, 'hot.sql');
    execFileSync('sh', ['-c', `echo "UPDATE bench_hot SET n = n - 1 WHERE id = 1 AND n >= 1;" > ${script}`]);
    const out = execFileSync('pgbench', ['-n', '-f', script, '-c', String(CLIENTS), '-j', '2', '-T', '10', '-h', SOCKET ? '/tmp' : u.hostname, '-p', SOCKET ? String(cluster.port) : u.port, '-U', 'postgres', 'rush'], { env: { ...process.env, PGPASSWORD: 'innoserve' } }).toString();
    pgbenchTps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  }

  const grantsPerSecond = granted / (rushMs / 1000);
  console.log(`date:                 ${new Date().toISOString()}`);
  console.log(`machine:              ${os.cpus().length} cores, node ${process.version}, embedded PostgreSQL`);
  console.log(`setup (not timed):    ${APPLICATIONS} verified enterprises in ${(setupMs / 1000).toFixed(1)} s`);
  console.log(`rush:                 ${APPLICATIONS} applications, ${CLIENTS} concurrent clients over HTTP, budget for ${BUDGET_FEN / GRANT_FEN}`);
  console.log(`outcomes:             ${JSON.stringify(outcomes)}`);
  console.log(`throughput:           ${(APPLICATIONS / (rushMs / 1000)).toFixed(0)} requests/s, ${grantsPerSecond.toFixed(0)} grants/s`);
  console.log(`grant statements:     ${statements} for ${granted} grants (${(granted / Math.max(statements, 1)).toFixed(1)} per statement: group commit)`);
  console.log(`latency:              p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`);
  console.log(`CPU per application:  API ${cpuMs('api').toFixed(2)} ms, PostgreSQL ${cpuMs('pg').toFixed(2)} ms, load generator ${cpuMs('loadgen').toFixed(2)} ms (${os.cpus().length} cores = ${(os.cpus().length * rushMs / APPLICATIONS).toFixed(2)} ms of CPU available per application)`);
  console.log(`baseline (raw pg):    ${baselineTps.toFixed(0)} one-row hot updates/s at ${CLIENTS} clients${pgbenchTps ? `; pgbench ${pgbenchTps.toFixed(0)} tps` : ''}`);
  console.log(`ratio:                grants/s ÷ raw-pg ceiling = ${(grantsPerSecond / baselineTps * 100).toFixed(1)}%${pgbenchTps ? `; ÷ pgbench = ${(grantsPerSecond / pgbenchTps * 100).toFixed(1)}%` : ''} (floor 25%, goal 50%)`);
  console.log(`overspend:            granted ${granted} × ${GRANT_FEN} fen = ${granted * GRANT_FEN} fen of a ${BUDGET_FEN} fen budget → ${granted * GRANT_FEN <= BUDGET_FEN ? 'none' : 'OVERSPENT'}`);
  console.log(`balances:             ${JSON.stringify(balances)}`);
  console.log(`ledger:verify:        ${verify}`);
  if (granted * GRANT_FEN > BUDGET_FEN) process.exitCode = 1;
} finally {
  await cleanup();
}
