/**
 * The account pages in a real browser: register (field errors from the client rules and from the
 * API), the language switch remembered per user, notification preferences, the unsubscribe landing
 * page (changes nothing until confirmed); axe and the 375 px layout on each.
 */
import { UnsubscribeTokens } from '@innoserve/notifications';
import { registerAndLogin, uniqueEmail } from '../support/auth.js';
import { describeBrowser, horizontalOverflow, screenshot, startBrowserStack, type BrowserStack, expectNoAxe } from './support.js';

describeBrowser('account pages (Chromium)', () => {
  let s: BrowserStack;
  beforeAll(async () => {
    s = await startBrowserStack();
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('registers with client-side and API field errors next to their fields, then lands on the start page', async () => {
    const taken = await registerAndLogin(s.t);
    const { page } = await s.newPage();
    await page.goto('/register');
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    await page.getByText('请填写姓名').waitFor();
    await page.getByLabel('姓名').fill('王小明');
    await page.getByLabel('邮箱').fill(taken.email);
    await page.getByLabel('密码').fill('short');
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    await page.getByText('密码 10–128 位', { exact: false }).first().waitFor();
    await page.getByLabel('密码').fill('a-long-enough-password');
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    // the API's 409 EMAIL_TAKEN is explained, not a blank page
    await page.getByRole('alert').getByText('该邮箱已注册').first().waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'account-register');
    await page.getByLabel('邮箱').fill(uniqueEmail('browser'));
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    await page.waitForURL('**/account/start');
    await page.getByText('您想做什么？').waitFor();
    await expectNoAxe(page);
  });

  it('switches to English and remembers it for this user after a reload', async () => {
    const u = await registerAndLogin(s.t);
    const { page } = await s.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'account-login');
    await page.getByLabel('邮箱').fill(u.email);
    await page.getByLabel('密码').fill(u.password);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto('/notifications');
    await page.getByRole('heading', { name: '消息通知' }).waitFor();
    await page.getByText('暂无通知').waitFor();
    await page.getByRole('combobox', { name: '语言' }).selectOption('en-US');
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
  });

  it('saves notification preferences (essential ones cannot be turned off)', async () => {
    const u = await registerAndLogin(s.t);
    const { page } = await s.newPage();
    await page.goto('/login?next=/account/notifications');
    await page.getByLabel('邮箱').fill(u.email);
    await page.getByLabel('密码').fill(u.password);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '通知设置' }).waitFor();
    const switches = page.getByRole('switch');
    await switches.first().waitFor();
    const disabled = await page.locator('button[role=switch][disabled]').count();
    expect(disabled).toBeGreaterThan(0); // decisions and payments are essential
    await page.getByRole('switch', { name: '订单留言 邮件' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存').waitFor();
    const prefs = await s.t.request('GET', '/api/v1/me/notification-preferences', { token: u.token });
    const messages = prefs.body.find((p: { category: string }) => p.category === 'messages');
    expect(messages.email).toBe(false);
    await expectNoAxe(page);
  });

  it('shows what an unsubscribe link turns off and changes it only when confirmed; a bad link is explained', async () => {
    const u = await registerAndLogin(s.t);
    const token = new UnsubscribeTokens(s.t.config.JWT_SECRET).issue(u.userId, 'reviews');
    const { page } = await s.newPage({ width: 375, height: 740 });
    await page.goto(`/unsubscribe?token=${encodeURIComponent(token)}`);
    await page.getByRole('button', { name: '确认退订' }).waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoAxe(page);
    const before = await s.t.request('GET', '/api/v1/me/notification-preferences', { token: u.token });
    expect(before.body.find((p: { category: string }) => p.category === 'reviews').email).toBe(true);
    await page.getByRole('button', { name: '确认退订' }).click();
    await page.getByText('已退订', { exact: false }).waitFor();
    const after = await s.t.request('GET', '/api/v1/me/notification-preferences', { token: u.token });
    expect(after.body.find((p: { category: string }) => p.category === 'reviews').email).toBe(false);
    await page.goto(`/unsubscribe?token=${encodeURIComponent(token.slice(0, -3))}abc`);
    await page.getByRole('alert').waitFor();
  });

  it('lays out the login and register pages at 375 px without sideways scrolling', async () => {
    const { page } = await s.newPage({ width: 375, height: 740 });
    for (const url of ['/login', '/register', '/unsubscribe']) {
      await page.goto(url);
      await page.locator('.app-content').waitFor();
      await page.waitForLoadState('networkidle');
      expect({ url, overflow: await horizontalOverflow(page) }).toEqual({ url, overflow: 0 });
    }
    await page.goto('/login');
    await screenshot(page, 'account-login-375');
  });
});
