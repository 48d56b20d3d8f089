/**
 * The browser suites: the real API (every module, the built web app at `/`) listening on a port,
 * on a fresh database cloned from the migrated template, driven by Debian's Chromium through
 * playwright-core. Without a Chromium the suites skip, and the global setup says so loudly.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { jest as jestApi } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';

export const CHROME = process.env.INNOSERVE_TEST_CHROME;
/** describe, or describe.skip when there is no Chromium (the global setup has warned). */
export const describeBrowser: jest.Describe = CHROME ? describe : describe.skip;

// A browser test walks many pages: on a loaded CI machine (two suites side by side, two cores) a
// journey takes minutes, not Jest's default 60 s. Each wait inside still fails after 30 s.
jestApi.setTimeout(240_000);

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
      // generous: CI runs two browser suites side by side on two loaded cores
      context.setDefaultTimeout(30_000);
      contexts.push(context);
      const page = await context.newPage();
      watch(page);
      return { context, page };
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** What a page did lately, printed when its test fails (see the afterEach below). */
interface PageLog {
  page: Page;
  calls: string[];
  errors: string[];
  created: number;
}
const pages: PageLog[] = [];
let testStarted = 0;
const started = new WeakMap<object, number>();

function watch(page: Page): void {
  const log: PageLog = { page, calls: [], errors: [], created: Date.now() };
  const keep = (list: string[], line: string) => {
    list.push(line);
    if (list.length > 25) list.shift();
  };
  page.on('request', (r) => started.set(r, Date.now()));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    const ms = Date.now() - (started.get(r.request()) ?? Date.now());
    keep(log.calls, `${new Date().toISOString().slice(11, 23)} ${r.request().method()} ${url.pathname}${url.search} → ${r.status()} (${ms} ms)`);
  });
  page.on('requestfailed', (r) => keep(log.calls, `${new Date().toISOString().slice(11, 23)} ${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') keep(log.errors, `${m.type()}: ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => keep(log.errors, `pageerror: ${e.message.slice(0, 300)}`));
  pages.push(log);
  page.on('close', () => pages.splice(pages.indexOf(log), 1));
}

beforeEach(() => {
  testStarted = Date.now();
});

// When a browser test fails, what its pages showed goes to the log (CI prints nothing else of a
// page): the URL, open dialogs and messages, the last API calls with their statuses, console
// errors, the visible text, and a screenshot under the OS temp directory.
afterEach(async () => {
  const failed = (globalThis as { __innoserveFailedTest?: string }).__innoserveFailedTest;
  if (!failed) return;
  const dir = path.join(os.tmpdir(), 'innoserve-browser-failures');
  mkdirSync(dir, { recursive: true });
  const slug = failed.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 60);
  // the pages this test opened, or (none: it used earlier ones) every open page
  const ours = pages.filter((l) => l.created >= testStarted);
  const shown = ours.length ? ours : pages;
  for (const [i, log] of shown.entries()) {
    if (log.page.isClosed()) continue;
    const lines = [`[browser evidence] "${failed}", page ${i + 1} of ${shown.length}: ${log.page.url()}`];
    try {
      // bounded: the page may be the thing that hung
      const seen = await Promise.race([
        log.page.evaluate(() => {
        const visible = (e: Element) => (e as HTMLElement).offsetParent !== null || getComputedStyle(e).position === 'fixed';
        const texts = (sel: string) => [...document.querySelectorAll(sel)].filter(visible).map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').slice(0, 400));
        return {
          dialogs: texts('[role="dialog"], .ant-modal-confirm, .ant-popover'),
          messages: texts('.ant-message-notice, .ant-notification-notice, [role="alert"], .ant-form-item-explain-error'),
          dropdowns: texts('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'),
          body: document.body.innerText.replace(/\s+/g, ' ').slice(0, 1500),
        };
        }),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer from the page in 5 s')), 5_000)),
      ]);
      lines.push(`  dialogs: ${JSON.stringify(seen.dialogs)}`, `  messages: ${JSON.stringify(seen.messages)}`, `  open dropdowns: ${JSON.stringify(seen.dropdowns)}`);
      lines.push('  last API calls:', ...log.calls.map((c) => `    ${c}`));
      if (log.errors.length) lines.push('  console:', ...log.errors.map((c) => `    ${c}`));
      const file = path.join(dir, `${slug}-${i + 1}.png`);
      await log.page.screenshot({ path: file, fullPage: true, timeout: 5_000 }).then(() => lines.push(`  screenshot: ${file}`), () => undefined);
      lines.push(`  text: ${seen.body}`);
    } catch (e) {
      lines.push(`  (could not read the page: ${(e as Error).message.split('\n')[0]})`);
    }
    console.log(lines.join('\n'));
  }
});

/**
 * A new browser profile signed in through the login page, landing on `next` (else where the login
 * page sends that user); with `now`, the browser's clock is fixed there (a world with a manual
 * clock: quotes and deadlines as the API sees them).
 */
export async function signedInPage(s: BrowserStack, who: { email: string; password: string }, next: string | undefined, opts: { width?: number; now?: Date } = {}): Promise<Page> {
  const { page } = await s.newPage({ width: opts.width });
  if (opts.now) await page.clock.setFixedTime(opts.now);
  await signIn(page, who, next);
  return page;
}

/** Signs in on an open page through the login page, landing on `next` (else where the login page sends that user). */
export async function signIn(page: Page, who: { email: string; password: string }, next?: string): Promise<void> {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
  await page.getByLabel('邮箱').fill(who.email);
  await page.getByLabel('密码').fill(who.password);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
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

/**
 * The page has no serious or critical axe-core violation. Popups that are closing fade out, and axe
 * would measure their half-transparent text: it first waits for them to go (`openPopup`: one is open
 * on purpose, a help popover, and is checked as it is).
 */
export async function expectNoAxe(page: Page, opts: { openPopup?: boolean } = {}): Promise<void> {
  if (!opts.openPopup) {
    await page.waitForFunction(() => ![...document.querySelectorAll('.ant-popover, .ant-select-dropdown')].some((e) => (e as HTMLElement).offsetParent !== null), undefined, { timeout: 5_000 });
  }
  expect(await axeViolations(page)).toEqual([]);
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

/**
 * Picks an option of an antd Select found by its label: opens it, types `search` into its own
 * search box, clicks the first option showing `option` in this select's own dropdown, and returns
 * once that dropdown has closed (Escape for a multiple select, which stays open). No Escape goes
 * to a single select: its dropdown closes on the pick, and a stray Escape would reach (and close)
 * the dialog around it. `typed`: what to wait for once the search is typed (the server's answer,
 * for a select that searches the server), before the option is taken.
 */
export async function pick(page: Page, label: string, search: string, option = search, typed?: () => Promise<unknown>): Promise<void> {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  // the select's dropdown holds its accessible listbox, `<input id>_list`
  const dropdown = page.locator('.ant-select-dropdown', { has: page.locator(`[id="${await box.getAttribute('id')}_list"]`) });
  await dropdown.waitFor();
  await box.pressSequentially(search);
  if (typed) await typed();
  await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click();
  const multiple = await box.evaluate((el) => el.closest('.ant-select-multiple') !== null);
  if (multiple) await box.press('Escape');
  await dropdown.waitFor({ state: 'hidden' });
}
