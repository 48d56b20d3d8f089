/**
 * The admin half of the journey in a real browser (issue #14, Tests): a claim above the program's
 * second-approval amount goes through the console from review to the bank —
 *  - a county reviewer of another county never sees it (not in the queue, the 404 page by URL);
 *  - the county reviewer of the enterprise's county approves it, then a city reviewer;
 *  - the second city approval (the program asks for one above ¥400) is by a different person: the
 *    first city reviewer is told so, and a second city reviewer approves it;
 *  - finance builds the batch of the city's source, downloads the XLSX, and a second finance
 *    officer marks it paid with the bank reference and date;
 *  - afterwards the program officer's dashboard shows every source's figures equal to the ledger
 *    balances, to the fen.
 * axe on every page visited. The world: libs/orders/test/order-world.ts (the provider claims under
 * 通兑, the enterprise in Jinjiang; the subsidy split between the city's and Jinjiang's sources).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createStaffAndLogin, type AuthSession } from '../support/auth.js';
import { fapiaoOf, grant, ledgerClean, ok, orderUntil, startWorld, verifiedBankAccount, type World } from '../../libs/orders/test/order-world.js';
import { JINJIANG, NANAN } from '../../libs/vouchers/test/program-support.js';
import { browserOn, describeBrowser, screenshot, signedInPage, type BrowserStack, pick, expectNoAxe } from './support.js';

interface ClaimRow {
  id: string;
  claimNo: string;
  status: string;
  level: number;
  levels: string[];
  amountFen: number;
  approvals: { level: number; userId: string }[];
}
interface Balance {
  sourceKey: string;
  budgetFen: number;
  grantedFen: number;
  heldFen: number;
  payableFen: number;
  disbursedFen: number;
  lapsedFen: number;
  availableFen: number;
}

describeBrowser('admin journey (Chromium): review, second approval, disbursement, dashboard', () => {
  let w: World;
  let s: BrowserStack;
  let county: AuthSession;
  let nananCounty: AuthSession;
  let city1: AuthSession;
  let city2: AuthSession;
  let finance1: AuthSession;
  let finance2: AuthSession;
  let claim: ClaimRow;
  let programName: string;

  beforeAll(async () => {
    w = await startWorld({ enterprises: 1, program: { secondApprovalAboveFen: 40_000 }, env: { LOG_LEVEL: 'error' } });
    s = await browserOn(w.t);
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], { displayName: '晋江县级审核员' });
    nananCounty = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }], { displayName: '南安县级审核员' });
    city1 = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }], { displayName: '市级审核员甲' });
    city2 = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }], { displayName: '市级审核员乙' });
    finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }], { displayName: '财务甲' });
    finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }], { displayName: '财务乙' });
    await verifiedBankAccount(w, w.provider.id);
    programName = (await ok<{ name: string }>(w.t.request('GET', `/api/v1/programs/${w.programId}`))).name;
    const e = w.enterprises[0];
    await grant(w, e, 200_000);
    const orderId = await orderUntil(w, e, 'completed');
    claim = await ok<ClaimRow>(w.t.request('POST', '/api/v1/claims', { token: w.provider.owner.token, body: { orderId, invoice: await fapiaoOf(w, e, '52000001') } }));
    // ¥500 of subsidy, above the program's ¥400: county, city, and a second city approval
    expect(claim).toMatchObject({ status: 'in_review', level: 1, levels: ['county', 'city', 'city'], amountFen: 50_000 });
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const get = <T,>(token: string, url: string) => ok<T>(w.t.request('GET', url, { token }));
  const open = (who: AuthSession, next: string) => signedInPage(s, who, next, { now: w.clock.now() });
  const reviewPath = new RegExp(`/admin/claims/[0-9a-f-]{36}`);

  /** Opens the claim from the reviewer's queue and approves it through the decision dialog. */
  async function approveFromQueue(who: AuthSession, queue: string, waitingAt: string): Promise<Page> {
    const page = await open(who, queue);
    await page.getByRole('heading', { name: '兑付审核' }).waitFor();
    // the menu counts what waits for this reviewer (GET /admin/queues)
    await page.getByRole('navigation', { name: '管理后台导航' }).getByRole('link', { name: /兑付审核\s*1 项待处理/ }).waitFor();
    await page.getByRole('link', { name: claim.claimNo }).click();
    await page.waitForURL(reviewPath);
    await page.getByRole('heading', { name: `申领 ${claim.claimNo}` }).waitFor();
    await page.getByText(`待您审核：${waitingAt}`).waitFor();
    await expectNoAxe(page);
    await page.getByRole('button', { name: '通过', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    return page;
  }

  it('hides the claim from a county reviewer of another county: not in the queue, the 404 page by URL', async () => {
    const page = await open(nananCounty, '/admin/claims');
    await page.getByRole('heading', { name: '兑付审核' }).waitFor();
    await page.getByText('没有符合条件的申领').waitFor();
    expect(await page.getByRole('link', { name: claim.claimNo }).count()).toBe(0);
    const nav = page.getByRole('navigation', { name: '管理后台导航' });
    await nav.getByRole('link', { name: '兑付审核', exact: true }).waitFor();
    expect(await nav.getByText(/项待处理/).count()).toBe(0);
    await expectNoAxe(page);
    await page.goto(`/admin/claims/${claim.id}`);
    await page.getByText('页面不存在，或您无权查看。').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(claim.claimNo);
    await expectNoAxe(page);
  });

  it('is approved by the county reviewer of the enterprise\'s county, then by a city reviewer', async () => {
    await approveFromQueue(county, '/admin/claims', '县级审核（第 1/3 级）');
    expect(await get<ClaimRow>(county.token, `/api/v1/claims/${claim.id}`)).toMatchObject({ status: 'in_review', level: 2, approvals: [{ level: 1, userId: county.userId }] });
    await approveFromQueue(city1, '/admin/claims?level=city', '市级审核（第 2/3 级）');
    expect(await get<ClaimRow>(city1.token, `/api/v1/claims/${claim.id}`)).toMatchObject({ status: 'in_review', level: 3 });
  });

  it('takes the second city approval from a different person: the first city reviewer is told so', async () => {
    const page = await open(city1, `/admin/claims/${claim.id}`);
    await page.getByRole('heading', { name: `申领 ${claim.claimNo}` }).waitFor();
    await page.getByTestId('approved-earlier').waitFor();
    expect(await page.getByRole('button', { name: '通过', exact: true }).count()).toBe(0);
    // the keyboard cannot decide either
    await page.keyboard.press('a');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expectNoAxe(page);

    await approveFromQueue(city2, '/admin/claims?level=city', '市级审核（第 3/3 级）');
    const approved = await get<ClaimRow>(city2.token, `/api/v1/claims/${claim.id}`);
    expect(approved.status).toBe('approved');
    expect(approved.approvals.map((a) => [a.level, a.userId])).toEqual([
      [1, county.userId],
      [2, city1.userId],
      [3, city2.userId],
    ]);
  });

  it('is paid: finance builds the batch, downloads the XLSX, and a second finance officer marks it paid', async () => {
    const before = await get<Balance[]>(finance1.token, `/api/v1/admin/programs/${w.programId}/balances`);
    const payableCity = before.find((b) => b.sourceKey === 'city')!.payableFen;
    expect(payableCity).toBeGreaterThan(0);

    const page = await open(finance1, '/admin/disbursements');
    await page.getByRole('heading', { name: '资金拨付' }).waitFor();
    await page.getByRole('button', { name: '生成拨付批次' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, '项目', programName.slice(0, 6), programName);
    await pick(page, '资金来源', 'city', '泉州市科技局');
    await dialog.getByRole('button', { name: '生成', exact: true }).click();
    await page.waitForURL(/\/admin\/disbursements\/[0-9a-f-]{36}$/);
    const batchId = page.url().split('/').pop()!;
    await page.getByText('待付款', { exact: true }).first().waitFor();
    await expectNoAxe(page);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(readFileSync((await xlsx.path())).subarray(0, 2).toString('latin1')).toBe('PK');
    await page.close();

    const page2 = await open(finance2, `/admin/disbursements/${batchId}`);
    await page2.getByText('待付款', { exact: true }).first().waitFor();
    await page2.getByRole('button', { name: '确认已付款' }).click();
    const paid = page2.getByRole('dialog');
    await paid.getByLabel('银行流水号').fill('BOC20260312000777');
    // paid today (the world's clock, in Shanghai): a payment date may not be in the future
    const today = new Date(w.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    await paid.getByLabel('付款日期').fill(today);
    await paid.getByRole('button', { name: '确认付款', exact: true }).click();
    await paid.waitFor({ state: 'hidden' });
    await page2.getByText('已付款', { exact: true }).first().waitFor();
    await expectNoAxe(page2);
    const batch = await get<{ status: string; paidFen: number; paidBy: string; bankReference: string }>(finance1.token, `/api/v1/admin/disbursements/${batchId}`);
    expect(batch).toMatchObject({ status: 'paid', paidFen: payableCity, paidBy: finance2.userId, bankReference: 'BOC20260312000777' });
  });

  it('shows on the dashboard afterwards the figures of the ledger balances, to the fen', async () => {
    const balances = await get<Balance[]>(w.officer.token, `/api/v1/admin/programs/${w.programId}/balances`);
    expect(balances.find((b) => b.sourceKey === 'city')!.disbursedFen).toBe(25_000);
    expect(balances.find((b) => b.sourceKey === 'jinjiang')!.payableFen).toBe(25_000);
    const page = await open(w.officer, `/admin?program=${w.programId}`);
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    await page.getByTestId('figure-disbursed-city').waitFor();
    for (const b of balances) {
      for (const field of ['budget', 'granted', 'held', 'payable', 'disbursed', 'lapsed', 'available'] as const) {
        const figure = page.getByTestId(`figure-${field}-${b.sourceKey}`);
        expect({ source: b.sourceKey, field, fen: Number(await figure.getAttribute('data-fen')) }).toEqual({ source: b.sourceKey, field, fen: b[`${field}Fen`] });
      }
    }
    // the pipeline counts the claim in the state it is in now
    const { status } = await get<ClaimRow>(w.officer.token, `/api/v1/claims/${claim.id}`);
    expect(await page.getByTestId(`figure-claims-${status}`).innerText()).toBe('1');
    await expectNoAxe(page);
    await screenshot(page, 'admin-journey-dashboard');
    expect(await ledgerClean(w)).toBe(true);
  });
});
