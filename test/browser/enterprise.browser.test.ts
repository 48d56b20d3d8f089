/**
 * The enterprise portal in a real browser (issue #12, "Enterprise portal"): onboarding with the USCC
 * checked on the client and the business licence uploaded (required before sending), the profile
 * with the licence replaced on resubmission and on an edit (a verified enterprise back to review), the programs with the eligibility reasons of a refusal, the
 * grant wallet, a request quoted by the provider and accepted after seeing the subsidy and own
 * share, the offline payment instructions, quotes compared side by side, an expired quote's 409
 * explained, the delivery accepted and reviewed; axe on each main page; no sideways scrolling at
 * 375 px. The world: libs/orders/test/order-world.ts (an admitted provider with a fixed-price and a
 * quote offering, a verified enterprise, an open program subsidising textile testing at 50%).
 */
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { makeUscc } from '@innoserve/organizations';
import { advanceDays, fapiaoOf, grant, ok, openProgram, orderUntil, startWorld, uploadPdf, type World } from '../../libs/orders/test/order-world.js';
import { seedEnterprises } from '../../libs/vouchers/test/program-support.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../support/auth.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, signIn, expectNoAxe } from './support.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
// a 1×1 PNG (the files API judges the type by the content)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeBrowser('enterprise portal (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let enterpriseId: string;
  let grantId: string;
  let techSmeProgram: string;
  /** The user who registers an enterprise in the first test, and that enterprise. */
  let founder: AuthSession;
  let founded: string;

  beforeAll(async () => {
    w = await startWorld({ enterprises: 1 });
    enterpriseId = w.enterprises[0];
    grantId = await grant(w, enterpriseId, 500_000);
    techSmeProgram = await openProgram(w.t, w.officer, {
      name: '2026年科技型中小企业专项创新券',
      eligibility: { sizeClasses: ['micro', 'small', 'medium'], regionCodes: ['350582', '350583'], requiredFlags: ['tech_sme'] },
    });
    s = await browserOn(w.t);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));
  /** A page signed in as the world's buyer (the enterprise's owner), at `to`. */
  async function buyerPage(to: string, width = 1280): Promise<Page> {
    const { page } = await s.newPage({ width });
    await signIn(page, w.buyer, to);
    await page.waitForURL((u) => u.pathname === to.split('?')[0]);
    return page;
  }

  it('registers an enterprise with its business licence: a wrong USCC check character and a missing licence are refused next to the fields before submitting', async () => {
    const user: AuthSession = await registerAndLogin(w.t, { displayName: '李四' });
    founder = user;
    const { page } = await s.newPage();
    await signIn(page, user, '/enterprise');
    await page.getByRole('heading', { name: '登记企业' }).waitFor();
    const uscc = makeUscc('350582', 4242);
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    const name = '晋江市浏览器测试纺织有限公司';
    await page.getByLabel('企业名称').fill(name);
    await page.getByLabel('统一社会信用代码').fill(wrong);
    await page.getByLabel('统一社会信用代码').blur();
    await page.getByText('统一社会信用代码校验位不正确').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-onboarding');
    // nothing was sent: the field error came from the client
    expect((await w.t.request('GET', '/api/v1/me', { token: user.token })).body.memberships).toEqual([]);

    await page.getByLabel('统一社会信用代码').fill(uscc);
    await page.getByLabel('所在地区').click();
    await page.getByLabel('所在地区').fill('晋江'); // the option list is virtual: filter first
    await page.locator('.ant-select-item-option[title="晋江市"]').click();
    await page.getByLabel('所属行业').click();
    await page.locator('.ant-select-item-option[title="工业"]').click();
    await page.getByLabel('从业人员（人）').fill('45');
    await page.getByLabel('上年营业收入（元）').fill('12,000,000');
    await page.getByLabel('资产总额（元）').fill('8000000.00');
    await page.getByLabel('法定代表人').fill('李四');
    await page.getByLabel('联系电话').fill('0595-88881234');
    await page.getByLabel('注册地址').fill('福建省泉州市晋江市青阳街道示例路8号');
    // no licence yet: refused next to the field, nothing sent
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.getByText('请上传营业执照', { exact: true }).waitFor();
    expect((await w.t.request('GET', '/api/v1/me', { token: user.token })).body.memberships).toEqual([]);
    // a file of another type is refused before uploading
    const licenceInput = page.locator('input[type="file"]');
    await licenceInput.setInputFiles({ name: '营业执照.txt', mimeType: 'text/plain', buffer: Buffer.from('not a licence') });
    await page.getByText('只能上传 PDF、JPG 或 PNG 文件。').waitFor();
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST');
    await licenceInput.setInputFiles({ name: '营业执照副本.pdf', mimeType: 'application/pdf', buffer: PDF });
    const licenceId = ((await (await uploaded).json()) as { id: string }).id;
    await page.getByRole('button', { name: '营业执照副本.pdf - 打开营业执照' }).waitFor();
    await page.getByText('请上传营业执照', { exact: true }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.waitForURL('**/enterprise/profile');
    await page.getByText('企业信息正在审核').waitFor();
    await page.getByText('小型企业').first().waitFor();
    const me = await w.t.request('GET', '/api/v1/me', { token: user.token });
    expect(me.body.memberships).toEqual([expect.objectContaining({ organizationName: name, role: 'owner', profiles: ['enterprise'] })]);
    founded = me.body.memberships[0].organizationId;
    expect((await ok(w.t.request('GET', `/api/v1/enterprises/${founded}`, { token: user.token }))).businessLicenceFileId).toBe(licenceId);
    // the licence is on the profile, and opens (downloaded through the API)
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '营业执照' }).click();
    expect((await download).suggestedFilename()).toBe('营业执照.pdf');
    await page.mouse.move(0, 0); // not hovering the link (its hover colour is lighter) when axe looks
    // the members list shows the owner
    await page.getByRole('cell', { name: user.email }).waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-profile');
  });

  it('shows the rejection reason and resubmits with a replaced licence; a new licence sends a verified enterprise back to review; owners add and remove members', async () => {
    const county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    await post(county.token, `/api/v1/admin/enterprises/${founded}/verification`, { decision: 'reject', reason: '营业执照照片不清晰' });
    const { page } = await s.newPage();
    await signIn(page, founder, '/enterprise/profile');
    await page.getByText('企业信息审核未通过').waitFor();
    await page.getByText('营业执照照片不清晰').waitFor();
    const before = (await ok(w.t.request('GET', `/api/v1/enterprises/${founded}`, { token: founder.token }))).businessLicenceFileId as string;
    // the current licence is shown beside the resubmission; a clearer one replaces it
    await page.getByRole('button', { name: '当前文件 - 打开营业执照' }).waitFor();
    await expectNoAxe(page);
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST');
    await page.locator('input[type="file"]').setInputFiles({ name: '营业执照清晰版.pdf', mimeType: 'application/pdf', buffer: PDF });
    const clearer = ((await (await uploaded).json()) as { id: string }).id;
    await page.getByRole('button', { name: '营业执照清晰版.pdf - 打开营业执照' }).waitFor();
    await page.getByRole('button', { name: '重新提交审核' }).click();
    await page.getByText('已重新提交审核').waitFor();
    await page.getByText('企业信息正在审核').waitFor();
    const again = await ok(w.t.request('GET', `/api/v1/enterprises/${founded}`, { token: founder.token }));
    expect(again).toMatchObject({ status: 'pending', businessLicenceFileId: clearer });
    expect(clearer).not.toBe(before);

    // verified against that licence; replacing it sends the enterprise back to review, as the form says
    await post(county.token, `/api/v1/admin/enterprises/${founded}/verification`, { decision: 'approve' });
    await page.reload();
    await page.getByText('已认证', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '修改信息' }).click();
    await page.getByText('更换营业执照后，企业需重新审核').waitFor();
    const replaced = page.waitForResponse((r) => r.url().endsWith('/api/v1/files') && r.request().method() === 'POST');
    await page.locator('input[type="file"]').setInputFiles({ name: '新营业执照.png', mimeType: 'image/png', buffer: PNG });
    const newest = ((await (await replaced).json()) as { id: string }).id;
    expect(newest).toMatch(UUID);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('企业信息正在审核').waitFor();
    expect(await ok(w.t.request('GET', `/api/v1/enterprises/${founded}`, { token: founder.token }))).toMatchObject({ status: 'pending', businessLicenceFileId: newest });

    const colleague = await registerAndLogin(w.t, { displayName: '赵六' });
    const addButton = page.locator('form').filter({ has: page.getByLabel('邮箱') }).locator('button[type="submit"]');
    await page.getByLabel('邮箱').fill('nobody-here@example.com');
    await addButton.click();
    await page.getByText('没有账号使用这个邮箱').waitFor(); // explained, with what to do
    await page.getByLabel('邮箱').fill(colleague.email);
    await addButton.click();
    await page.getByRole('cell', { name: colleague.email }).waitFor();
    await expectNoAxe(page);
    await page.getByRole('button', { name: '移除成员 赵六' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK|确认/ }).click();
    await page.getByRole('cell', { name: colleague.email }).waitFor({ state: 'detached' });
  });

  it('shows the wallet: available, held, redeemed and the expiry per grant', async () => {
    const page = await buyerPage('/enterprise/wallet');
    const row = page.locator('tr', { hasText: '¥5,000.00' }).first();
    await row.waitFor();
    expect(await row.innerText()).toContain('至 2026-12-31');
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-wallet');
  });

  it('explains why an application is refused (each failing eligibility rule)', async () => {
    const page = await buyerPage('/enterprise/programs');
    await page.getByRole('button', { name: '申请 2026年科技型中小企业专项创新券' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用途说明').fill('新产品面料检测');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    await dialog.getByText('企业不符合该项目的申报条件').waitFor();
    expect(await dialog.getByTestId('eligibility-reasons').innerText()).toContain('科技型中小企业');
    await expectNoAxe(page);
    await dialog.getByRole('button', { name: '取消' }).click();
    await screenshot(page, 'enterprise-programs');
    expect(techSmeProgram).toBeDefined();
  });

  it('requests a service, compares quotes, accepts after seeing the subsidy and own share, and gets the offline payment instructions', async () => {
    const page = await buyerPage(`/enterprise/orders/new?offering=${w.quoteOfferingId}`);
    await page.getByLabel('需求说明').fill('涤纶混纺面料的成分与色牢度检测，共 3 个样品');
    await page.getByRole('button', { name: '提交需求' }).click();
    await page.getByText('等待服务机构报价').waitFor();
    const orderId = /\/enterprise\/orders\/([0-9a-f-]{36})/.exec(page.url())![1];
    // a second request, at the fixed price, to compare with
    const direct = await post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId, requirements: '标准套餐' });
    // the provider quotes ¥2,000.00 (through the API)
    await post(w.provider.owner.token, `/api/v1/orders/${orderId}/quote`, { priceFen: 200_000, scope: '成分分析与色牢度检测，出具 CMA 报告', leadTimeDays: 10, validUntil: '2026-03-31' });

    await page.goto('/enterprise/orders');
    await page.getByRole('checkbox', { name: /选择订单 .* 进行比较/ }).first().waitFor();
    for (const box of await page.getByRole('checkbox', { name: /选择订单 .* 进行比较/ }).all()) await box.check();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-orders');
    await page.getByRole('button', { name: /比较所选报价/ }).click();
    await page.getByRole('heading', { name: '报价比较' }).waitFor();
    // each order loads on its own: wait for both cards before reading them
    await page.locator('.compare-grid > *').nth(1).waitFor();
    expect(await page.locator('.compare-grid > *').count()).toBe(2);
    const grid = await page.locator('.compare-grid').innerText();
    expect(grid).toContain('¥2,000.00');
    expect(grid).toContain('¥1,000.00');
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-compare');
    expect(direct.status).toBe('quoted');

    await page.goto(`/enterprise/orders/${orderId}`);
    const accept = page.locator('.accept-card');
    await accept.locator('.subsidy-summary').waitFor();
    // price ¥2,000, 50% subsidy ¥1,000, own share ¥1,000
    const summary = await accept.locator('.subsidy-summary').innerText();
    expect(summary).toMatch(/合同价格\s*¥2,000\.00/);
    expect(summary).toMatch(/创新券补贴\s*¥1,000\.00/);
    expect(summary).toMatch(/企业自付\s*¥1,000\.00/);
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-order-quoted');
    await accept.getByRole('button', { name: '接受报价并签约' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: '银行转账（线下）' }).click();
    const instructions = page.getByTestId('offline-instructions');
    await instructions.waitFor();
    const text = await instructions.innerText();
    expect(text).toContain('¥1,000.00');
    const order = await ok(w.t.request('GET', `/api/v1/orders/${orderId}`, { token: w.buyer.token }));
    expect(order.status).toBe('contracted');
    expect(order.payments[0].method).toBe('offline');
    expect(text).toContain(order.payments[0].reference);
    // risk flags are for staff: never in this portal
    expect(await page.locator('body').innerText()).not.toMatch(/risk|风险/i);
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-order');
  });

  it('accepts the delivery and reviews the order', async () => {
    const orderId = await orderUntil(w, enterpriseId, 'started', { grantId });
    await post(w.provider.owner.token, `/api/v1/orders/${orderId}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token), note: '检测完成，报告见附件' });
    const page = await buyerPage(`/enterprise/orders/${orderId}`);
    await page.getByText('验收交付成果').waitFor();
    await page.getByRole('button', { name: '下载交付报告' }).waitFor();
    await expectNoAxe(page);
    await page.getByRole('button', { name: '确认验收' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
    await page.getByText('订单已完成').waitFor();
    await page.getByLabel('评价').fill('报告专业，周期比预期短。');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价！').waitFor();
    const order = await ok(w.t.request('GET', `/api/v1/orders/${orderId}`, { token: w.buyer.token }));
    expect(order.status).toBe('completed');
    expect(order.history.map((h: { action: string }) => h.action)).toContain('reviewed');
    // the thread: a message with a file (uploadFile), downloaded again (openFile)
    await page.getByLabel('写留言').fill('谢谢，已收到报告。附上我方的验收单。');
    await page.locator('input[type="file"]').setInputFiles({ name: '验收单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await page.getByText('验收单.pdf').waitFor();
    await page.getByRole('button', { name: '发送' }).click();
    const message = page.locator('.order-messages .ant-list-item', { hasText: '附上我方的验收单' });
    await message.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), message.getByRole('button', { name: '附件 1' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^附件-/);
    expect((await ok(w.t.request('GET', `/api/v1/orders/${orderId}/messages`, { token: w.provider.owner.token }))).items.at(-1).fileIds).toHaveLength(1);
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-order-completed');
  });

  it('disputes a delivery with a reason', async () => {
    const orderId = await orderUntil(w, enterpriseId, 'started', { grantId });
    await post(w.provider.owner.token, `/api/v1/orders/${orderId}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token), note: '见报告' });
    const page = await buyerPage(`/enterprise/orders/${orderId}`);
    await page.getByRole('button', { name: '提出异议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.getByText('请填写异议理由').waitFor(); // a reason is required
    await dialog.getByLabel('异议理由').fill('报告缺少色牢度检测项目');
    await dialog.getByRole('button', { name: '提交' }).click();
    await page.getByText('您已提出异议，科技局正在处理。').waitFor();
    await page.getByText('报告缺少色牢度检测项目').first().waitFor();
    expect((await ok(w.t.request('GET', `/api/v1/orders/${orderId}`, { token: w.buyer.token }))).status).toBe('disputed');
    await expectNoAxe(page);
  });

  it('shows the new amounts when the subsidy changed before accepting (409 SUBSIDY_CHANGED)', async () => {
    // a fresh enterprise whose voucher has ¥1,200 left: the ¥2,000 quote is subsidised ¥1,000
    const owner = await registerAndLogin(w.t, { displayName: '钱七' });
    const [ent] = await seedEnterprises(w.t, 1, owner.userId);
    const buyer = w.buyer;
    w.buyer = owner;
    let rfq: { id: string };
    try {
      await grant(w, ent, 120_000);
      rfq = await post(owner.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId: ent, requirements: '定制检测' });
      await post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 200_000, scope: '定制方案', leadTimeDays: 5, validUntil: '2026-03-31' });
      const page = (await s.newPage()).page;
      await signIn(page, owner, `/enterprise/orders/${rfq.id}`);
      const accept = page.locator('.accept-card');
      await accept.locator('.subsidy-summary').waitFor();
      expect(await accept.locator('.subsidy-summary').innerText()).toMatch(/创新券补贴\s*¥1,000\.00/);
      // meanwhile a colleague contracts a ¥1,000 order: ¥500 of the voucher is held, ¥700 is left
      await orderUntil(w, ent, 'contracted');
      await accept.getByRole('button', { name: '接受报价并签约' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
      await page.getByTestId('action-problem').getByText('补贴金额或报价发生了变化').waitFor();
      // the preview now shows what holds: ¥700 subsidy, ¥1,300 own share, and why
      await accept.locator('.subsidy-summary').getByText('¥1,300.00').first().waitFor();
      const summary = await accept.locator('.subsidy-summary').innerText();
      expect(summary).toMatch(/创新券补贴\s*¥700\.00/);
      expect(summary).toContain('补贴受创新券可用余额限制');
      await expectNoAxe(page);
      await screenshot(page, 'enterprise-subsidy-changed');
      // accepting again takes the new amounts
      await accept.getByRole('button', { name: '接受报价并签约' }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
      await page.getByRole('button', { name: '银行转账（线下）' }).waitFor();
      expect((await ok(w.t.request('GET', `/api/v1/orders/${rfq.id}`, { token: owner.token }))).contract.subsidyFen).toBe(70_000);
    } finally {
      w.buyer = buyer;
    }
  });

  it('switches between the enterprises of a user, and remembers the choice', async () => {
    const owner = await registerAndLogin(w.t, { displayName: '孙八' });
    const ents = await seedEnterprises(w.t, 2, owner.userId);
    const buyer = w.buyer;
    w.buyer = owner;
    try {
      await grant(w, ents[0], 100_000);
      await grant(w, ents[1], 200_000);
    } finally {
      w.buyer = buyer;
    }
    const names: { id: string; name: string }[] = await w.t.app.get(DataSource).query('SELECT id, name FROM organization WHERE id = ANY($1)', [ents]);
    const { page } = await s.newPage();
    await signIn(page, owner, '/enterprise/wallet');
    const switcher = page.getByRole('combobox', { name: '切换企业' });
    for (const target of [ents[1], ents[0]]) {
      const name = names.find((n) => n.id === target)!.name;
      await switcher.click();
      await page.locator(`.ant-select-item-option[title="${name}"]`).click();
      await page.locator('tr', { hasText: target === ents[1] ? '¥2,000.00' : '¥1,000.00' }).first().waitFor();
    }
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await expectNoAxe(page);
    await page.reload();
    await page.locator('tr', { hasText: '¥1,000.00' }).first().waitFor(); // the last choice, remembered
    expect(await page.locator('tr', { hasText: '¥2,000.00' }).count()).toBe(0);
  });

  it('has no sideways scrolling at 375 px on the main pages', async () => {
    const orders = await ok(w.t.request('GET', '/api/v1/orders?as=buyer', { token: w.buyer.token }));
    const paths = [
      '/enterprise',
      '/enterprise/orders',
      ...orders.items.slice(0, 3).map((o: { id: string }) => `/enterprise/orders/${o.id}`),
      `/enterprise/orders/compare?ids=${orders.items.slice(0, 3).map((o: { id: string }) => o.id).join(',')}`,
      `/enterprise/orders/new?offering=${w.quoteOfferingId}`,
      '/enterprise/wallet',
      '/enterprise/programs',
      '/enterprise/profile',
      '/enterprise/claims',
    ];
    const page = await buyerPage('/enterprise', 375);
    for (const p of paths) {
      await page.goto(p);
      await page.locator('.enterprise-nav').waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path: p, overflow: await horizontalOverflow(page) }).toEqual({ path: p, overflow: 0 });
    }
    await page.goto('/enterprise/wallet');
    await page.locator('tr', { hasText: '¥5,000.00' }).first().waitFor();
    await screenshot(page, 'enterprise-wallet-375');
  });

  it('shows the overview, and speaks English when the user chose it', async () => {
    const page = await buyerPage('/enterprise');
    await page.getByRole('heading', { name: '概览' }).waitFor();
    const [g] = await ok(w.t.request('GET', `/api/v1/enterprises/${enterpriseId}/grants`, { token: w.buyer.token }));
    const yuan = (fen: number) => `¥${String(Math.trunc(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${String(fen % 100).padStart(2, '0')}`;
    await page.getByText(yuan(g.availableFen)).first().waitFor(); // what the holds of the contracts left
    await page.getByText(yuan(g.heldFen)).first().waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-overview');

    const { context, page: en } = await s.newPage();
    await context.addInitScript((userId) => localStorage.setItem(`innoserve.lang.${userId}`, 'en-US'), w.buyer.userId);
    await signIn(en, w.buyer, '/enterprise/wallet');
    await en.getByRole('heading', { name: 'My vouchers' }).waitFor();
    await en.locator('tr', { hasText: '¥5,000.00' }).first().waitFor();
    const orders = await ok(w.t.request('GET', '/api/v1/orders?as=buyer', { token: w.buyer.token }));
    for (const path of ['/enterprise', '/enterprise/wallet', '/enterprise/programs', '/enterprise/orders', `/enterprise/orders/${orders.items[0].id}`, '/enterprise/profile', '/enterprise/claims']) {
      await en.goto(path);
      await en.locator('.enterprise-nav').getByText('Voucher programs').waitFor();
      await en.waitForLoadState('networkidle');
      const text = await en.locator('.app-content').innerText();
      // no untranslated key (namespace.key) and no Chinese UI label left (data keeps its Chinese names)
      expect({ path, keys: text.match(/\b(?:nav|orders|order|next|pay|wallet|programs|claims|fields|profile|members|overview|compare|status|history|subsidy|settlement|timeline|messages)\.[a-zA-Z_]+/g) }).toEqual({ path, keys: null });
      for (const zh of ['概览', '我的创新券', '补贴申领', '企业信息', '结算方式', '创新券补贴']) expect({ path, zh, found: text.includes(zh) }).toEqual({ path, zh, found: false });
    }
  });

  it('claims the subsidy under 通用, and revises a returned claim', async () => {
    // another enterprise, in a program settled by reimbursement (通用): it pays in full, then claims
    const owner = await registerAndLogin(w.t, { displayName: '王五' });
    const [reimbursed] = await seedEnterprises(w.t, 1, owner.userId);
    const program = await openProgram(w.t, w.officer, { name: '2026年通用结算创新券', settlementMode: 'enterprise_reimbursed' });
    const buyer = w.buyer;
    w.buyer = owner; // the world's helpers act as w.buyer
    let orderId: string;
    try {
      const grantId = await grant(w, reimbursed, 300_000, program);
      orderId = await orderUntil(w, reimbursed, 'completed', { grantId });
    } finally {
      w.buyer = buyer;
    }
    const fapiao = await fapiaoOf(w, reimbursed, '26352000000012345678', '2026-03-10');
    delete fapiao.code; // a 全电发票: 20 digits, no code

    const { page } = await s.newPage();
    await signIn(page, owner, `/enterprise/orders/${orderId}`);
    await page.getByText('本订单按通用方式结算').waitFor();
    await page.getByRole('link', { name: '申请补贴报销' }).click();
    await page.getByRole('heading', { name: '申请补贴报销' }).waitFor();
    expect(await page.getByLabel('价税合计（元）').inputValue()).toBe('1000.00');
    await page.getByLabel('发票号码').fill('1234');
    await page.getByLabel('开票日期').fill('2026-03-10');
    await page.getByLabel('销售方纳税人识别号').fill(String(fapiao.sellerTaxId));
    await page.getByRole('button', { name: '提交申领' }).click();
    await page.getByText('全电发票号码为 20 位数字').waitFor(); // checked on the client, as the API would
    await page.getByLabel('发票号码').fill(String(fapiao.number));
    // a fapiao that does not match the contract: the API's 422 goes next to the field …
    await page.getByLabel('价税合计（元）').fill('999.99');
    await page.getByRole('button', { name: '提交申领' }).click();
    await page.locator('.ant-form-item-has-error').filter({ has: page.getByLabel('价税合计（元）') }).waitFor();
    expect(page.url()).toMatch(/\/enterprise\/claims\/new/);
    // … and the corrected form is a new request (not refused as a reused Idempotency-Key)
    await page.getByLabel('价税合计（元）').fill('1,000.00');
    await page.getByRole('button', { name: '提交申领' }).click();
    await page.waitForURL(/\/enterprise\/claims\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\n${await page.locator('.app-content').innerText()}`);
    });
    await page.getByText('审核中').first().waitFor();
    await page.getByText('¥500.00').first().waitFor();
    const claimId = page.url().split('/').pop()!;
    await page.getByRole('button', { name: '下载合同（PDF）' }).waitFor(); // the evidence the platform attached
    await page.getByRole('button', { name: '下载交付报告' }).waitFor();
    // risk flags are for staff only
    expect(await page.locator('body').innerText()).not.toMatch(/风险|risk/i);
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-claim');

    const county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]);
    await post(county.token, `/api/v1/admin/claims/${claimId}/decision`, { decision: 'return', reason: '请补充付款凭证的银行回单' });
    await page.reload();
    await page.getByText('请补充付款凭证的银行回单').waitFor();
    await expectNoAxe(page);
    await page.getByRole('button', { name: '保存并重新提交' }).click();
    await page.getByText('已重新提交').waitFor();
    await page.getByText('审核中').first().waitFor();
    expect((await ok(w.t.request('GET', `/api/v1/claims/${claimId}`, { token: owner.token }))).status).toBe('in_review');

    await page.goto('/enterprise/claims');
    await page.getByRole('link', { name: /^BT/ }).first().waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-claims');
  });

  // last: it moves the clock past the quote's validity
  it('explains a quote that expired meanwhile (409), instead of a blank page', async () => {
    const rfq = await post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId, requirements: '定制检测' });
    await post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 80_000, scope: '定制方案', leadTimeDays: 3, validUntil: '2026-03-11' });
    const page = await buyerPage(`/enterprise/orders/${rfq.id}`);
    const accept = page.locator('.accept-card');
    await accept.locator('.subsidy-summary').waitFor();
    await advanceDays(w, 3); // the quote lapses while the page is open
    await accept.getByRole('button', { name: '接受报价并签约' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认' }).click();
    const problem = page.getByTestId('action-problem');
    await problem.getByRole('alert').waitFor();
    expect(await problem.innerText()).toContain('报价已过期');
    expect(await problem.innerText()).toContain('请在下方留言请服务机构重新报价');
    await page.getByRole('heading', { name: '纺织品定制检测方案' }).waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'enterprise-quote-expired');
  });
});
