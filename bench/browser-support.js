// What the browser benchmarks (web.js, web-console.js) share: the network and CPU throttling, a
// cold browser context, the same request alone in a browser, the size of a set of built scripts,
// and the statistics they print.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zc, gzipSync } from 'node:zlib';
import { findChromium } from '../scripts/chromium.js';
import { root } from './support.js';

/** The issues' throttled profile: 1.6 Mbps down, 750 kbps up, 150 ms round trips, and a 4× CPU slowdown. */
export const THROTTLE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
export const CPU_SLOWDOWN = 4;

/** A string command-line option (`--name value`), else `def`. */
export function argOf(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
}

/** Debian's Chromium (or CHROME_PATH); exits with a hint when there is none. */
export function chromiumOrExit(bench) {
  const chrome = findChromium();
  if (!chrome) {
    console.error(`${bench} needs Chromium (chromium on PATH or CHROME_PATH): apt-get install chromium fonts-noto-cjk`);
    process.exit(2);
  }
  return chrome;
}

/** Builds dist/ and (unless `prebuilt`) the web app from the current sources into `webDir`; answers the seconds it took. */
export function buildServerAndWeb(webDir, prebuilt = false) {
  const b0 = performance.now();
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
  if (!prebuilt) execFileSync(process.execPath, [path.join(root, 'scripts/build-web.js'), '--out-dir', webDir, '--force'], { stdio: 'ignore' });
  return (performance.now() - b0) / 1000;
}

/**
 * A fresh browser context and page with an empty HTTP cache, throttled or not, through the
 * DevTools protocol. `options` go to newContext. The caller closes the context.
 */
export async function coldPage(browser, throttled, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', THROTTLE);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  return { context, page };
}

/** A baseline: `url` fetched alone as a navigation in a fresh (throttled or not) context; ms until its response ended. */
export async function bareInBrowser(browser, url, throttled, options = {}) {
  const { context, page } = await coldPage(browser, throttled, options);
  try {
    await page.goto(url);
    return await page.evaluate(() => performance.getEntriesByType('navigation')[0].responseEnd);
  } finally {
    await context.close();
  }
}

/** The sizes of built scripts (names under `webDir`/assets): raw, gzip -9, gzip -6 and brotli 11, and a line per file. */
export function scriptSizes(webDir, files) {
  let raw = 0, gz9 = 0, gz6 = 0, br = 0;
  const parts = [];
  for (const f of files) {
    const buf = readFileSync(path.join(webDir, 'assets', f));
    const g9 = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz9 += g9;
    gz6 += gzipSync(buf, { level: 6 }).length;
    br += brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length;
    parts.push(`${f} ${(g9 / 1024).toFixed(1)} KB`);
  }
  return { raw, gz9, gz6, br, parts };
}

export const sorted = (a) => [...a].sort((x, y) => x - y);
export const median = (a) => {
  const s = sorted(a);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest rank: with 10 runs, the p95 is the slowest run. */
export const p95 = (a) => sorted(a)[Math.min(a.length - 1, Math.ceil(a.length * 0.95) - 1)];
export const ms = (v) => `${Math.round(v)} ms`;
export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
export const mark = (ok) => (ok ? 'met' : 'NOT met');
