/**
 * The web app's foundations in a real browser: served by the API with the right caching, the
 * cookie-mode session (the refresh token never reaches JavaScript), silent refresh, logout.
 */
import { describeBrowser, startBrowserStack, type BrowserStack } from './support.js';
import { registerAndLogin } from '../support/auth.js';

describeBrowser('web app foundations (Chromium)', () => {
  let s: BrowserStack;
  beforeAll(async () => {
    s = await startBrowserStack();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('serves index.html uncached and hashed assets as immutable', async () => {
    const html = await fetch(`${s.baseUrl}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const body = await html.text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(body)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${s.baseUrl}${asset}`);
    expect(js.status).toBe(200);
    await js.arrayBuffer(); // read every body: an unread one keeps its connection busy and the server from closing
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    // sent compressed to a browser that accepts it (the build's .br/.gz siblings)
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']] as const) {
      const compressed = await fetch(`${s.baseUrl}${asset}`, { headers: { 'accept-encoding': accept }, decompress: false } as RequestInit);
      expect(compressed.headers.get('content-encoding')).toBe(encoding);
      expect(compressed.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(compressed.headers.get('cache-control')).toMatch(/immutable/);
      await compressed.arrayBuffer();
    }
    // the app's pages allow no inline script but the ones index.html carries, by hash
    const csp = html.headers.get('content-security-policy')!;
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/=]{44}'/);
    // a client route answers the app; an unknown API path stays a problem+json 404
    const page = await fetch(`${s.baseUrl}/enterprise/orders/123`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toBe(body);
    const api404 = await fetch(`${s.baseUrl}/api/v1/nowhere`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/problem+json');
    expect((await api404.json()).code).toBe('NOT_FOUND');
  });

  it('keeps the refresh token in an httpOnly cookie, refreshes silently after a reload, and logs out', async () => {
    const { email, password } = await registerAndLogin(s.t);
    const { context, page } = await s.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    const cookies = await context.cookies();
    const refresh = cookies.find((c) => c.name === 'innoserve_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
    expect(await page.evaluate(() => document.cookie)).not.toContain('innoserve_refresh');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(refresh!.value);
    // a reload forgets the in-memory access token; the cookie brings the session back
    await page.reload();
    await page.locator('.app-user').waitFor();
    // the cookie as it is just before logout (the reload's silent refresh rotated the first one)
    const lastCookie = (await context.cookies()).find((c) => c.name === 'innoserve_refresh')!.value;
    expect(lastCookie).not.toBe(refresh!.value);
    await page.locator('.app-user').click();
    await page.getByText('退出登录').click();
    await page.getByRole('button', { name: '登录' }).first().waitFor();
    expect((await context.cookies()).find((c) => c.name === 'innoserve_refresh')).toBeUndefined();
    // and the server has ended that session: the old cookie value is refused
    const reuse = await fetch(`${s.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1', cookie: `innoserve_refresh=${lastCookie}` },
      body: '{}',
    });
    expect(reuse.status).toBe(401);
    await reuse.arrayBuffer();
  });

  it('runs the home page under its CSP without a violation', async () => {
    const { page } = await s.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto('/?q=检测');
    await page.getByTestId('search-input').waitFor();
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  it('keeps two tabs signed in when both refresh at once (one refresh at a time per browser)', async () => {
    const { email, password } = await registerAndLogin(s.t);
    const { context, page } = await s.newPage();
    await page.goto('/login?next=/notifications');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '消息通知' }).waitFor();
    // three tabs load at the same moment: each trades the shared cookie for an access token
    const tabs = [page, await context.newPage(), await context.newPage()];
    await Promise.all(tabs.map((p) => p.goto('/notifications')));
    for (const p of tabs) await p.getByRole('heading', { name: '消息通知' }).waitFor();
    // a rotated-away token presented again would have ended the session: it is still alive
    await tabs[0].reload();
    await tabs[0].getByRole('heading', { name: '消息通知' }).waitFor();
    expect(tabs[0].url()).toContain('/notifications');
  });
});
