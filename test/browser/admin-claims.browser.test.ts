/**
 * The console's claims area in a real browser (issue #14, "claims per level" and "Claim review"):
 * the county reviewer of the enterprise's county approves at the county level and a city reviewer
 * at the city level, through the UI; a county reviewer of another county never sees the claim (not
 * in the queue, the 404 page by URL); a reason is required to reject or return before anything is
 * sent; a decision on a claim someone else decided meanwhile is explained and the page reloads; the
 * keyboard walks the queue; risk flags show with their evidence and a link to the related order;
 * the staff order view, and a program officer resolving a dispute there. axe on each page; no
 * sideways scrolling at 375 px. The world: libs/orders/test/order-world.ts (claims under 通兑 by
 * the admitted provider, enterprises in Jinjiang).
 */
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { createStaffAndLogin, type AuthSession } from '../support/auth.js';
import { fapiaoOf, grant, ok, orderUntil, startWorld, uploadPdf, type World } from '../../libs/orders/test/order-world.js';
import { JINJIANG, NANAN } from '../../libs/vouchers/test/program-support.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, signedInPage, expectNoAxe } from './support.js';

interface ClaimRow {
  id: string;
  claimNo: string;
  orderId: string;
  version: number;
  level: number;
  status: string;
  approvals: { level: number; userId: string }[];
}

describeBrowser('console: claims review (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let county: AuthSession;
  let county2: AuthSession;
  let nananCounty: AuthSession;
  let city: AuthSession;
  /** claims in review at the county level, in the queue's order (oldest first) */
  let claims: ClaimRow[] = [];
  /** an order whose claim carries a split_orders flag pointing at it */
  let otherOrderId: string;
  let fapiaoSeq = 30_000_000;

  beforeAll(async () => {
    w = await startWorld({ enterprises: 4, env: { LOG_LEVEL: 'error' } });
    s = await browserOn(w.t);
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], { displayName: '晋江审核员甲' });
    county2 = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], { displayName: '晋江审核员乙' });
    nananCounty = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }], { displayName: '南安审核员' });
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }], { displayName: '市级审核员' });
    // five claims in review: one per enterprise, the fifth on the first enterprise again
    for (const e of w.enterprises) await grant(w, e, 200_000);
    for (const e of [...w.enterprises, w.enterprises[0]]) {
      const orderId = await orderUntil(w, e, 'completed');
      const claim = await ok<ClaimRow>(w.t.request('POST', '/api/v1/claims', { token: w.provider.owner.token, body: { orderId, invoice: await fapiaoOf(w, e, String(fapiaoSeq++)) } }));
      claims.push(claim);
    }
    otherOrderId = claims[4].orderId;
    // the facts of a risk flag (the rules themselves are tested in libs/claims): the first claim of
    // the queue is flagged as split from the fifth claim's order
    const queue = await ok<{ items: ClaimRow[] }>(w.t.request('GET', '/api/v1/admin/claims?status=in_review&pageSize=50', { token: county.token }));
    claims = queue.items;
    const fifth = await ok<{ orderNo: string }>(w.t.request('GET', `/api/v1/orders/${otherOrderId}`, { token: w.buyer.token }));
    const flags = [
      { rule: 'split_orders', severity: 'high', evidence: { otherOrders: [{ orderId: otherOrderId, orderNo: fifth.orderNo, priceFen: '100000', contractedAt: '2026-03-10T02:00:00.000Z' }], priceFen: '100000', totalFen: '200000', capPriceFen: '4000000', windowDays: 30 } },
      { rule: 'provider_concentration', severity: 'low', evidence: { claimsFromEnterprise: 2, providerClaimsInProgram: 5, shareBp: 4000, thresholdBp: 3000, minClaims: 3 } },
    ];
    await w.t.app.get(DataSource).query('UPDATE subsidy_claim SET risk_flags = $2::jsonb WHERE id = $1', [claims[0].id, JSON.stringify(flags)]);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const get = <T = any>(token: string, url: string) => ok<T>(w.t.request('GET', url, { token }));  
  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));

  const signedIn = (who: { email: string; password: string }, next: string, opts: { width?: number } = {}): Promise<Page> => signedInPage(s, who, next, { ...opts, now: w.clock.now() });

  const reviewPath = (id: string) => new RegExp(`/admin/claims/${id}(\\?|$)`);

  it('shows the county queue with amounts, levels, due dates and risk; a county reviewer approves at the county level, then a city reviewer at the city level', async () => {
    const first = claims[0];
    const page = await signedIn(county, '/admin/claims');
    await page.getByRole('heading', { name: '兑付审核' }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: first.claimNo }) });
    await row.getByText('¥500.00').waitFor();
    await row.getByText('县级审核（第 1/2 级）').waitFor();
    await row.getByText('高风险 · 2 项').waitFor(); // the worst severity and the count
    expect(await page.getByRole('link', { name: /^BT/ }).count()).toBe(claims.length);
    await expectNoAxe(page);
    await screenshot(page, 'admin-claims');

    // filters land in the URL; the city level has nothing yet
    await page.getByLabel('审核级别').selectOption('city');
    await page.waitForURL(/level=city/);
    await page.getByText('没有符合条件的申领').waitFor();
    await page.getByLabel('审核级别').selectOption('county');
    await page.waitForURL(/level=county/);
    await page.getByRole('link', { name: first.claimNo }).click();
    await page.waitForURL(reviewPath(first.id));
    expect(new URL(page.url()).searchParams.get('level')).toBe('county'); // the queue's filters ride along

    // the evidence: the fapiao checked against the order, the files, the trail
    await page.getByRole('heading', { name: `申领 ${first.claimNo}` }).waitFor();
    const check = page.getByTestId('invoice-check');
    await check.getByText('发票信息与订单及登记信息一致。').waitFor();
    await check.getByText('合同签订于 2026-03-10').waitFor();
    // the provider (Fengze) is outside a Jinjiang reviewer's jurisdiction: said so, not guessed
    await check.getByText('无法读取服务机构登记信息（不在您的辖区）；提交时系统已核对一致').waitFor();
    expect(await check.getByText('一致', { exact: true }).count()).toBe(3); // amount, date, buyer
    await page.getByRole('button', { name: '下载合同 PDF' }).waitFor();
    await page.getByRole('button', { name: '下载交付报告' }).waitFor();
    await page.getByTestId('approval-trail').getByText('第 1 级：县级审核').waitFor();
    // the risk flags with their evidence, staff only
    const flags = page.getByTestId('risk-flags');
    await flags.getByText('风险提示（2 项）').waitFor();
    await flags.getByText('拆分订单').waitFor();
    await flags.getByText('¥2,000.00').waitFor(); // totalFen as money
    await flags.getByText('服务机构集中').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-claim-review');

    // approve: the dialog sends the version seen, then the next claim of the queue opens
    await page.getByRole('button', { name: '通过', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`您查看的是第 ${first.version} 版`).waitFor();
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await page.waitForURL(reviewPath(claims[1].id));
    await page.getByRole('heading', { name: `申领 ${claims[1].claimNo}` }).waitFor();
    const afterCounty = await get<ClaimRow>(county.token, `/api/v1/claims/${first.id}`);
    expect(afterCounty).toMatchObject({ status: 'in_review', level: 2, approvals: [expect.objectContaining({ level: 1, userId: county.userId })] });

    // the city reviewer finds it at the city level and approves it
    const cityPage = await signedIn(city, '/admin/claims?level=city');
    await cityPage.getByRole('link', { name: first.claimNo }).click();
    await cityPage.waitForURL(reviewPath(first.id));
    const trail = cityPage.getByTestId('approval-trail');
    await trail.getByText('晋江审核员甲审核通过').waitFor(); // the county approval, by name, and when
    await cityPage.getByText('待您审核：市级审核（第 2/2 级）').waitFor();
    await cityPage.getByTestId('invoice-check').getByText('合同签订于 2026-03-10').waitFor();
    await cityPage.getByTestId('invoice-check').getByText('一致', { exact: true }).nth(3).waitFor(); // the city sees the provider too: all four checked
    expect(await cityPage.getByTestId('invoice-check').getByText('一致', { exact: true }).count()).toBe(4);
    await cityPage.getByRole('button', { name: '通过', exact: true }).click();
    await cityPage.getByRole('dialog').getByRole('button', { name: '确认通过' }).click();
    await cityPage.getByText(/已通过申领 .*队列已处理完/).waitFor(); // nothing else waits at the city level
    await cityPage.waitForURL(/\/admin\/claims\?level=city$/);
    await cityPage.getByText('没有符合条件的申领').waitFor();
    const approved = await get<ClaimRow>(city.token, `/api/v1/claims/${first.id}`);
    expect(approved).toMatchObject({ status: 'approved', approvals: [expect.objectContaining({ userId: county.userId }), expect.objectContaining({ level: 2, userId: city.userId })] });

    // the queue fits a phone
    const phone = await signedIn(county, '/admin/claims', { width: 375 });
    await phone.getByRole('link', { name: claims[1].claimNo }).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
    await expectNoAxe(phone);
    const phoneReview = await signedIn(county, `/admin/claims/${claims[1].id}`, { width: 375 });
    await phoneReview.getByTestId('invoice-check').waitFor();
    expect(await horizontalOverflow(phoneReview)).toBe(0);
  });

  it('never shows a claim to a county reviewer of another county: not in the queue, the 404 page by URL', async () => {
    const page = await signedIn(nananCounty, '/admin/claims');
    await page.getByRole('heading', { name: '兑付审核' }).waitFor();
    await page.getByText('没有符合条件的申领').waitFor();
    expect(await page.getByRole('link', { name: /^BT/ }).count()).toBe(0);
    await page.getByLabel('状态', { exact: true }).selectOption('all');
    await page.waitForURL(/status=all/);
    await page.getByText('没有符合条件的申领').waitFor();
    await expectNoAxe(page);

    await page.goto(`/admin/claims/${claims[1].id}`);
    await page.getByText('404', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(claims[1].claimNo);
    await page.goto(`/admin/claims/not-a-uuid`);
    await page.getByText('404', { exact: true }).waitFor();
    await expectNoAxe(page);
  });

  it('requires a reason to reject or return before anything is sent; j/k walk the queue, not while typing', async () => {
    const [, second, third] = claims;
    const page = await signedIn(county, '/admin/claims');
    const decisions: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/decision')) decisions.push(r.url());
    });
    await page.getByRole('link', { name: second.claimNo }).click();
    await page.waitForURL(reviewPath(second.id));
    await page.getByRole('heading', { name: `申领 ${second.claimNo}` }).waitFor();

    // the keyboard: j next, k previous; ? shows the help
    await page.keyboard.press('j');
    await page.waitForURL(reviewPath(third.id));
    await page.getByRole('heading', { name: `申领 ${third.claimNo}` }).waitFor();
    await page.keyboard.press('k');
    await page.waitForURL(reviewPath(second.id));
    await page.getByRole('heading', { name: `申领 ${second.claimNo}` }).waitFor();
    await page.keyboard.press('?');
    await page.getByText('键盘快捷键', { exact: true }).waitFor();
    await page.getByText('在输入框中打字时快捷键不生效。').waitFor();
    await expectNoAxe(page, { openPopup: true });
    await page.keyboard.press('?');

    // r: reject without a reason is refused here
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await dialog.getByText('驳回须填写理由').waitFor();
    // typing j in the reason neither navigates nor leaks: shortcuts are off in fields
    await dialog.getByLabel('理由（必填）').fill('   ');
    await dialog.getByLabel('理由（必填）').press('j');
    expect(page.url()).toMatch(reviewPath(second.id));
    await dialog.getByLabel('理由（必填）').fill('');
    await dialog.getByText('退回修改', { exact: true }).click();
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await dialog.getByText('退回修改须填写理由').waitFor();
    await expectNoAxe(page);
    expect(decisions).toEqual([]);
    expect(await get<ClaimRow>(county.token, `/api/v1/claims/${second.id}`)).toMatchObject({ status: 'in_review', version: second.version });

    // with a reason it goes, and the next claim opens
    await dialog.getByLabel('理由（必填）').fill('请补充加盖公章的验收单');
    await dialog.getByRole('button', { name: '确认退回' }).click();
    await page.waitForURL(reviewPath(third.id));
    expect(decisions).toHaveLength(1);
    expect(await get(county.token, `/api/v1/claims/${second.id}`)).toMatchObject({ status: 'returned', decisionReason: '请补充加盖公章的验收单' });
  });

  it('explains a decision on a claim someone decided meanwhile and reloads it', async () => {
    const fourth = claims[3];
    const page = await signedIn(county, `/admin/claims/${fourth.id}`);
    await page.getByText('待您审核：县级审核（第 1/2 级）').waitFor();
    // another county reviewer approves it while the page is open
    await post(county2.token, `/api/v1/admin/claims/${fourth.id}/decision`, { decision: 'approve', version: fourth.version });

    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '确认通过' }).click();
    const stale = dialog.getByTestId('stale-decision');
    await stale.getByText('该申领在您查看后已有变动，本次决定未提交').waitFor();
    await stale.getByText(/由晋江审核员乙处理/).waitFor(); // who decided meanwhile, by name
    await stale.getByText(/处理结果：通过/).waitFor();
    await stale.getByText(/当前状态：审核中（第 \d+ 版）/).waitFor();
    await expectNoAxe(page);
    // the page behind shows the claim as it is now: at the city level, not this reviewer's
    await dialog.getByRole('button', { name: '取消' }).click();
    await page.getByText('该申领正在市级审核（第 2/2 级），不在您的审核范围内，仅供查看。').waitFor();
    const now = await get<ClaimRow>(county.token, `/api/v1/claims/${fourth.id}`);
    expect(now.approvals).toEqual([expect.objectContaining({ userId: county2.userId })]);
  });

  it('links a risk flag to the related order: the staff order view, read-only, with its history and contract', async () => {
    const page = await signedIn(city, `/admin/claims/${claims[0].id}`);
    const flags = page.getByTestId('risk-flags');
    const order = await get<{ orderNo: string }>(w.buyer.token, `/api/v1/orders/${otherOrderId}`);
    await flags.getByRole('link', { name: order.orderNo }).click();
    await page.waitForURL(`**/admin/orders/${otherOrderId}`);
    await page.getByRole('heading', { name: `订单 ${order.orderNo}` }).waitFor();
    await page.getByText('已完成', { exact: true }).first().waitFor();
    await page.getByText('验收通过').first().waitFor(); // the history
    await page.getByRole('button', { name: '下载合同 PDF' }).waitFor();
    await page.getByText('留言与附件').waitFor();
    expect(await page.getByRole('button', { name: '发送' }).count()).toBe(0);
    await expectNoAxe(page);
    // another county's reviewer: the 404 page
    const outsider = await signedIn(nananCounty, `/admin/orders/${otherOrderId}`);
    await outsider.getByText('404', { exact: true }).waitFor();
  });

  it('lets a program officer resolve a disputed order with a refund in yuan, sent as fen with the version seen', async () => {
    const e = w.enterprises[2];
    const orderId = await orderUntil(w, e, 'started');
    await post(w.provider.owner.token, `/api/v1/orders/${orderId}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) });
    await post(w.buyer.token, `/api/v1/orders/${orderId}/dispute`, { reason: '报告缺少色牢度项目' });
    const disputed = await get<{ orderNo: string; version: number }>(w.officer.token, `/api/v1/orders/${orderId}`);

    const page = await signedIn(w.officer, `/admin/orders/${orderId}`);
    const form = page.getByTestId('dispute-resolution');
    await form.getByText('企业提出的异议：报告缺少色牢度项目').waitFor();
    await form.getByText('退款', { exact: true }).click();
    await form.getByLabel('退款金额（元）').fill('2000');
    await form.getByLabel('处理理由').fill('双方协商部分退款');
    await form.getByRole('button', { name: '提交处理结果' }).click();
    await form.getByText('退款金额须在 ¥0.01 至 ¥1,000.00 之间').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-order');
    await form.getByLabel('退款金额（元）').fill('300.50');
    await form.getByRole('button', { name: '提交处理结果' }).click();
    await page.getByText('已退款', { exact: true }).first().waitFor();
    const resolved = await get(w.officer.token, `/api/v1/orders/${orderId}`);
    expect(resolved).toMatchObject({ status: 'refunded', refundFen: 30_050 });
    expect(resolved.version).toBeGreaterThan(disputed.version);
    const phone = await signedIn(w.officer, `/admin/orders/${orderId}`, { width: 375 });
    await phone.getByRole('heading', { name: `订单 ${disputed.orderNo}` }).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
  });
});
