/**
 * The journey (issue #12), across roles, in Chromium against the real API on PostgreSQL:
 *  - a provider registers and applies for admission in the browser, its certificate uploaded in the
 *    form; an officer starts the public
 *    notice and admits it (through the API until the admin console exists); the provider drafts and
 *    submits an offering in the browser, and the officer publishes it;
 *  - an enterprise registers and registers its organization in the browser, its business licence
 *    uploaded in the form; staff verify it;
 *  - the enterprise finds the offering by a Chinese sub-word search, applies for a voucher, requests
 *    the service, and accepts the provider's quote (made in the browser) after seeing the subsidy;
 *  - it pays offline; the provider confirms the transfer, starts and delivers with an upload; the
 *    enterprise completes and reviews. The ledger balances at the end.
 * Screenshots of each main page are saved under docs/screens/ (journey-*).
 */
import type { Page } from 'playwright-core';
import { loginAs, registerAndLogin, type AuthSession } from '../support/auth.js';
import { indexCatalog, ledgerClean, ok, startWorld, type World } from '../../libs/orders/test/order-world.js';
import { freshUscc } from '../../libs/organizations/test/support.js';
import { browserOn, describeBrowser, screenshot, type BrowserStack, pick, signedInPage, expectNoAxe } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeBrowser('the journey: provider admitted, enterprise verified, a voucher spent on a completed, reviewed service (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 0 });
    s = await browserOn(w.t);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));
  const get = (token: string, url: string) => ok(w.t.request('GET', url, { token }));

  // quotes and deadlines are the API's today
  const browserFor = (who: AuthSession, next: string): Promise<Page> => signedInPage(s, who, next, { now: w.clock.now() });
  async function orgOf(who: AuthSession, profile: 'enterprise' | 'provider'): Promise<string> {
    const me = await get(who.token, '/api/v1/me');
    return (me.memberships as { organizationId: string; profiles: string[] }[]).find((m) => m.profiles.includes(profile))!.organizationId;
  }

  it('runs from admission to a reviewed order', async () => {
    // ---- the provider applies for admission in the browser
    const providerUser = await registerAndLogin(w.t);
    const prov = await browserFor(providerUser, '/provider');
    await prov.getByRole('heading', { name: '申请入驻服务机构库' }).waitFor();
    const providerName = '泉州市旅程面料检测有限公司';
    await prov.getByLabel('机构名称').fill(providerName);
    await prov.getByLabel('统一社会信用代码').fill(freshUscc('350503'));
    await pick(prov, '所在地区', '丰泽');
    await prov.getByLabel('法定代表人').fill('陈旅');
    await prov.getByLabel('注册地址').fill('福建省泉州市丰泽区旅程路8号');
    await prov.getByLabel('联系电话').fill('0595-22225555');
    await prov.getByLabel('开户银行').fill('中国银行泉州分行');
    await prov.getByLabel('银行账号').fill('4011 2233 4455 7788');
    await prov.getByRole('checkbox', { name: '检验检测认证' }).check();
    await pick(prov, '申请入库的服务类别', '纺织服装');
    await prov.getByLabel('资质 1：证书编号').fill('201512349999');
    await prov.getByTestId('qualification-1').locator('input[type=file]').setInputFiles({ name: 'CMA证书.pdf', mimeType: 'application/pdf', buffer: PDF });
    await prov.getByRole('button', { name: 'CMA证书.pdf - 打开资质 1：证书文件' }).waitFor();
    await screenshot(prov, 'journey-provider-apply');
    await prov.getByRole('button', { name: '提交入驻申请' }).click();
    await prov.waitForURL('**/provider/admission');
    await prov.getByText('入驻申请已提交，科技局正在审核').waitFor();
    const providerId = await orgOf(providerUser, 'provider');
    expect((await get(providerUser.token, `/api/v1/providers/${providerId}`)).qualifications).toEqual([expect.objectContaining({ certificateFileId: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);

    // ---- staff: public notice, then admission (the admin console comes with #14)
    await post(w.officer.token, `/api/v1/admin/providers/${providerId}/admission`, { action: 'start-notice' });
    await post(w.officer.token, `/api/v1/admin/providers/${providerId}/admission`, { action: 'admit' });
    await prov.reload();
    await prov.getByText('已入库', { exact: true }).first().waitFor();
    await expectNoAxe(prov);
    await screenshot(prov, 'journey-provider-admitted');

    // ---- the provider drafts a quote-priced offering (a price range; each request is quoted) and submits it; the officer publishes it
    await prov.goto('/provider/offerings/new');
    const title = '涤纶面料起毛起球性能检测';
    await prov.getByLabel('服务名称').fill(title);
    await pick(prov, '服务类别', '纺织');
    await prov.getByLabel('服务介绍').fill('依据 GB/T 4802.1 圆轨迹法测定织物起毛起球性能，出具 CMA 报告。');
    await prov.getByLabel('交付成果').fill('CMA 检测报告一份');
    await prov.getByRole('radio', { name: '面议（参考价区间）' }).check();
    await prov.getByLabel('参考价下限（元）').fill('800');
    await prov.getByLabel('参考价上限（元）').fill('3,000');
    await prov.getByRole('checkbox', { name: /CMA/ }).check();
    await prov.getByRole('button', { name: '保存草稿' }).click();
    await prov.waitForURL(/\/provider\/offerings\/[0-9a-f-]{36}$/);
    const offeringId = prov.url().split('/').pop()!;
    await prov.getByRole('button', { name: '提交审核' }).click();
    await prov.getByText('待审核', { exact: true }).first().waitFor();
    await post(w.officer.token, `/api/v1/admin/offerings/${offeringId}/moderation`, { decision: 'publish' });
    await indexCatalog(w); // the worker's job: no worker runs in tests
    await prov.reload();
    await prov.getByText('已上架', { exact: true }).first().waitFor();

    // ---- an enterprise registers in the browser, then its organization
    const { page: ent } = await s.newPage();
    await ent.clock.setFixedTime(w.clock.now());
    await ent.goto('/register');
    const email = `journey-${Date.now()}@example.com`;
    await ent.getByLabel('姓名').fill('林企业');
    await ent.getByLabel('邮箱').fill(email);
    await ent.getByLabel('密码').fill('journey-password-2026');
    await ent.locator('form').getByRole('button', { name: '注册' }).click();
    await ent.waitForURL('**/account/start');
    await ent.getByRole('link', { name: /我是企业/ }).click();
    await ent.getByRole('heading', { name: '登记企业' }).waitFor();
    await ent.getByLabel('企业名称').fill('晋江市旅程纺织科技有限公司');
    await ent.getByLabel('统一社会信用代码').fill(freshUscc('350582'));
    await ent.getByLabel('所在地区').click();
    await ent.getByLabel('所在地区').fill('晋江');
    await ent.locator('.ant-select-item-option[title="晋江市"]').click();
    await ent.getByLabel('所属行业').click();
    await ent.locator('.ant-select-item-option[title="工业"]').click();
    await ent.getByLabel('从业人员（人）').fill('60');
    await ent.getByLabel('上年营业收入（元）').fill('30,000,000');
    await ent.getByLabel('资产总额（元）').fill('20000000');
    await ent.getByLabel('法定代表人').fill('林总');
    await ent.getByLabel('联系电话').fill('0595-88886666');
    await ent.getByLabel('注册地址').fill('福建省泉州市晋江市青阳街道旅程路1号');
    await ent.locator('input[type=file]').setInputFiles({ name: '营业执照.pdf', mimeType: 'application/pdf', buffer: PDF });
    await ent.getByRole('button', { name: '营业执照.pdf - 打开营业执照' }).waitFor();
    await screenshot(ent, 'journey-enterprise-register');
    await ent.getByRole('button', { name: '提交登记' }).click();
    await ent.getByText('企业信息正在审核').waitFor();
    const entUser = await loginAs(w.t, email, 'journey-password-2026');
    const enterpriseId = await orgOf(entUser, 'enterprise');
    expect((await get(entUser.token, `/api/v1/enterprises/${enterpriseId}`)).businessLicenceFileId).toMatch(/^[0-9a-f-]{36}$/);
    await post(w.officer.token, `/api/v1/admin/enterprises/${enterpriseId}/verification`, { decision: 'approve' });

    // ---- it finds the offering by a Chinese sub-word ("起球" inside 起毛起球)
    await ent.goto('/');
    await ent.getByTestId('search-input').fill('起球');
    await ent.locator('[data-testid="search-results"][data-q="起球"]').waitFor(); // the answer to this search, not the first page
    const hit = ent.getByTestId('search-result').filter({ hasText: title });
    await hit.waitFor();
    expect(await hit.locator('h3 mark').allInnerTexts()).toContain('起球');
    await expectNoAxe(ent);
    await screenshot(ent, 'journey-search');
    await hit.getByRole('link').first().click();
    await ent.getByTestId('offering-page').waitFor();
    await screenshot(ent, 'journey-offering');

    // ---- applies for a voucher (first come, first served: granted at once)
    await ent.goto('/enterprise/programs');
    const program = await get(w.officer.token, `/api/v1/programs/${w.programId}`);
    await ent.getByRole('button', { name: `申请 ${program.name}` }).click();
    const dialog = ent.getByRole('dialog');
    await dialog.getByLabel('申请金额（元）').fill('5,000');
    await dialog.getByLabel('用途说明').fill('新产品面料起球性能检测');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.waitFor({ state: 'detached' });
    await ent.goto('/enterprise/wallet');
    await ent.locator('tr', { hasText: '¥5,000.00' }).first().waitFor();
    await screenshot(ent, 'journey-wallet');

    // ---- requests the service
    await ent.goto(`/enterprise/orders/new?offering=${offeringId}`);
    await ent.getByLabel('需求说明').fill('涤纶面料 5 个样品的起毛起球检测');
    await ent.getByRole('button', { name: '提交需求' }).click();
    await ent.getByText('等待服务机构报价').waitFor();
    const orderId = /\/enterprise\/orders\/([0-9a-f-]{36})/.exec(ent.url())![1];
    const order = await get(entUser.token, `/api/v1/orders/${orderId}`);

    // ---- the provider quotes it in the browser
    await prov.goto(`/provider/orders/${orderId}`);
    await prov.getByText('涤纶面料 5 个样品的起毛起球检测').waitFor();
    expect(order.status).toBe('requested');
    await prov.getByLabel('报价金额（元）').fill('1,600.00');
    await prov.getByLabel('服务范围与内容').fill('5 个样品起毛起球检测，出具 CMA 报告');
    await prov.getByRole('button', { name: '发送报价' }).click();
    await prov.getByText('已向企业报价，等待企业接受').waitFor();
    const quoted = await get(entUser.token, `/api/v1/orders/${orderId}`);
    expect(quoted.status).toBe('quoted');
    expect(quoted.quote.priceFen).toBe(160_000);

    // ---- the enterprise sees the subsidy and its own share, then accepts
    await ent.goto(`/enterprise/orders/${orderId}`);
    const accept = ent.locator('.accept-card');
    const summary = accept.locator('.subsidy-summary');
    await summary.waitFor();
    // the program pays half: ¥800.00 of ¥1,600.00
    expect(await summary.innerText()).toMatch(/合同价格\s*¥1,600\.00/);
    expect(await summary.innerText()).toMatch(/创新券补贴\s*¥800\.00/);
    expect(await summary.innerText()).toMatch(/企业自付\s*¥800\.00/);
    await expectNoAxe(ent);
    await screenshot(ent, 'journey-accept');
    await accept.getByRole('button', { name: '接受报价并签约' }).click();
    await ent.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();

    // ---- pays offline: the instructions carry the reference
    await ent.getByRole('button', { name: '银行转账（线下）' }).click();
    const instructions = ent.getByTestId('offline-instructions');
    await instructions.waitFor();
    const contracted = await get(entUser.token, `/api/v1/orders/${orderId}`);
    expect(contracted.status).toBe('contracted');
    expect(await instructions.innerText()).toContain(contracted.payments[0].reference);
    await screenshot(ent, 'journey-pay');

    // ---- the provider confirms the transfer, starts and delivers with an upload
    await prov.goto(`/provider/orders/${orderId}`);
    await prov.getByLabel('银行流水号').fill('BANKJOURNEY0001');
    await prov.getByLabel('付款户名').fill('晋江市旅程纺织科技有限公司');
    await prov.getByLabel('付款账号').fill('6222 0000 3333 4444');
    await prov.getByRole('button', { name: '确认已收款' }).click();
    await prov.getByRole('button', { name: '开始服务' }).click();
    await prov.getByText('提交交付成果').waitFor();
    await prov.locator('input[type=file]').first().setInputFiles({ name: '起球检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await prov.getByText('起球检测报告.pdf').first().waitFor();
    await prov.getByLabel('交付说明').fill('报告已盖 CMA 章');
    await prov.getByRole('button', { name: '提交交付' }).click();
    await prov.getByText('已提交交付，等待企业验收').waitFor();
    await expectNoAxe(prov);
    await screenshot(prov, 'journey-provider-delivered');

    // ---- the enterprise completes and reviews
    await ent.reload();
    await ent.getByText('验收交付成果').waitFor();
    await ent.getByRole('button', { name: '确认验收' }).click();
    await ent.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
    await ent.getByText('订单已完成').waitFor();
    await ent.getByLabel('评价').fill('检测规范，报告清晰。');
    await ent.getByRole('button', { name: '提交评价' }).click();
    await ent.getByText('感谢您的评价！').waitFor();
    await expectNoAxe(ent);
    await screenshot(ent, 'journey-completed');

    const done = await get(entUser.token, `/api/v1/orders/${orderId}`);
    expect(done.status).toBe('completed');
    expect(await ledgerClean(w)).toBe(true);
  });
});
