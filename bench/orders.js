// Orders benchmark (issue #10): full order lifecycles over HTTP at 20 concurrent clients against the
// real API (a separate process on embedded PostgreSQL, as `npm start` runs it): request, quote,
// accept with the subsidy hold, offline pay and confirm, start, deliver with an uploaded file,
// complete. 20 enterprises buy from 2 providers under one provider cap, so the money steps contend
// on the same rows. Baseline in the same run: as many authenticated GET /api/v1/me requests at the
// same concurrency; each step's p95 is printed as a multiple of the baseline's p95. Afterwards the
// ledger is verified (0 imbalance) and the held amounts are compared with the orders' subsidies.
// Run: npm run bench:orders [-- --lifecycles 400 --clients 20]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { arg, build, cpuMeter, httpClient, pct, pool, root, spawnApi, stopAll, vacuumAnalyze, waitHealthy } from './support.js';

const LIFECYCLES = arg('lifecycles', 400);
const CLIENTS = arg('clients', 20);
const ENTERPRISES = 20;
const PRICE = 100_000; // ¥1,000 quotes; 50% subsidy = ¥500 held per order
const STEPS = ['request', 'quote', 'accept', 'pay', 'confirm', 'start', 'upload', 'deliver', 'complete'];

build();
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort } = await import(path.join(root, 'dist/libs/database/src/index.js'));
const { makeUscc } = await import(path.join(root, 'dist/libs/organizations/src/domain/uscc.js'));
const { categoryIdOf } = await import(path.join(root, 'dist/libs/reference/src/index.js'));

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-orders-bench-'));
chmodSync(dir, 0o755);
const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
await ensureDatabase(cluster.url('postgres'), 'orders');
const dbUrl = cluster.localUrl('orders');
await migrate(dbUrl);

const port = await freePort();
const admin = { email: 'orders-admin@example.com', password: 'orders-admin-password-1' };
const api = spawnApi({ port, dbUrl, dir, secret: 'orders-benchmark-secret-orders-benchmark-secret', admin, env: { ADMISSION_NOTICE_DAYS: '0' } });
const base = `http://127.0.0.1:${port}`;
const { agent, must, uploadPdf } = httpClient(base);
const cleanup = () => stopAll({ agent, api, cluster, dir });
const cpuSeconds = cpuMeter(path.join(dir, 'pg'), api.pid);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
function multipartPdf() {
  const boundary = `----bench${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

try {
  await waitHealthy(base);
  const login = async (email, password) => (await must('POST', '/api/v1/auth/login', { email, password })).accessToken;
  const adminToken = await login(admin.email, admin.password);
  await must('POST', '/api/v1/admin/staff', { email: 'orders-officer@example.com', displayName: 'Officer', password: 'orders-officer-password-1', roles: [{ role: 'program_officer', regionCodes: ['350500'] }] }, adminToken);
  const officer = await login('orders-officer@example.com', 'orders-officer-password-1');
  const register = async (email) => {
    await must('POST', '/api/v1/auth/register', { email, password: 'bench-password-123', displayName: email });
    return login(email, 'bench-password-123');
  };

  // 2 admitted providers, each with a quote-priced textile-testing offering
  const textile = categoryIdOf('testing.textile');
  const providers = [];
  for (let i = 0; i < 2; i++) {
    const token = await register(`provider${i}@bench.example.com`);
    const name = `泉州市基准检测技术有限公司${i}`;
    const p = await must('POST', '/api/v1/providers', {
      name, uscc: makeUscc('350503', 700000 + i), regionCode: '350503', legalRepresentative: '王五', registeredAddress: '福建省泉州市丰泽区示例路8号', contactPhone: '0595-22220000',
      bankAccount: { bankName: '中国银行泉州分行', accountName: name, accountNo: '4011223344556677' }, providerTypes: ['testing_lab'],
      qualifications: [{ kind: 'CMA', number: `20151234567${i}`, expiresOn: '2030-12-31', certificateFileId: await uploadPdf(token) }], categoryIds: [textile],
    }, token);
    for (const action of ['start-notice', 'admit']) await must('POST', `/api/v1/admin/providers/${p.id}/admission`, { action }, officer);
    const o = await must('POST', '/api/v1/offerings', {
      providerId: p.id, categoryId: textile, title: `纺织面料检测方案${i}`, description: '按需求定制检测方案', deliverables: 'CMA 报告',
      pricing: { kind: 'quote', minFen: 50_000, maxFen: 500_000 }, leadTimeDays: 5, regionCodes: ['350582'], tags: ['纺织'], qualificationKinds: ['CMA'],
    }, token);
    await must('POST', `/api/v1/offerings/${o.id}/submit`, {}, token);
    await must('POST', `/api/v1/admin/offerings/${o.id}/moderation`, { decision: 'publish' }, officer);
    providers.push({ id: p.id, token, offeringId: o.id });
  }

  // one program: 50% subsidy, one provider cap large enough for the run but shared, so holds contend on its rows
  const today = new Date();
  const ymd = (d) => d.toISOString().slice(0, 10);
  const program = await must('POST', '/api/v1/admin/programs', {
    name: '订单基准创新券', fiscalYear: today.getUTCFullYear(), applicationOpensOn: ymd(new Date(today.getTime() - 86_400_000)),
    applicationClosesOn: ymd(new Date(today.getTime() + 30 * 86_400_000)), grantExpiresOn: ymd(new Date(today.getTime() + 60 * 86_400_000)),
    allocationMode: 'fcfs', settlementMode: 'provider_redeems',
    fundingSources: [{ key: 'city', name: '市级财政', shareBp: 5000 }, { key: 'jinjiang', name: '晋江市财政', regionCode: '350582', shareBp: 5000 }],
    eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: ['350582'] },
    subsidyRules: [{ categoryId: textile, ratioBp: 5000, perOrderCapFen: 2_000_000 }],
    enterpriseAnnualCapFen: 100_000_000, maxGrantFen: 100_000_000, providerAnnualCapFen: LIFECYCLES * PRICE, claimDeadlineDays: 90, reviewLevels: ['county', 'city'],
  }, officer);
  for (const sourceKey of ['city', 'jinjiang']) await must('POST', `/api/v1/admin/programs/${program.id}/funding`, { sourceKey, amountFen: LIFECYCLES * PRICE }, officer);
  await must('POST', `/api/v1/admin/programs/${program.id}/open`, {}, officer);

  // 20 verified enterprises, each with a grant
  const enterprises = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    const token = await register(`buyer${i}@bench.example.com`);
    const name = `晋江市基准采购科技有限公司${i}`;
    const e = await must('POST', '/api/v1/enterprises', {
      name, uscc: makeUscc('350582', 800000 + i), regionCode: '350582', industry: 'industry', employees: 50, annualRevenueFen: 20_000_000_00,
      totalAssetsFen: 10_000_000_00, legalRepresentative: '张三', registeredAddress: '福建省泉州市晋江市测试路1号', contactPhone: '0595-88880000', establishedOn: '2015-01-01',
      bankAccount: { bankName: '中国工商银行晋江支行', accountName: name, accountNo: '1408012345678901234' }, businessLicenceFileId: await uploadPdf(token),
    }, token);
    await must('POST', `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' }, officer);
    await must('POST', `/api/v1/programs/${program.id}/applications`, { enterpriseId: e.id, requestedFen: Math.ceil(LIFECYCLES / ENTERPRISES + 1) * PRICE, purpose: '检测' }, token);
    enterprises.push({ id: e.id, token, name });
  }
  await vacuumAnalyze(dbUrl);

  // warm-up (not measured): one lifecycle per client, so the measured run does not time JIT and first plans
  const lat = Object.fromEntries(STEPS.map((s) => [s, []]));
  const validUntil = ymd(new Date(today.getTime() + 7 * 86_400_000));
  async function lifecycle(i, record) {
    const e = enterprises[i % ENTERPRISES];
    const p = providers[i % providers.length];
    const step = async (name, fn) => {
      const s = performance.now();
      const out = await fn();
      if (record) lat[name].push(performance.now() - s);
      return out;
    };
    const order = await step('request', () => must('POST', '/api/v1/orders', { offeringId: p.offeringId, enterpriseId: e.id, requirements: '检测' }, e.token));
    const quoted = await step('quote', () => must('POST', `/api/v1/orders/${order.id}/quote`, { priceFen: PRICE, scope: '全项', leadTimeDays: 5, validUntil }, p.token));
    await step('accept', () => must('POST', `/api/v1/orders/${order.id}/accept`, { quoteVersion: quoted.quote.quoteVersion }, e.token));
    const pay = await step('pay', () => must('POST', `/api/v1/orders/${order.id}/payments`, { method: 'offline' }, e.token));
    await step('confirm', () => must('POST', `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: `B${i}`, payerName: e.name, payerAccountNo: '1408012345678901234' }, p.token));
    await step('start', () => must('POST', `/api/v1/orders/${order.id}/start`, {}, p.token));
    const file = await step('upload', () => must('POST', '/api/v1/files', undefined, p.token, { raw: multipartPdf() }));
    await step('deliver', () => must('POST', `/api/v1/orders/${order.id}/deliver`, { reportFileId: file.id }, p.token));
    await step('complete', () => must('POST', `/api/v1/orders/${order.id}/complete`, {}, e.token));
  }
  await pool(CLIENTS, CLIENTS, (i) => lifecycle(i, false));
  for (const e of enterprises) await must('GET', '/api/v1/me', undefined, e.token);

  // the measured run
  const cpu0 = cpuSeconds();
  const r0 = performance.now();
  await pool(LIFECYCLES, CLIENTS, (i) => lifecycle(i, true));
  const runMs = performance.now() - r0;
  const cpu1 = cpuSeconds();
  const cpuPer = (k) => (((cpu1[k] - cpu0[k]) * 1000) / LIFECYCLES).toFixed(1);
  const requests = LIFECYCLES * STEPS.length;

  // the baseline: as many authenticated GET /me at the same concurrency
  const baseline = [];
  const b0 = performance.now();
  await pool(requests, CLIENTS, async (i) => {
    const s = performance.now();
    await must('GET', '/api/v1/me', undefined, enterprises[i % ENTERPRISES].token);
    baseline.push(performance.now() - s);
  });
  const baseMs = performance.now() - b0;
  baseline.sort((a, b) => a - b);
  const baseP95 = pct(baseline, 95);

  // money checks: the ledger verifies, and what is held equals the subsidies of the completed orders
  const verify = execFileSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'ledger:verify'], { env: { ...process.env, DATABASE_URL: dbUrl } }).toString().trim();
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows: [held] } = await c.query(`SELECT coalesce(sum(open_fen), 0)::text AS held, (SELECT coalesce(sum(subsidy_fen), 0)::text FROM service_order) AS subsidies, (SELECT count(*)::int FROM service_order WHERE status = 'completed') AS completed FROM ledger_hold`);
  const { rows: [imbalance] } = await c.query(`SELECT coalesce(sum(amount_fen), 0)::text AS total FROM ledger_entry`);
  await c.end();

  let worst = 0;
  console.log(`date:             ${new Date().toISOString()}`);
  console.log(`machine:          ${os.cpus().length} cores, node ${process.version}, embedded PostgreSQL (Unix socket), API in production mode`);
  console.log(`run:              ${LIFECYCLES} lifecycles (${requests} requests) at ${CLIENTS} concurrent clients, ${ENTERPRISES} enterprises, ${providers.length} providers under one provider cap`);
  console.log(`throughput:       ${(LIFECYCLES / (runMs / 1000)).toFixed(1)} lifecycles/s (${(requests / (runMs / 1000)).toFixed(0)} requests/s)`);
  console.log(`CPU per lifecycle: API ${cpuPer('api')} ms, PostgreSQL ${cpuPer('pg')} ms, load generator ${cpuPer('loadgen')} ms (${os.cpus().length} cores)`);
  console.log(`baseline:         GET /api/v1/me ×${requests} at ${CLIENTS} clients: p50 ${pct(baseline, 50).toFixed(1)} ms, p95 ${baseP95.toFixed(1)} ms (${(requests / (baseMs / 1000)).toFixed(0)} requests/s)`);
  console.log('step             p50 ms   p95 ms   p95 / baseline p95');
  for (const s of STEPS) {
    const l = lat[s].sort((a, b) => a - b);
    const ratio = pct(l, 95) / baseP95;
    worst = Math.max(worst, ratio);
    console.log(`${s.padEnd(16)} ${pct(l, 50).toFixed(1).padStart(6)}   ${pct(l, 95).toFixed(1).padStart(6)}   ${ratio.toFixed(2)}×`);
  }
  console.log(`worst step:       ${worst.toFixed(2)}× the baseline p95 (floor ≤ 4×, goal ≤ 2×): ${worst <= 2 ? 'goal met' : worst <= 4 ? 'floor met' : 'FLOOR MISSED'}`);
  console.log(`ledger:           ${verify.split('\n').pop()}; sum of all entries ${imbalance.total} fen (0 = balanced)`);
  console.log(`holds:            ${held.held} fen held for ${held.completed} completed orders; their subsidies ${held.subsidies} fen${held.held === held.subsidies ? ' (equal)' : ' (DIFFER)'}`);
  if (imbalance.total !== '0' || held.held !== held.subsidies || worst > 4) process.exitCode = 1;
} finally {
  await cleanup();
}
