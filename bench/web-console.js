// Web benchmark, the administrators' console (issue #14):
//  1. The console's initial JavaScript: every script Chromium fetched from /assets/ until the first
//     page of the claims queue painted (the entry chunk, the console's chunks, the claims area, the
//     locale files), gzip'd from the build (zlib level 9, as the precompressed files the API sends;
//     level 6 and brotli printed too). The same list is checked for code-splitting: no chunk of the
//     enterprise or provider portals may be among them.
//  2. Time from navigation to /admin/claims?level=city (where the city reviewer's menu leads) until
//     the first page of 50 claims painted, with ≈1,000 claims waiting at the city level, in headless Chromium (Debian's
//     `chromium`) through playwright-core, cold cache (a fresh context per run, the HTTP cache
//     cleared), throttled as bench/web.js throttles the home page (1.6 Mbps down, 750 kbps up,
//     150 ms round trips, 4× CPU slowdown), then unthrottled. The reviewer is signed in the way a
//     returning user is: the httpOnly refresh cookie is in the browser (from a cookie-mode login),
//     so the page refreshes the access token, loads the user, then the queue — all inside the time.
//     "Painted": a requestAnimationFrame after the 50th row of the table is in the DOM.
//  3. Baselines in the same run: the queue's own request (the URL the page sent, captured) as a bare
//     API request from Node, and from the same throttled/unthrottled Chromium (a fresh context).
// The data: one generated year (libs/reports/test/support/generated-year.ts, the generator of
// bench:reports, seed 20261205) with enough enterprises that the city level holds ≈1,000 claims in
// review, written into embedded PostgreSQL migrated with the real migrations; the API as
// `npm start` runs it (createApiApp, production mode), serving the web app built for this run
// (scripts/build-web.js --out-dir).
// Run: npm run bench:web:console [-- --runs 10 --enterprises 2300]
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startApi } from './api.js';
import { bareInBrowser, buildServerAndWeb, chromiumOrExit, coldPage, kb, mark, median, ms, p95, scriptSizes } from './browser-support.js';
import { arg as argOf, root } from './support.js';

const RUNS = argOf('runs', 10);
const ENTERPRISES = argOf('enterprises', 2300);
const PER_ENTERPRISE = argOf('orders-per-enterprise', 10);
const SEED = argOf('seed', 20261205);
const ROWS = 50;
const FLOOR = { kb: 500, throttledP95: 3000 };
const GOAL = { kb: 300, throttledP95: 1500 };

const chrome = chromiumOrExit('bench:web:console');

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-bench-console-'));
chmodSync(dir, 0o755);
const webDir = path.join(dir, 'web');
const buildSecs = buildServerAndWeb(webDir);
if (!existsSync(path.join(webDir, 'index.html'))) throw new Error('no index.html after scripts/build-web.js');

const dist = (p) => import(path.join(root, 'dist', p));
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort, dataSourceOptions } = await dist('libs/database/src/index.js');
const { seedReferenceData } = await dist('libs/reference/src/index.js');
const { generateYear, loadYear, yearReference } = await dist('libs/reports/test/support/generated-year.js');
const { DataSource } = await import('typeorm');

const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false, postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] });
let api;
let browser;

try {
  await ensureDatabase(cluster.url('postgres'), 'console');
  const dbUrl = cluster.localUrl('console');
  await migrate(dbUrl);
  const ds = new DataSource({ ...dataSourceOptions({ url: dbUrl, poolSize: 2 }), logging: false });
  await ds.initialize();
  await seedReferenceData(ds.manager);
  const t1 = performance.now();
  const year = generateYear(await yearReference(ds.manager), { enterprises: ENTERPRISES, ordersPerEnterprise: PER_ENTERPRISE, seed: SEED });
  await loadYear(ds.manager, year, 5000);
  await ds.query('VACUUM (ANALYZE)');
  const loadSecs = (performance.now() - t1) / 1000;
  const [{ n: cityQueue }] = await ds.query(`SELECT count(*)::int AS n FROM subsidy_claim WHERE status = 'in_review' AND levels[level] = 'city'`);
  const [{ n: allClaims }] = await ds.query(`SELECT count(*)::int AS n FROM subsidy_claim`);
  await ds.destroy();

  const admin = { email: 'console-admin@example.com', password: 'console-admin-password-1' };
  api = await startApi({ port: await freePort(), dbUrl, dir, admin, webDir });
  const adminToken = await api.login(admin.email, admin.password);
  const reviewer = { email: 'console-city@example.com', password: 'console-city-password-1' };
  await api.must('POST', '/api/v1/admin/staff', { email: reviewer.email, displayName: '市级审核员', password: reviewer.password, roles: [{ role: 'city_reviewer', regionCodes: [year.cityCode] }] }, adminToken);

  /** A cookie-mode login: the refresh cookie a returning reviewer's browser holds. */
  async function refreshCookie() {
    const res = await fetch(`${api.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1' }, body: JSON.stringify(reviewer) });
    if (res.status !== 200 && res.status !== 201) throw new Error(`login answered ${res.status}`);
    const set = res.headers.getSetCookie().find((c) => /^[^=]+=/.test(c) && /path=\/api\/v1\/auth/i.test(c));
    if (!set) throw new Error('no refresh cookie in the cookie-mode login');
    const [pair, ...attrs] = set.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), domain: '127.0.0.1', path: '/api/v1/auth', httpOnly: true, sameSite: 'Strict', secure: attrs.some((a) => /^secure$/i.test(a)) };
  }

  browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

  /** One cold navigation to the queue; answers ms from navigation start to the 50th row painted, the queue URL and the scripts fetched. */
  async function pageRun(throttled) {
    const { context, page } = await coldPage(browser, throttled, { viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      await context.addCookies([await refreshCookie()]);
      await page.addInitScript((rows) => {
        const w = window;
        const mo = new MutationObserver(() => {
          if (document.querySelectorAll('tr[data-queue-row], .ant-table-tbody tr.ant-table-row').length < rows) return;
          mo.disconnect();
          requestAnimationFrame(() => setTimeout(() => {
            w.__painted = performance.now();
          }, 0));
        });
        mo.observe(document, { childList: true, subtree: true });
      }, ROWS);
      await page.goto(`${api.base}/admin/claims?level=city`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__painted !== undefined, null, { timeout: 90_000, polling: 50 });
      return await page.evaluate(() => {
        const res = performance.getEntriesByType('resource');
        const queue = res.find((r) => r.name.includes('/api/v1/admin/claims'));
        return {
          painted: window.__painted,
          queueUrl: queue?.name ?? null,
          queueStart: queue?.startTime ?? null,
          queueEnd: queue?.responseEnd ?? null,
          meEnd: res.find((r) => r.name.endsWith('/api/v1/me'))?.responseEnd ?? null,
          scriptsEnd: Math.max(0, ...res.filter((r) => /\/assets\/[^/?]+\.(js|json)(\?|$)/.test(r.name)).map((r) => r.responseEnd)),
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          scripts: res.filter((r) => /\/assets\/[^/?]+\.js(\?|$)/.test(r.name)).map((r) => new URL(r.name).pathname.replace(/^\/assets\//, '')),
          transferred: res.reduce((n, r) => n + (r.transferSize || 0), 0),
        };
      });
    } finally {
      await context.close();
    }
  }

  // one unmeasured run: the server's first page load (its own caches); it also tells the queue's URL
  const first = await pageRun(false);
  if (!first.queueUrl) throw new Error('the page sent no /api/v1/admin/claims request');
  const token = await api.login(reviewer.email, reviewer.password);
  const probe = await (await fetch(first.queueUrl, { headers: { authorization: `Bearer ${token}` } })).json();
  if (!(probe.items?.length >= ROWS)) throw new Error(`the queue's first page has ${probe.items?.length} claims, not ${ROWS}: ${first.queueUrl}`);

  const bareNode = [];
  for (let i = 0; i < 3; i++) await (await fetch(first.queueUrl, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await (await fetch(first.queueUrl, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer();
    bareNode.push(performance.now() - t);
  }
  const series = async (throttled) => {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pageRun(throttled));
    const bare = [];
    for (let i = 0; i < RUNS; i++) bare.push(await bareInBrowser(browser, first.queueUrl, throttled, { extraHTTPHeaders: { authorization: `Bearer ${token}` } }));
    return { runs, bare };
  };
  const slow = await series(true);
  const fast = await series(false);

  // ---- 1. the console's initial JavaScript: the scripts fetched before the queue painted
  const scripts = [...new Set(slow.runs.flatMap((r) => r.scripts))];
  const { raw, gz9, gz6, br, parts } = scriptSizes(webDir, scripts);
  // code-split from the portals: no chunk built from the enterprise, provider or public portals'
  // modules may be among them (Vite's manifest maps each chunk to the source it was built from)
  const manifest = JSON.parse(readFileSync(path.join(webDir, '.vite', 'manifest.json'), 'utf8'));
  const sourceOf = new Map(Object.entries(manifest).map(([key, m]) => [m.file.replace(/^assets\//, ''), m.src ?? key]));
  const leaked = scripts.filter((f) => /(^|\/)portals\/(enterprise|provider|public)\//.test(sourceOf.get(f) ?? ''));

  const painted = (s) => s.runs.map((r) => r.painted);
  const breakdown = (s) => {
    const f = (k) => ms(median(s.runs.map((x) => x[k]).filter((v) => v !== null)));
    const avg = s.runs.reduce((n, r) => n + r.transferred, 0) / s.runs.length;
    return `median first paint ${f('fcp')}, queue request sent ${f('queueStart')}, answered ${f('queueEnd')}, user (/me) answered ${f('meEnd')}, last script loaded ${f('scriptsEnd')}, 50 rows painted ${f('painted')}; ${kb(avg)} transferred`;
  };
  const line = (name, s, floor, goal) => {
    const p = painted(s);
    const floorText = floor ? `floor p95 ≤ ${floor} ms: ${mark(p95(p) <= floor)}, goal ≤ ${goal} ms: ${mark(p95(p) <= goal)}` : 'no floor';
    return `${name}median ${ms(median(p))}, p95 ${ms(p95(p))} (${RUNS} runs: ${p.map((v) => Math.round(v)).join(' ')}) — ${(median(p) / median(s.bare)).toFixed(1)}× / ${(p95(p) / p95(s.bare)).toFixed(1)}× the bare request's median / p95 (${floorText})`;
  };
  const queuePath = new URL(first.queueUrl);
  console.log(
    [
      `date:                     ${new Date().toISOString()}`,
      `machine:                  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${execFileSync(chrome, ['--version']).toString().trim()}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      `data:                     generated year, ${ENTERPRISES.toLocaleString('en')} enterprises × ~${PER_ENTERPRISE} orders (seed ${SEED}): ${allClaims.toLocaleString('en')} claims, ${cityQueue.toLocaleString('en')} in review at the city level (loaded in ${loadSecs.toFixed(1)} s; builds ${buildSecs.toFixed(1)} s)`,
      `queue:                    ${queuePath.pathname}${queuePath.search} as a city reviewer: ${probe.total.toLocaleString('en')} claims, first page ${probe.items.length}`,
      `console initial JS:       ${kb(gz9)} gzip -9 (${kb(gz6)} gzip -6, ${kb(br)} brotli, ${kb(raw)} raw) in ${scripts.length} files fetched before the queue painted (floor ≤ ${FLOOR.kb} KB: ${mark(gz9 / 1024 <= FLOOR.kb)}, goal ≤ ${GOAL.kb} KB: ${mark(gz9 / 1024 <= GOAL.kb)}); portal page chunks among them: ${leaked.length ? leaked.join(', ') : 'none'}`,
      `   ${parts.join(', ')}`,
      `baseline, bare queue request (Node): median ${ms(median(bareNode))}, p95 ${ms(p95(bareNode))}`,
      `baseline, bare queue request (Chromium, throttled): median ${ms(median(slow.bare))}, p95 ${ms(p95(slow.bare))}`,
      `baseline, bare queue request (Chromium, unthrottled): median ${ms(median(fast.bare))}, p95 ${ms(p95(fast.bare))}`,
      line('50 claims painted, throttled (1.6 Mbps / 750 kbps, 150 ms RTT, 4× CPU): ', slow, FLOOR.throttledP95, GOAL.throttledP95),
      `   ${breakdown(slow)}`,
      line('50 claims painted, unthrottled: ', fast),
      `   ${breakdown(fast)}`,
    ].join('\n'),
  );
  if (leaked.length) process.exitCode = 1;
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => undefined);
  await api?.stop();
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
