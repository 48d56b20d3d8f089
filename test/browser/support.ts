/**
 * The browser suites: the real API (every module, the built web app at `/`) listening on a port,
 * on a fresh database cloned from the migrated template, driven by Debian's Chromium through
 * playwright-core. Without a Chromium the suites skip, and the global setup says so loudly.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';

export const CHROME = process.env.INNOSERVE_TEST_CHROME;
/** describe, or describe.skip when there is no Chromium (the global setup has warned). */
export const describeBrowser: jest.Describe = CHROME ? describe : describe.skip;

export const SCREENS_DIR = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screens');

export interface BrowserStack {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A new isolated browser profile (own cookies, zh-CN unless told) at the given width. */
  newPage(opts?: { width?: number; height?: number; locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** A fresh API (own database) listening for a browser; close() ends both. */
export async function startBrowserStack(opts: { env?: Record<string, string> } = {}): Promise<BrowserStack> {
  const t = await startTestApp({ env: opts.env });
  const s = await browserOn(t);
  return { ...s, close: async () => { await s.close(); await t.close(); } };
}

/**
 * A browser on an already started test app (e.g. libs/orders/test/order-world.ts's startWorld(),
 * with its manual clock and seeded world). close() ends the browser and stops listening; the
 * caller still closes the app.
 */
export async function browserOn(t: TestApp): Promise<BrowserStack> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROME, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const contexts: BrowserContext[] = [];
  return {
    t,
    baseUrl,
    browser,
    async newPage(o = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: o.width ?? 1280, height: o.height ?? 860 },
        locale: o.locale ?? 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/**
 * A new browser profile signed in through the login page, landing on `next`; with `now`, the
 * browser's clock is fixed there (a world with a manual clock: quotes and deadlines as the API sees them).
 */
export async function signedInPage(s: BrowserStack, who: { email: string; password: string }, next: string, opts: { width?: number; now?: Date } = {}): Promise<Page> {
  const { page } = await s.newPage({ width: opts.width });
  if (opts.now) await page.clock.setFixedTime(opts.now);
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码').fill(who.password);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** Saves a full-page screenshot as docs/screens/<name>.png (committed; README shows them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/** How far the page scrolls sideways (0 when nothing overflows the viewport). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** axe-core's serious and critical violations on the current page. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  const axePath = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'axe-core', 'axe.min.js');
  // colours mid-transition (a button just enabled, a popup fading) are not what a reader sees: let
  // running CSS transitions and animations finish first (bounded: an infinite one is skipped)
  await page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))),
      new Promise((r) => setTimeout(r, 2_000)),
    ]),
  );
  // evaluated through the DevTools protocol: the app's CSP (rightly) refuses an injected <script>
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
