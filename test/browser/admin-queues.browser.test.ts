/**
 * The console's queues in a real browser (issue #14, Scope 1): enterprise verification (the size
 * class and why, a reason required to reject, a decision made meanwhile by someone else explained
 * and reloaded), provider admission (the public notice's countdown, an objection dismissed, admit,
 * a change request shown as a diff and approved), offering moderation (a pending revision beside
 * the live version; a newer revision arriving meanwhile is a stale decision), reviewed-mode
 * applications (eligibility facts, an amount in yuan sent as fen). A county reviewer sees only
 * their county: another county's enterprise or application by URL is the 404 page, and the
 * program officer's queues are too. axe on every page, no sideways scrolling at 375 px.
 * The world: libs/orders/test/order-world.ts (a program officer, an admitted provider with
 * published offerings, verified Jinjiang enterprises), the browser's clock set to the world's.
 */
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../support/auth.js';
import { ok, openProgram, startWorld, type World } from '../../libs/orders/test/order-world.js';
import { admittedProvider, appliedProvider, offeringBody } from '../../libs/catalog/test/support.js';
import { enterpriseBody, freshUscc, withDocuments } from '../../libs/organizations/test/support.js';
import { JINJIANG, NANAN, seedEnterprises } from '../../libs/vouchers/test/program-support.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, signedInPage, expectNoAxe } from './support.js';

describeBrowser('admin console queues (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let jinjiangReviewer: AuthSession;
  let nananReviewer: AuthSession;

  beforeAll(async () => {
    w = await startWorld();
    s = await browserOn(w.t);
    jinjiangReviewer = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    nananReviewer = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));
  const get = (token: string, url: string) => ok(w.t.request('GET', url, { token }));
  const sql = (q: string, params: unknown[] = []) => w.t.app.get(DataSource).query(q, params);

  const signedIn = (who: { email: string; password: string }, opts: { width?: number; next?: string } = {}): Promise<Page> => signedInPage(s, who, opts.next, { width: opts.width, now: w.clock.now() });

  /** The page at 375 px scrolls no sideways and has no serious axe violation. */
  async function fitsPhone(who: AuthSession, path: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
    const page = await signedIn(who, { width: 375, next: path });
    await ready(page);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 6)
        .map((el) => `${el.tagName}.${String(el.className).slice(0, 50)} ${Math.round(el.getBoundingClientRect().width)} ${getComputedStyle(el).display}`),
    );
    expect({ overflow: await horizontalOverflow(page), wide: (await horizontalOverflow(page)) > 0 ? wide : [] }).toEqual({ overflow: 0, wide: [] });
    await expectNoAxe(page);
    await page.context().close();
  }

  /** A pending enterprise registered by a fresh user, with its business licence unless told; answers its id and name. */
  async function pendingEnterprise(region: string, name: string, opts: { licence?: boolean } = {}): Promise<{ id: string; name: string }> {
    const owner = await registerAndLogin(w.t);
    const body = enterpriseBody({ name, regionCode: region, uscc: freshUscc(region), bankAccount: { bankName: '中国工商银行', accountName: name, accountNo: '1408012345678901234' } });
    const e = await post(owner.token, '/api/v1/enterprises', opts.licence === false ? body : await withDocuments(w.t, owner.token, body));
    expect(e.status).toBe('pending');
    return { id: e.id, name };
  }

  const dialog = (page: Page) => page.getByRole('dialog');
  /** Confirms the decision dialog; a problem shown in it fails the test with its words. */
  async function confirm(page: Page, name: string): Promise<void> {
    await dialog(page).getByRole('button', { name, exact: true }).click();
    const problem = dialog(page).getByRole('alert');
    const shown = await Promise.race([
      dialog(page).waitFor({ state: 'hidden' }).then(() => null, () => null),
      problem.waitFor().then(() => problem.innerText(), () => null),
    ]);
    if (shown) throw new Error(`the decision failed: ${shown}`);
  }
  const notFound = (page: Page) => page.getByText('页面不存在，或您无权查看。').waitFor();

  it('a county reviewer verifies an enterprise of their county: size class and why, a reason required to reject, approve sends the version seen', async () => {
    const mine = await pendingEnterprise(JINJIANG, '晋江市浏览器认证科技有限公司');
    const other = await pendingEnterprise(NANAN, '南安市他县认证科技有限公司');

    const page = await signedIn(jinjiangReviewer, { next: '/admin/verification' });
    await page.getByRole('heading', { name: '企业认证', level: 3 }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: mine.name }) });
    await row.getByText('小型企业').waitFor();
    await row.getByText(/工业 · 45 人/).waitFor(); // the classifier's inputs
    await row.locator('time').first().waitFor(); // the waiting age
    expect(await page.getByRole('link', { name: other.name }).count()).toBe(0); // another county's enterprise is not in the queue
    // the menu shows only what a county reviewer may act on
    const nav = page.getByRole('navigation', { name: '管理后台导航' });
    await nav.getByRole('link', { name: /项目申请/ }).waitFor();
    expect(await nav.getByRole('link', { name: /机构入库/ }).count()).toBe(0);
    await expectNoAxe(page);
    await screenshot(page, 'admin-verification');

    await page.getByRole('link', { name: mine.name }).click();
    await page.waitForURL(`**/admin/verification/${mine.id}`);
    const why = page.getByTestId('size-why');
    await why.getByText('已达到小型企业标准：').waitFor();
    await why.getByText(/从业人员 ≥ 20 人，且营业收入 ≥ 300 万元/).first().waitFor();
    await why.getByText(/（未达到：从业人员、营业收入）/).waitFor(); // medium needs 300 staff and 2,000万元
    // the business licence opens as an authenticated download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '查看营业执照' }).click()]);
    expect(download.suggestedFilename()).toBe(`${mine.name}-营业执照.pdf`);
    const bytes: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) bytes.push(chunk as Buffer);
    expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe('%PDF-');
    await expectNoAxe(page);
    await screenshot(page, 'admin-verification-detail');

    // reject needs a reason: nothing is sent without one
    await page.getByRole('button', { name: '不予认证' }).click();
    await dialog(page).getByRole('button', { name: '不予认证' }).click();
    await dialog(page).getByText('请填写不予认证的原因').waitFor();
    await expectNoAxe(page);
    await dialog(page).getByRole('button', { name: '取消' }).click();
    expect((await get(w.officer.token, `/api/v1/enterprises/${mine.id}`)).status).toBe('pending');

    const before = (await get(w.officer.token, `/api/v1/enterprises/${mine.id}`)).version;
    await page.getByRole('button', { name: '认证通过' }).click();
    await dialog(page).getByRole('button', { name: '认证通过' }).click();
    await page.locator('.ant-card', { hasText: '认证状态' }).getByText('已认证', { exact: true }).waitFor();
    const after = await get(w.officer.token, `/api/v1/enterprises/${mine.id}`);
    expect(after).toMatchObject({ status: 'verified' });
    expect(after.version).toBeGreaterThan(before);
    // the audit names the county reviewer as the actor
    const [audit] = await sql(`SELECT actor_id FROM audit_entry WHERE stream_type = 'organization' AND stream_id = $1 AND action = 'enterprise.verification.approve' ORDER BY stream_seq DESC LIMIT 1`, [mine.id]);
    expect(audit?.actor_id).toBe(jinjiangReviewer.userId);

    await fitsPhone(jinjiangReviewer, '/admin/verification', (p) => p.getByRole('heading', { name: '企业认证', level: 3 }).waitFor());
    await fitsPhone(jinjiangReviewer, `/admin/verification/${mine.id}`, (p) => p.getByTestId('size-why').waitFor());
  });

  it('without a business licence an enterprise cannot be approved: the approval is disabled and says why', async () => {
    const bare = await pendingEnterprise(JINJIANG, '晋江市未传执照科技有限公司', { licence: false });
    const page = await signedIn(jinjiangReviewer, { next: `/admin/verification/${bare.id}` });
    await page.getByText('企业尚未上传营业执照，上传前不能认证通过；如需退回，请不予认证并说明原因。').waitFor();
    await page.locator('.ant-card', { hasText: '营业执照' }).getByText('尚未上传', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '认证通过' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '不予认证' }).isEnabled()).toBe(true);
    // the API agrees: 422 LICENCE_REQUIRED
    const res = await w.t.request('POST', `/api/v1/admin/enterprises/${bare.id}/verification`, { token: jinjiangReviewer.token, body: { decision: 'approve' } });
    expect(res.body.code).toBe('LICENCE_REQUIRED');
    await expectNoAxe(page);
  });

  it("a program officer filters the verification queue by county and status; the filters live in the URL and survive a reload", async () => {
    // submitted a minute apart (the world's clock stands still otherwise)
    w.clock.set(new Date(w.clock.now().getTime() + 60_000));
    const nanan = await pendingEnterprise(NANAN, '南安市筛选认证科技有限公司');
    w.clock.set(new Date(w.clock.now().getTime() + 60_000));
    const jinjiang = await pendingEnterprise(JINJIANG, '晋江市筛选认证科技有限公司');
    const page = await signedIn(w.officer, { next: '/admin/verification' });
    await page.getByRole('link', { name: jinjiang.name }).waitFor();
    await page.getByRole('link', { name: nanan.name }).waitFor();
    const names = () => page.locator('.ant-table-row a').allTextContents();
    // longest waiting first: the later submission after the earlier one; newest first turns it round
    expect((await names()).indexOf(nanan.name)).toBeLessThan((await names()).indexOf(jinjiang.name));
    await page.getByLabel('排序', { exact: true }).click();
    await page.locator('.ant-select-item-option:visible', { hasText: '最新优先' }).click();
    await page.waitForURL(/sort=newest/);
    await page.locator('.ant-table-row').first().getByRole('link', { name: jinjiang.name }).waitFor();
    expect((await names()).indexOf(jinjiang.name)).toBeLessThan((await names()).indexOf(nanan.name));

    await page.getByLabel('地区', { exact: true }).click();
    await page.keyboard.type('南安');
    await page.locator('.ant-select-item-option:visible', { hasText: '南安市' }).click();
    await page.waitForURL(/region=350583/);
    await page.getByRole('link', { name: jinjiang.name }).waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('link', { name: nanan.name }).waitFor();
    expect(await page.getByRole('link', { name: jinjiang.name }).count()).toBe(0);

    await page.getByLabel('状态', { exact: true }).click();
    await page.locator('.ant-select-item-option:visible', { hasText: '已认证' }).click();
    await page.waitForURL(/status=verified/);
    await page.getByText('没有符合条件的企业').waitFor(); // no verified enterprise in Nan'an: the empty state in words
    expect(new URL(page.url()).searchParams.get('region')).toBe('350583');
    await expectNoAxe(page);

    // in English: the same filters, in English words
    await page.getByRole('combobox', { name: '语言' }).selectOption('en-US');
    await page.getByRole('heading', { name: 'Enterprise verification', level: 3 }).waitFor();
    await page.getByText('No enterprises match').waitFor();
    await page.goto('/admin/verification?region=350583');
    await page.getByRole('link', { name: nanan.name }).waitFor();
    await page.locator('tr', { has: page.getByRole('link', { name: nanan.name }) }).getByText(/Industry · 45 employees/).waitFor();
  });

  it('a decision on a version someone else changed meanwhile is explained and the page reloads', async () => {
    const e = await pendingEnterprise(JINJIANG, '晋江市并发认证科技有限公司');
    const page = await signedIn(w.officer, { next: `/admin/verification/${e.id}` });
    await page.getByRole('button', { name: '不予认证' }).waitFor();
    // the county reviewer approves it meanwhile
    await post(jinjiangReviewer.token, `/api/v1/admin/enterprises/${e.id}/verification`, { decision: 'approve' });
    await page.getByRole('button', { name: '不予认证' }).click();
    await dialog(page).getByLabel('不予认证的原因').fill('营业执照与填报信息不符');
    await dialog(page).getByRole('button', { name: '不予认证' }).click();
    const notice = page.getByTestId('stale-notice');
    await notice.getByText('此事项已被他人处理或修改').waitFor();
    await notice.getByText(`工作人员（${jinjiangReviewer.userId.slice(0, 8)}）已在此期间处理`).waitFor(); // who decided meanwhile
    await notice.getByText(/当前状态：已认证/).waitFor();
    await dialog(page).waitFor({ state: 'hidden' });
    // reloaded: the page shows the approval; the stale rejection changed nothing
    await page.locator('.ant-card', { hasText: '认证状态' }).getByText('已认证', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: '不予认证' }).count()).toBe(0);
    expect(await get(w.officer.token, `/api/v1/enterprises/${e.id}`)).toMatchObject({ status: 'verified', rejectionReason: null });
    await expectNoAxe(page);
  });

  it("another county's enterprise and application by URL, and the program officer's queues, are the 404 page for a county reviewer", async () => {
    const theirs = await pendingEnterprise(JINJIANG, '晋江市越权查看科技有限公司');
    const page = await signedIn(nananReviewer, { next: `/admin/verification/${theirs.id}` });
    await notFound(page);
    expect(await page.getByText(theirs.name).count()).toBe(0);
    await expectNoAxe(page);
    for (const path of ['/admin/admission', '/admin/offerings', `/admin/admission/${w.provider.id}`]) {
      await page.goto(path);
      await notFound(page);
    }
  });

  it('the program officer admits a provider: the public notice counts down, an objection is dismissed, then admit', async () => {
    const applicant = await appliedProvider(w.t, { name: '泉州市浏览器入库检测有限公司' });
    const page = await signedIn(w.officer, { next: '/admin/admission' });
    await page.getByRole('heading', { name: '机构入库', level: 3 }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: '泉州市浏览器入库检测有限公司' }) });
    await row.getByText('已提交申请').waitFor();
    await row.getByText('CMA').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-admission');

    await page.getByRole('link', { name: '泉州市浏览器入库检测有限公司' }).click();
    const [certificate] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '查看 CMA 证书' }).click()]);
    expect(certificate.suggestedFilename()).toBe('泉州市浏览器入库检测有限公司-CMA-201512345678.pdf');
    await page.getByRole('button', { name: '开始公示' }).click();
    await confirm(page, '开始公示');
    await page.locator('.ant-card', { hasText: '入库状态' }).getByText('公示中', { exact: true }).waitFor();
    expect(await get(w.officer.token, `/api/v1/providers/${applicant.id}`)).toMatchObject({ admissionStatus: 'in_notice' });

    // a notice running three more days (this world's notice length is 0 days): the countdown
    await sql(`UPDATE provider_profile SET notice_ends_at = $2 WHERE organization_id = $1`, [applicant.id, new Date(w.clock.now().getTime() + 3 * 86_400_000 + 5 * 3_600_000)]);
    await post(w.officer.token, `/api/v1/admin/providers/${applicant.id}/admission`, { action: 'object', reason: '该机构 CMA 证书范围不含纺织品检测' });
    await page.reload();
    await page.getByTestId('notice-countdown').getByText('距公示结束还有 3 天 5 小时 0 分 0 秒').waitFor();
    await page.getByText('该机构 CMA 证书范围不含纺织品检测').waitFor();
    expect(await page.getByRole('button', { name: '准予入库' }).isDisabled()).toBe(true);
    await page.getByText('有 1 条异议尚未处理，处理后方可准予入库。').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-admission-detail');

    await page.getByRole('button', { name: '异议不成立' }).click();
    await dialog(page).getByLabel('备注（可选）').fill('证书附表含纺织品检测项目');
    await confirm(page, '异议不成立');
    await page.locator('.ant-table-row', { hasText: '该机构 CMA 证书范围不含纺织品检测' }).getByText('异议不成立').waitFor();

    // the notice ends: admit
    await sql(`UPDATE provider_profile SET notice_ends_at = notice_starts_at WHERE organization_id = $1`, [applicant.id]);
    await page.reload();
    await page.getByTestId('notice-countdown').getByText('公示期已结束').waitFor();
    await page.getByRole('button', { name: '准予入库' }).click();
    await confirm(page, '准予入库');
    await page.locator('.ant-card', { hasText: '入库状态' }).getByText('已入库', { exact: true }).waitFor();
    expect(await get(w.officer.token, `/api/v1/providers/${applicant.id}`)).toMatchObject({ admissionStatus: 'admitted', openObjections: 0 });

    await fitsPhone(w.officer, '/admin/admission', (p) => p.getByRole('heading', { name: '机构入库', level: 3 }).waitFor());
    await fitsPhone(w.officer, `/admin/admission/${applicant.id}`, (p) => p.getByText('已入库', { exact: true }).first().waitFor());
  });

  it("shows an admitted provider's change request as a diff of live and proposed values and approves it with its version", async () => {
    const provider = await admittedProvider(w.t, w.officer, { name: '泉州市变更申请检测有限公司' });
    const res = await w.t.request('PATCH', `/api/v1/providers/${provider.id}`, { token: provider.owner.token, body: { legalRepresentative: '林七', registeredAddress: '福建省泉州市丰泽区新址路9号' } });
    expect(res.status).toBe(202);

    const page = await signedIn(w.officer, { next: `/admin/admission/${provider.id}` });
    const diff = page.getByTestId('change-request-pending').getByTestId('change-diff');
    const changed = diff.locator('tr.queues-diff-changed', { hasText: '法定代表人' });
    await changed.getByText('王五').waitFor(); // live
    await changed.getByText('林七').waitFor(); // proposed
    await changed.getByText('有变更').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-admission-change-request');

    await page.getByRole('button', { name: '同意变更' }).click();
    await dialog(page).getByRole('button', { name: '同意变更' }).click();
    await page.getByTestId('change-request-approved').waitFor();
    expect(await get(w.officer.token, `/api/v1/providers/${provider.id}`)).toMatchObject({ legalRepresentative: '林七', pendingChangeRequestId: null });
  });

  it('moderates offerings: publishes a new one, shows a revision beside the live version, a newer revision meanwhile is stale, then rejects it with a reason', async () => {
    const created = await post(w.provider.owner.token, '/api/v1/offerings', offeringBody(w.provider.id, { title: '浏览器新服务：纺织品色牢度检测', pricing: { kind: 'fixed', priceFen: 45_000 } }));
    await post(w.provider.owner.token, `/api/v1/offerings/${created.id}/submit`);

    const page = await signedIn(w.officer, { next: '/admin/offerings' });
    await page.getByRole('heading', { name: '服务审核', level: 3 }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name: '浏览器新服务：纺织品色牢度检测' }) });
    await row.getByText('¥450.00').waitFor();
    await row.getByText('待审核').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-offerings');
    await page.getByRole('link', { name: '浏览器新服务：纺织品色牢度检测' }).click();
    await page.getByRole('button', { name: '审核通过并上架' }).click();
    await dialog(page).getByRole('button', { name: '审核通过并上架' }).click();
    await page.getByText('已上架', { exact: true }).first().waitFor();
    expect(await get(w.officer.token, `/api/v1/offerings/${created.id}`)).toMatchObject({ status: 'published' });

    // a revision of the world's published offering
    const live = await get(w.provider.owner.token, `/api/v1/offerings/${w.offeringId}`);
    expect((await w.t.request('PATCH', `/api/v1/offerings/${w.offeringId}`, { token: w.provider.owner.token, body: { title: '纺织面料成分检测（加急套餐）', pricing: { kind: 'fixed', priceFen: 150_000 } } })).status).toBe(202);
    await page.goto('/admin/offerings?view=revision');
    await page.getByRole('link', { name: '纺织面料成分检测（加急套餐）' }).click();
    const diff = page.getByTestId('revision-diff');
    const title = diff.locator('tr.queues-diff-changed', { hasText: '服务名称' });
    await title.getByText(live.title, { exact: true }).waitFor();
    await title.getByText('纺织面料成分检测（加急套餐）').waitFor();
    const price = diff.locator('tr.queues-diff-changed', { hasText: '价格' });
    await price.getByText('¥1,000.00').waitFor();
    await price.getByText('¥1,500.00').waitFor();
    expect(await diff.locator('tr.queues-diff-changed', { hasText: '交付成果' }).count()).toBe(0); // unchanged fields are not marked
    await expectNoAxe(page);
    await screenshot(page, 'admin-offering-revision');

    // the provider edits the revision again meanwhile: publishing what the officer saw is stale
    expect((await w.t.request('PATCH', `/api/v1/offerings/${w.offeringId}`, { token: w.provider.owner.token, body: { pricing: { kind: 'fixed', priceFen: 180_000 } } })).status).toBe(202);
    await page.getByRole('button', { name: '通过修订' }).click();
    await dialog(page).getByRole('button', { name: '通过修订' }).click();
    await page.getByTestId('stale-notice').waitFor();
    await price.getByText('¥1,800.00').waitFor(); // reloaded: the newer revision
    expect(await get(w.officer.token, `/api/v1/offerings/${w.offeringId}`)).toMatchObject({ title: live.title, pricing: { priceFen: live.pricing.priceFen } });

    // reject the revision: a reason is required
    await page.getByRole('button', { name: '驳回修订' }).click();
    await dialog(page).getByRole('button', { name: '驳回修订' }).click();
    await dialog(page).getByText('请填写驳回原因').waitFor();
    await dialog(page).getByLabel('驳回原因').fill('加急价格缺少依据');
    await dialog(page).getByRole('button', { name: '驳回修订' }).click();
    await page.getByTestId('revision-diff').waitFor({ state: 'detached' });
    const after = await get(w.provider.owner.token, `/api/v1/offerings/${w.offeringId}`);
    expect(after).toMatchObject({ status: 'published', title: live.title, pendingRevision: null });
    const [rev] = await sql(`SELECT status, reason FROM offering_revision WHERE offering_id = $1 ORDER BY created_at DESC LIMIT 1`, [w.offeringId]);
    expect(rev).toEqual({ status: 'rejected', reason: '加急价格缺少依据' });

    await fitsPhone(w.officer, '/admin/offerings?view=all', (p) => p.getByRole('link', { name: '浏览器新服务：纺织品色牢度检测' }).waitFor());
    await fitsPhone(w.officer, `/admin/offerings/${w.offeringId}`, (p) => p.getByRole('heading', { name: live.title, level: 3 }).waitFor());
  });

  it("a county reviewer approves a reviewed-mode application of their county with the eligibility facts, in yuan; another county's is a 404 page", async () => {
    const programId = await openProgram(w.t, w.officer, { allocationMode: 'reviewed', name: '2026年泉州市审核制创新券（浏览器）' });
    const jinjiangApp = (await post(w.buyer.token, `/api/v1/programs/${programId}/applications`, { enterpriseId: w.enterprises[1], requestedFen: 3_000_000, purpose: '新型面料研发检测' })).application;
    const [nananEnterprise] = await seedEnterprises(w.t, 1, w.buyer.userId, { regionCode: NANAN });
    const nananApp = (await post(w.buyer.token, `/api/v1/programs/${programId}/applications`, { enterpriseId: nananEnterprise, requestedFen: 1_000_000, purpose: '南安企业检测' })).application;
    expect(jinjiangApp.status).toBe('pending');
    const [{ name }] = await sql('SELECT name FROM organization WHERE id = $1', [w.enterprises[1]]);
    const [{ name: nananName }] = await sql('SELECT name FROM organization WHERE id = $1', [nananEnterprise]);

    const page = await signedIn(jinjiangReviewer, { next: '/admin/applications' });
    await page.getByRole('heading', { name: '项目申请审核', level: 3 }).waitFor();
    const row = page.locator('tr', { has: page.getByRole('link', { name }) });
    await row.getByText('¥30,000.00').waitFor();
    await row.getByText('2026年泉州市审核制创新券（浏览器）').waitFor();
    expect(await page.getByText(nananName).count()).toBe(0);
    await expectNoAxe(page);
    await screenshot(page, 'admin-applications');

    await page.getByRole('link', { name }).click();
    const facts = page.getByTestId('eligibility');
    await facts.getByText('企业已通过认证').waitFor();
    await facts.locator('tr', { hasText: '企业规模' }).getByText('符合').waitFor();
    expect(await facts.getByText('不符合').count()).toBe(0);
    await expectNoAxe(page);
    await screenshot(page, 'admin-application-detail');

    await page.getByRole('button', { name: '批准', exact: true }).click();
    const amount = dialog(page).getByLabel('批准金额（元）');
    expect(await amount.inputValue()).toBe('30000.00'); // the bound: min(requested, max grant)
    await amount.fill('30,000.01');
    await dialog(page).getByRole('button', { name: '批准', exact: true }).click();
    await dialog(page).getByText('不能超过 ¥30,000.00').waitFor();
    await amount.fill('20,000.5');
    await dialog(page).getByRole('button', { name: '批准', exact: true }).click();
    await page.getByText('已批准', { exact: true }).first().waitFor();
    const decided = await get(jinjiangReviewer.token, `/api/v1/admin/applications/${jinjiangApp.id}`);
    expect(decided).toMatchObject({ status: 'granted', grantedFen: 2_000_050 });

    await page.goto(`/admin/applications/${nananApp.id}`);
    await notFound(page);
    await fitsPhone(jinjiangReviewer, '/admin/applications?status=all', (p) => p.getByRole('link', { name }).waitFor());
    await fitsPhone(jinjiangReviewer, `/admin/applications/${jinjiangApp.id}`, (p) => p.getByTestId('eligibility').waitFor());
  });
});
