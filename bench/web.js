// Web benchmark (issue #12): the public marketplace's home page.
//  1. Initial JavaScript of the home page: the entry chunk of the built app and everything it loads
//     before the first search (its static imports and the modulepreloads of index.html), gzip'd
//     (zlib level 9, as a precompressing build step would; level 6 printed too) and brotli'd.
//  2. Time from navigation to the first search result painted, in headless Chromium (Debian's
//     `chromium`, scripts/chromium.js) through playwright-core, cold cache (a fresh browser context
//     per run and Network.clearBrowserCache), with the DevTools protocol emulating 1.6 Mbps down,
//     750 kbps up, 150 ms round trips and a 4× CPU slowdown; then the same without throttling.
//     The page is `/?q=<a Chinese sub-word>`; "painted" is the Element Timing API's renderTime of
//     the first result's title, relative to the navigation start: the early plain results'
//     (elementtiming="search-result-early", search-prefetch.js, shown when the search is answered
//     before the app renders) or the app's (elementtiming="search-result" in HomePage.tsx; a
//     requestAnimationFrame after it is in the DOM as a fallback), whichever a reader saw first;
//     the app's own time is printed beside it.
//  3. Baseline in the same run: the same search (same query string as the page sends) as a bare
//     API request — from Node with no throttling, and from the same throttled Chromium (a fresh
//     context, the API URL navigated to directly, until its response ends).
// The stack: an embedded PostgreSQL, migrated, a catalog of --offerings synthetic offerings
// (bench/data.js, seed 42) in the PostgresEngine, the real API (createApiApp, as `npm start` runs
// it) as its own process serving the web app built for this run (scripts/build-web.js --out-dir).
// Run: npm run bench:web [-- --runs 10 --offerings 400 --q 色牢度 --web-dir DIR]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startApi } from './api.js';
import { argOf, bareInBrowser, buildServerAndWeb, chromiumOrExit, coldPage, kb, mark, median, ms, p95, scriptSizes } from './browser-support.js';
import { loadDocuments } from './data.js';
import { root } from './support.js';

const dist = (p) => import(pathToFileURL(path.join(root, 'dist', p)).href);
const RUNS = Number(argOf('runs', 10));
const OFFERINGS = Number(argOf('offerings', 400));
const Q = argOf('q', '色牢度'); // inside 服装色牢度检测: a Chinese sub-word
const PAGE_SIZE = 10; // apps/web/src/portals/public/HomePage.tsx PAGE_SIZE
const FLOOR = { kb: 350, throttledP95: 3000, fastP95: 1500 };
const GOAL = { kb: 200, throttledP95: 1500, fastP95: 800 };

const chrome = chromiumOrExit('bench:web');

const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-bench-web-'));
chmodSync(dir, 0o755);
// --web-dir DIR: measure an app built already (scripts/build-web.js --out-dir DIR) instead of building one
const prebuilt = argOf('web-dir', null);
const webDir = prebuilt ? path.resolve(prebuilt) : path.join(dir, 'web');

// ---- build: the server, and the web app from the current sources into this run's directory ----
const buildSecs = buildServerAndWeb(webDir, !!prebuilt);

// ---- 1. initial JavaScript of the home page ----
function initialJs() {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const files = new Set();
  const visit = (f) => {
    if (files.has(f)) return;
    files.add(f);
    const code = readFileSync(path.join(webDir, 'assets', f), 'utf8');
    // static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` is lazy
    for (const m of code.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g)) visit(m[1]);
  };
  for (const f of [...entry, ...preloads]) visit(f);
  return { files: [...files], ...scriptSizes(webDir, files) };
}
const js = initialJs();

// ---- the stack ----
const { startEmbeddedPostgres, ensureDatabase, migrate, freePort } = await dist('libs/database/src/index.js');
let cluster;
let api;
let browser;
const cleanup = async () => {
  await browser?.close().catch(() => undefined);
  await api?.stop();
  if (cluster) await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
};

try {
  cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), persistent: false });
  await ensureDatabase(cluster.url('postgres'), 'web');
  const dbUrl = cluster.url('web');
  await migrate(dbUrl);
  const loaded = await loadDocuments({ databaseUrl: dbUrl, offerings: OFFERINGS, progress: false });

  // the API as `npm start` runs it (createApiApp, production mode), serving this run's build
  api = await startApi({ port: await freePort(), dbUrl, dir, admin: { email: 'web-bench-admin@example.com', password: 'web-bench-admin-password-1' }, webDir, env: { HOST: '127.0.0.1', MEILI_HOST: '', MEILI_MASTER_KEY: '' } });
  const base = api.base;

  // the query string the page sends for /?q=Q (HomePage.tsx: q and pageSize)
  const apiUrl = `${base}/api/v1/search/offerings?${new URLSearchParams({ q: Q, pageSize: String(PAGE_SIZE) })}`;
  const probe = await (await fetch(apiUrl)).json();
  if (!(probe.total > 0)) throw new Error(`'${Q}' finds nothing in ${OFFERINGS} offerings: choose another --q`);
  const encoding = (await fetch(`${base}/assets/${js.files[0]}`, { headers: { 'accept-encoding': 'gzip, br' } })).headers.get('content-encoding') ?? 'identity';

  // ---- baseline 1: the bare API request from Node ----
  for (let i = 0; i < 3; i++) await (await fetch(apiUrl)).arrayBuffer(); // warm the server's caches once, as the page runs come after it
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await (await fetch(apiUrl)).arrayBuffer();
    bare.push(performance.now() - t);
  }

  browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

  /** One cold navigation; answers ms from navigation start to the first result painted (and a breakdown). */
  async function pageRun(throttled) {
    const { context, page } = await coldPage(browser, throttled, { viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    try {
      await page.addInitScript(() => {
        const w = window;
        w.__firstResult = null;
        w.__earlyResult = null;
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) {
              // the app's result title, and search-prefetch.js's early one (shown before the app renders)
              if (e.identifier === 'search-result' && w.__firstResult === null) w.__firstResult = { t: e.renderTime || e.loadTime, how: 'element-timing' };
              if (e.identifier === 'search-result-early' && w.__earlyResult === null) w.__earlyResult = e.renderTime || e.loadTime;
            }
          }).observe({ type: 'element', buffered: true });
        } catch {
          /* no Element Timing: the fallback below */
        }
        const mo = new MutationObserver(() => {
          if (!document.querySelector('[data-testid="search-result"]')) return;
          mo.disconnect();
          requestAnimationFrame(() => setTimeout(() => {
            w.__rafResult = performance.now();
          }, 0));
        });
        mo.observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${base}/?q=${encodeURIComponent(Q)}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__firstResult !== null || window.__rafResult !== undefined, null, { timeout: 60_000, polling: 50 });
      await page.waitForTimeout(50); // let the element-timing entry arrive if the rAF won the race
      return await page.evaluate((q) => {
        const w = window;
        const res = performance.getEntriesByType('resource');
        const search = res.find((r) => r.name.includes('/api/v1/search/offerings') && r.name.includes(encodeURIComponent(q)));
        // the first bundle (index.html's module script), not the chunks loaded after the first render
        const entry = document.querySelector('script[type="module"][src]')?.getAttribute('src');
        const jsEnd = res.find((r) => entry && r.name.endsWith(entry))?.responseEnd ?? null;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
        const app = w.__firstResult?.t ?? w.__rafResult;
        return {
          // what a reader sees first: the early plain results when they were painted, else the app's
          painted: w.__earlyResult !== null ? Math.min(w.__earlyResult, app) : app,
          early: w.__earlyResult,
          app,
          how: w.__firstResult ? 'element-timing' : 'raf',
          html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null,
          jsEnd,
          fcp,
          searchStart: search?.startTime ?? null,
          searchEnd: search?.responseEnd ?? null,
          transferred: res.reduce((n, r) => n + (r.transferSize || 0), 0),
        };
      }, Q);
    } finally {
      await context.close();
    }
  }

  const series = async (throttled) => {
    await pageRun(throttled); // one unmeasured run: the server's first page load (its own caches), not the browser's
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await pageRun(throttled));
    const bareB = [];
    for (let i = 0; i < RUNS; i++) bareB.push(await bareInBrowser(browser, apiUrl, throttled)); // baseline 2: the same request alone in the browser
    return { runs, bare: bareB };
  };
  const slow = await series(true);
  const fast = await series(false);

  const painted = (s) => s.runs.map((r) => r.painted);
  const avg = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  const breakdown = (s) => {
    const r = s.runs;
    const f = (k) => ms(median(r.map((x) => x[k]).filter((v) => v !== null)));
    const early = r.filter((x) => x.early !== null && x.early <= x.app).length;
    const apps = r.map((x) => x.app);
    return `median html ${f('html')}, first bundle loaded ${f('jsEnd')}, first paint ${f('fcp')}, search sent ${f('searchStart')}, answered ${f('searchEnd')}, result painted ${f('painted')} (the early plain results first in ${early} of ${r.length} runs${early ? `, at ${f('early')}` : ''}; the app's own result: median ${ms(median(apps))}, p95 ${ms(p95(apps))}); ${kb(avg(r.map((x) => x.transferred)))} transferred (${encoding} assets); measured by ${[...new Set(r.map((x) => x.how))].join('/')}`;
  };
  const line = (name, s, floor, goal, base) => {
    const p = painted(s);
    return `${name}median ${ms(median(p))}, p95 ${ms(p95(p))} (${RUNS} runs: ${p.map((v) => Math.round(v)).join(' ')}) — ${(median(p) / median(base)).toFixed(1)}× / ${(p95(p) / p95(base)).toFixed(1)}× the bare request's median / p95 (floor p95 ≤ ${floor} ms: ${mark(p95(p) <= floor)}, goal ≤ ${goal} ms: ${mark(p95(p) <= goal)})`;
  };
  const lines = [
    `date:                     ${new Date().toISOString()}`,
    `machine:                  ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${execFileSync(chrome, ['--version']).toString().trim()}; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    `stack:                    the API (createApiApp, NODE_ENV=production) on embedded PostgreSQL, PostgresEngine, ${OFFERINGS} offerings (bench/data.js seed 42, loaded in ${loaded.seconds.toFixed(1)} s); web app ${prebuilt ? `prebuilt in ${prebuilt}` : 'built for this run'} (builds took ${buildSecs.toFixed(1)} s)`,
    `search:                   /?q=${Q} → GET /api/v1/search/offerings?q=${Q}&pageSize=${PAGE_SIZE}: ${probe.total} results, engine ${probe.engine}`,
    `initial JS (home page):   ${kb(js.gz9)} gzip -9 (${kb(js.gz6)} gzip -6, ${kb(js.br)} brotli, ${kb(js.raw)} raw) in ${js.files.length} files: ${js.parts.join(', ')} (floor ≤ ${FLOOR.kb} KB: ${mark(js.gz9 / 1024 <= FLOOR.kb)}, goal ≤ ${GOAL.kb} KB: ${mark(js.gz9 / 1024 <= GOAL.kb)}); served as ${encoding}`,
    `baseline, bare API (Node): median ${ms(median(bare))}, p95 ${ms(p95(bare))}`,
    `baseline, bare API (Chromium, throttled): median ${ms(median(slow.bare))}, p95 ${ms(p95(slow.bare))}`,
    `baseline, bare API (Chromium, unthrottled): median ${ms(median(fast.bare))}, p95 ${ms(p95(fast.bare))}`,
    line('first result, throttled (1.6 Mbps / 750 kbps, 150 ms RTT, 4× CPU): ', slow, FLOOR.throttledP95, GOAL.throttledP95, slow.bare),
    `   ${breakdown(slow)}`,
    line('first result, unthrottled: ', fast, FLOOR.fastP95, GOAL.fastP95, fast.bare),
    `   ${breakdown(fast)}`,
    `   unthrottled vs the bare request from Node: median ${(median(painted(fast)) / median(bare)).toFixed(1)}×, p95 ${(p95(painted(fast)) / p95(bare)).toFixed(1)}×`,
  ];
  console.log(lines.join('\n'));
} catch (e) {
  console.error(e);
  process.exitCode = 1;
} finally {
  await cleanup();
}
