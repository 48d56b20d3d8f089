/**
 * The console's programs area in a real browser (issue #14, "Programs", "Disbursement", "Sanctions
 * and the organization's history"): a program officer creates a draft program through the form (a
 * share sum other than 10,000 bp for a region is refused before anything is sent), funds it and
 * opens it; the ledger explorer pages and filters by account; a finance officer builds a batch,
 * downloads the bank file as XLSX (a real zip) and CSV, is refused marking his own batch paid
 * (four eyes, explained), and a second finance officer marks it paid with the bank reference and
 * date; a sanction is imposed with its reason and period (the reason required first) and shows on
 * the organization's file; staff whose role or jurisdiction does not allow it get the 404 page.
 * axe on each page; no sideways scrolling at 375 px. The world: libs/orders/test/order-world.ts.
 */
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { createStaffAndLogin, type AuthSession } from '../support/auth.js';
import { fapiaoOf, grant, ok, orderUntil, startWorld, verifiedBankAccount, type World } from '../../libs/orders/test/order-world.js';
import { JINJIANG, NANAN } from '../../libs/vouchers/test/program-support.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, pick, signedInPage, expectNoAxe } from './support.js';

const NOT_FOUND = '页面不存在，或您无权查看。';

describeBrowser('console: programs, disbursement and sanctions (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let county: AuthSession;
  let city: AuthSession;
  let finance1: AuthSession;
  let finance2: AuthSession;
  let nananOfficer: AuthSession;
  let programName: string;
  let providerName: string;
  let batchId: string;

  const get = <T = any>(token: string, url: string) => ok<T>(w.t.request('GET', url, { token }));  
  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));

  async function approvedClaim(enterpriseId: string, number: string): Promise<string> {
    const orderId = await orderUntil(w, enterpriseId, 'completed', { requirements: '检测' });
    const claim = await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: await fapiaoOf(w, enterpriseId, number) });
    await post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    await post(city.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    return claim.id;
  }

  beforeAll(async () => {
    w = await startWorld({ enterprises: 2, env: { LOG_LEVEL: 'error' } });
    s = await browserOn(w.t);
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }], { displayName: '财务甲' });
    finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }], { displayName: '财务乙' });
    nananOfficer = await createStaffAndLogin(w.t, [{ role: 'program_officer', regionCodes: [NANAN] }]);
    providerName = (await verifiedBankAccount(w, w.provider.id)).accountName;
    programName = (await get<{ name: string }>(w.officer.token, `/api/v1/programs/${w.programId}`)).name;
    await grant(w, w.enterprises[0], 300_000);
    await approvedClaim(w.enterprises[0], '41000001');
    await approvedClaim(w.enterprises[0], '41000002');
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const signedIn = (who: { email: string; password: string }, next: string, opts: { width?: number } = {}): Promise<Page> => signedInPage(s, who, next, { ...opts, now: w.clock.now() });

  async function fitsPhone(who: AuthSession, path: string, ready: (p: Page) => Promise<unknown>): Promise<void> {
    const page = await signedIn(who, path, { width: 375 });
    await ready(page);
    if ((await horizontalOverflow(page)) > 0) {
      console.log(path, await page.evaluate(() => [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 376).slice(0, 12).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)));
    }
    expect(await horizontalOverflow(page)).toBe(0);
    await expectNoAxe(page);
    await page.close();
  }

  const programCount = async () => (await get<{ total: number }>(w.officer.token, '/api/v1/admin/programs?pageSize=1')).total;

  it('creates a draft program through the form (a share sum other than 10,000 is refused on the client), funds it and opens it', async () => {
    const page = await signedIn(w.officer, '/admin/programs');
    await page.getByRole('heading', { name: '创新券项目' }).waitFor();
    await page.getByRole('link', { name: programName }).waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-programs');

    await page.getByRole('button', { name: '新建项目' }).click();
    await page.waitForURL('**/admin/programs/new');
    await page.getByRole('heading', { name: '新建创新券项目' }).waitFor();
    const before = await programCount();
    const name = `2026年晋江市浏览器测试创新券${Date.now() % 100000}`;
    await page.getByLabel('项目名称').fill(name);
    await pick(page, '可申报地区', '晋江');
    // the live share check now names Jinjiang (and no longer "any other region")
    const shareCheck = page.getByRole('region', { name: '份额核对（每个地区须合计 10000 基点）' });
    await shareCheck.getByRole('cell', { name: '晋江市', exact: true }).waitFor();
    expect(await shareCheck.getByRole('cell', { name: '其他地区', exact: true }).count()).toBe(0);
    await page.getByLabel('资金来源 1：名称').fill('泉州市科技局');
    await page.getByRole('button', { name: '添加资金来源' }).click();
    await page.getByLabel('资金来源 2：代码').fill('jinjiang');
    await page.getByLabel('资金来源 2：名称').fill('晋江市科技局');
    await pick(page, '资金来源 2：适用地区', '晋江');
    await page.getByLabel('资金来源 2：份额（基点）').fill('5000');
    await shareCheck.getByRole('cell', { name: '15000 bp' }).waitFor();
    // the subsidy rule on the category tree
    await page.getByLabel('补贴规则 1：服务类别', { exact: true }).click();
    await page.keyboard.type('纺织');
    await page.locator('.ant-select-tree-title:visible', { hasText: '纺织服装检测' }).first().click();
    await page.getByLabel('补贴规则 1：补贴比例（基点）').fill('5000');
    await page.getByLabel('补贴规则 1：单笔上限（元）').fill('20000');
    await page.getByLabel('单个企业最高申领额（元）').fill('50000');
    await page.getByLabel('企业年度上限（元）', { exact: true }).fill('100000');

    // city 10,000 + Jinjiang 5,000 = 15,000 bp for Jinjiang: refused before sending
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.getByText(/资金份额不正确：晋江市 适用的份额合计为 15000 基点，应为 10000/).waitFor();
    expect(await programCount()).toBe(before);
    expect(page.url()).toContain('/admin/programs/new');
    await expectNoAxe(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'admin-program-form');

    await page.getByLabel('资金来源 1：份额（基点）').fill('5000');
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForURL(/\/admin\/programs\/[0-9a-f-]{36}$/, { timeout: 30_000 }).catch(async (e: unknown) => {
      // what held the form back, for the log
      console.log(await page.locator('.ant-form-item-explain-error, [role="alert"]').allInnerTexts());
      throw e;
    });
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { name }).waitFor();
    await page.getByText('草稿', { exact: true }).first().waitFor();
    const created = await get(w.officer.token, `/api/v1/programs/${id}`);
    expect(created).toMatchObject({
      name,
      status: 'draft',
      issuingRegionCode: '350500',
      fundingSources: [
        { key: 'city', name: '泉州市科技局', regionCode: null, shareBp: 5000 },
        { key: 'jinjiang', name: '晋江市科技局', regionCode: JINJIANG, shareBp: 5000 },
      ],
      eligibility: { regionCodes: [JINJIANG] },
      subsidyRules: [{ ratioBp: 5000, perOrderCapFen: 2_000_000 }],
      maxGrantFen: 5_000_000,
      enterpriseAnnualCapFen: 10_000_000,
    });

    // edit the draft: the form comes back filled in; the PATCH keeps what was not touched
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await page.waitForURL(`**/admin/programs/${id}/edit`);
    await page.getByRole('heading', { name: '编辑项目草稿' }).waitFor();
    expect(await page.getByLabel('资金来源 2：份额（基点）').inputValue()).toBe('5000');
    expect(await page.getByLabel('单个企业最高申领额（元）').inputValue()).toBe('50000.00');
    await page.getByLabel('单个企业最高申领额（元）').fill('60000');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL((u) => u.pathname === `/admin/programs/${id}`);
    await page.getByText('¥60,000.00').first().waitFor();
    expect(await get(w.officer.token, `/api/v1/programs/${id}`)).toMatchObject({ maxGrantFen: 6_000_000, fundingSources: created.fundingSources, subsidyRules: created.subsidyRules });

    // fund the city source with ¥100,000.50 (yuan → fen without floating point)
    await page.getByRole('button', { name: '注入资金' }).click();
    const fund = page.getByRole('dialog');
    await fund.getByLabel('金额（元）').fill('100,000.50');
    await fund.getByRole('button', { name: '注入', exact: true }).click();
    await fund.waitFor({ state: 'hidden' });
    await page.locator('#balances-title ~ *').getByText('¥100,000.50').first().waitFor();
    const balances = await get<{ sourceKey: string; budgetFen: number; availableFen: number }[]>(w.officer.token, `/api/v1/admin/programs/${id}/balances`);
    expect(balances.find((b) => b.sourceKey === 'city')).toMatchObject({ budgetFen: 10_000_050, availableFen: 10_000_050 });

    // open it, confirmed first
    await page.getByRole('button', { name: '开放申报' }).click();
    await page.getByText('开放后资金来源、份额和补贴规则将冻结').waitFor();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '开放申报' }).click();
    await page.getByText('申报中', { exact: true }).first().waitFor();
    expect((await get(w.officer.token, `/api/v1/programs/${id}`)).status).toBe('open');
    // no longer a draft: no edit, no open; close is offered
    expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
    await expectNoAxe(page);

    // close, then archive (nothing held or payable: settled), each confirmed
    await page.getByRole('button', { name: '截止申报' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '截止申报' }).click();
    await page.getByText('已截止', { exact: true }).first().waitFor();
    await page.getByRole('button', { name: '归档' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '归档' }).click();
    await page.getByText('已归档', { exact: true }).first().waitFor();
    expect((await get(w.officer.token, `/api/v1/programs/${id}`)).status).toBe('archived');
    // archived: nothing more to do
    expect(await page.getByRole('button', { name: '注入资金' }).count()).toBe(0);
  });

  it('explores the ledger: pages in the URL, filters by account, links to what an entry concerns', async () => {
    const all = await get<{ total: number; items: { account: string }[] }>(w.officer.token, `/api/v1/admin/programs/${w.programId}/ledger?pageSize=20`);
    expect(all.total).toBeGreaterThan(20);
    const page = await signedIn(finance1, `/admin/programs/${w.programId}`);
    await page.getByRole('heading', { name: '账本明细' }).waitFor();
    const ledger = page.locator('section[aria-labelledby="ledger-title"]');
    const rows = ledger.locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(20);
    const firstTx = await rows.first().locator('td').nth(5).innerText();
    // the entries concern orders and claims: links to them
    await ledger.getByRole('link', { name: /^兑付申请 / }).first().waitFor();
    await ledger.getByRole('link', { name: /^订单 / }).first().waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-ledger');

    await ledger.locator('.ant-pagination-item-2').click();
    await page.waitForURL(/[?&]page=2/);
    await ledger.locator('.ant-pagination-item-2.ant-pagination-item-active').waitFor();
    await page.waitForFunction((first) => document.querySelector('section[aria-labelledby="ledger-title"] tbody tr.ant-table-row td:nth-child(6)')?.textContent !== first, firstTx);
    expect(await rows.count()).toBe(Math.min(20, all.total - 20));

    // one account: click it in a row
    const account = await rows.first().locator('td:nth-child(3) code').innerText();
    await ledger.getByRole('button', { name: `只看账户 ${account}`, exact: true }).first().click();
    await page.waitForURL((u) => u.searchParams.get('account') === account);
    expect(page.url()).not.toMatch(/[?&]page=2/);
    const one = await get<{ total: number }>(finance1.token, `/api/v1/admin/programs/${w.programId}/ledger?account=${encodeURIComponent(account)}`);
    expect(one.total).toBeLessThan(all.total);
    await ledger.getByText(`共 ${one.total} 项`).waitFor();
    expect([...new Set(await rows.locator('td:nth-child(3) code').allInnerTexts())]).toEqual([account]);
    expect(await rows.count()).toBe(Math.min(20, one.total));
    await page.close();
  });

  it('builds a batch, downloads it as XLSX and CSV; its builder may not mark it paid, a second finance officer does', async () => {
    const page = await signedIn(finance1, '/admin/disbursements');
    await page.getByRole('heading', { name: '资金拨付' }).waitFor();
    await page.getByText('暂无拨付批次').waitFor();
    await page.getByRole('button', { name: '生成拨付批次' }).click();
    const dialog = page.getByRole('dialog');
    await pick(page, '项目', programName.slice(0, 6), programName);
    await pick(page, '资金来源', 'city', '泉州市科技局');
    await dialog.getByRole('button', { name: '生成', exact: true }).click();
    await page.waitForURL(/\/admin\/disbursements\/[0-9a-f-]{36}$/);
    batchId = page.url().split('/').pop()!;
    await page.getByText('待付款', { exact: true }).first().waitFor();
    const lines = page.locator('section[aria-labelledby="lines-title"] tbody tr.ant-table-row');
    await lines.nth(1).waitFor();
    expect(await lines.count()).toBe(2);
    await lines.first().getByText(providerName).waitFor();
    await lines.first().getByText('1408012345678901234').waitFor();
    await page.getByTestId('four-eyes-note').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-batch');

    // the bank file, as the browser saves it
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const xbytes = readFileSync((await xlsx.path()));
    expect(xbytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const cbytes = readFileSync((await csv.path()));
    expect([...cbytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(cbytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe('序号,收款人户名,收款账号,开户行,联行号,金额(元),金额(分),附言');

    // four eyes: the builder is refused, in words
    await page.getByRole('button', { name: '确认已付款' }).click();
    const paid1 = page.getByRole('dialog');
    await paid1.getByLabel('银行流水号').fill('ICBC20260310000123');
    await paid1.getByRole('button', { name: '确认付款', exact: true }).click();
    await paid1.getByText('这个批次是您生成的。按四眼原则，付款须由生成人以外的另一位财务人员确认').waitFor();
    expect((await get(finance1.token, `/api/v1/admin/disbursements/${batchId}`)).status).toBe('open');
    await page.close();

    const page2 = await signedIn(finance2, `/admin/disbursements/${batchId}`);
    await page2.getByText('待付款', { exact: true }).first().waitFor();
    expect(await page2.getByTestId('four-eyes-note').count()).toBe(0);
    await page2.getByRole('button', { name: '确认已付款' }).click();
    const paid2 = page2.getByRole('dialog');
    await paid2.getByLabel('银行流水号').fill('ICBC20260310000123');
    await paid2.getByLabel('付款日期').fill('2026-03-10');
    await paid2.getByRole('button', { name: '确认付款', exact: true }).click();
    await paid2.waitFor({ state: 'hidden' });
    await page2.getByText('已付款', { exact: true }).first().waitFor();
    await page2.getByTestId('bank-reference').getByText('ICBC20260310000123').waitFor();
    const batch = await get(finance1.token, `/api/v1/admin/disbursements/${batchId}`);
    expect(batch).toMatchObject({ status: 'paid', bankReference: 'ICBC20260310000123', paidOn: '2026-03-10', paidBy: finance2.userId, paidFen: 50_000 });
    await expectNoAxe(page2);
    // the payee's file: its profile and sanctions; its history is for program officers and auditors
    await page2.locator('section[aria-labelledby="lines-title"]').getByRole('link', { name: providerName }).first().click();
    await page2.getByRole('heading', { name: providerName }).waitFor();
    await page2.getByText('没有处罚记录').waitFor();
    expect(await page2.getByRole('heading', { name: '档案变更记录' }).count()).toBe(0);
    await expectNoAxe(page2);
    // the list shows it paid
    await page2.goto('/admin/disbursements?status=paid');
    await page2.getByRole('link', { name: batch.batchNo }).waitFor();
    await expectNoAxe(page2);
    await page2.close();
    await fitsPhone(finance2, `/admin/disbursements/${batchId}`, (p) => p.getByText('已付款', { exact: true }).first().waitFor());
  });

  it('imposes a sanction with its reason and period (the reason required first), shown in the list and on the organization\'s file', async () => {
    const orgId = w.enterprises[1];
    const [{ name: orgName }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [orgId]);
    const page = await signedIn(w.officer, `/admin/organizations/${orgId}`);
    await page.getByRole('heading', { name: orgName }).waitFor();
    await page.getByText('没有处罚记录').waitFor();
    await page.getByRole('button', { name: '实施处罚' }).click();
    await page.waitForURL(`**/admin/sanctions/new?organizationId=${orgId}`);
    await page.getByRole('heading', { name: '实施处罚' }).waitFor();
    await page.locator('.ant-select', { hasText: orgName }).first().waitFor();
    await page.getByLabel('黑名单期限至').fill('2029-03-09');
    await page.getByRole('button', { name: '确认处罚' }).click();
    await page.getByText('请填写处罚原因').waitFor();
    expect((await get<{ total: number }>(w.officer.token, `/api/v1/admin/sanctions?organizationId=${orgId}`)).total).toBe(0);
    await expectNoAxe(page);

    // the picker searches the server (q), each organization labelled with its kinds: another
    // enterprise is no longer offered once the answer for the typed part of the name is in
    const [{ name: otherName }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [w.enterprises[0]]);
    const typed = orgName.slice(3);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/admin/enterprises' && new URL(r.url()).searchParams.get('q') === typed);
    await pick(page, '被处罚组织', typed, `${orgName}（企业）`, async () => {
      await answered;
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: otherName }).waitFor({ state: 'detached' });
    });
    await page.locator('.ant-select', { hasText: `${orgName}（企业）` }).first().waitFor();

    const reason = '伪造检测报告骗取创新券补贴（泉科监〔2026〕3号）';
    await page.getByLabel('处罚原因').fill(reason);
    await page.getByRole('button', { name: '确认处罚' }).click();
    await page.waitForURL(/\/admin\/sanctions\/[0-9a-f-]{36}$/);
    await page.getByTestId('sanction-reason').getByText(reason).waitFor();
    await page.getByText('2029-03-09').first().waitFor();
    const list = await get<{ items: { kind: string; reason: string; until: string }[] }>(w.officer.token, `/api/v1/admin/sanctions?organizationId=${orgId}`);
    expect(list.items).toEqual([expect.objectContaining({ kind: 'blacklist', reason, until: '2029-03-09' })]);
    await expectNoAxe(page);

    await page.goto('/admin/sanctions');
    await page.getByRole('heading', { name: '处罚记录' }).waitFor();
    const row = page.locator('tbody tr.ant-table-row', { hasText: orgName });
    await row.getByText('列入黑名单').waitFor();
    await row.getByText('2029-03-09').waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-sanctions');
    // the organization filter searches the server by a part of the name; the filter is kept in the address
    await pick(page, '按组织筛选', orgName.slice(3), orgName);
    await page.waitForURL((u) => u.searchParams.get('organizationId') === orgId);
    await page.locator('tbody tr.ant-table-row', { hasText: orgName }).getByText('列入黑名单').waitFor();
    // a search that matches nothing says so (the text went to the server as q)
    const searched = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/admin/enterprises' && new URL(r.url()).searchParams.get('q') === '没有这样的组织');
    await page.getByLabel('按组织筛选', { exact: true }).click();
    await page.getByLabel('按组织筛选', { exact: true }).pressSequentially('没有这样的组织');
    await searched;
    await page.getByText('没有匹配的组织').waitFor();
    await page.keyboard.press('Escape');
    // opened from its address, the filter names the organization
    await page.reload();
    await page.locator('.admin-filters .ant-select', { hasText: orgName }).first().waitFor();
    await page.locator('tbody tr.ant-table-row', { hasText: orgName }).first().waitFor();

    // the organization's file: the sanction, and its history (the audit read scoped to it)
    await page.goto(`/admin/organizations/${orgId}`);
    await page.locator('section[aria-labelledby="org-sanctions"]').getByText(reason).waitFor();
    await page.getByRole('heading', { name: '档案变更记录' }).waitFor();
    // the blacklisting is an entry of the history, its before and after as a diff
    const history = await get<{ items: { action: string }[] }>(w.officer.token, `/api/v1/admin/organizations/${orgId}/history`);
    expect(history.items.map((e) => e.action)).toContain('organization.blacklisted');
    const entry = page.locator('section[aria-labelledby="org-history"] tbody tr.ant-table-row', { hasText: 'organization.blacklisted' });
    await entry.getByRole('button', { name: /展开/ }).click();
    const changed = page.locator('section[aria-labelledby="org-history"] .ant-table-expanded-row tr', { hasText: 'blacklistedUntil' });
    await changed.getByText('2029-03-09').waitFor();
    await changed.getByText('已变更').waitFor();
    expect(await changed.locator('td').nth(1).innerText()).toBe('null');
    await expectNoAxe(page);
    await page.close();
    await fitsPhone(w.officer, '/admin/sanctions', (p) => p.locator('tbody tr.ant-table-row').first().waitFor());
  });

  it('fits a phone on the programs list and a program page', async () => {
    await fitsPhone(w.officer, '/admin/programs', (p) => p.getByRole('link', { name: programName }).waitFor());
    await fitsPhone(w.officer, `/admin/programs/${w.programId}`, (p) => p.getByRole('heading', { name: '账本明细' }).waitFor().then(() => p.locator('section[aria-labelledby="ledger-title"] tbody tr.ant-table-row').first().waitFor()));
  });

  it('is the 404 page for a role or jurisdiction that may not see it', async () => {
    const page = await signedIn(county, '/admin/programs');
    await page.getByText(NOT_FOUND).waitFor();
    expect(await page.getByRole('heading', { name: '创新券项目' }).count()).toBe(0);
    await page.goto('/admin/disbursements');
    await page.getByText(NOT_FOUND).waitFor();
    await page.goto(`/admin/disbursements/${batchId}`);
    await page.getByText(NOT_FOUND).waitFor();
    // the organization's file (reached from a claim's flags): its profile, not its sanctions or history
    const [{ name: orgName }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [w.enterprises[0]]);
    await page.goto(`/admin/organizations/${w.enterprises[0]}`);
    await page.getByRole('heading', { name: orgName }).waitFor();
    expect(await page.getByRole('heading', { name: '处罚' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: '档案变更记录' }).count()).toBe(0);
    await expectNoAxe(page);
    await page.close();
    // a county reviewer of another county: the 404 page
    const nanan = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
    const other0 = await signedIn(nanan, `/admin/organizations/${w.enterprises[0]}`);
    await other0.getByText(NOT_FOUND).waitFor();
    await other0.close();

    // a finance officer may read programs but not create one
    const finance = await signedIn(finance1, '/admin/programs/new');
    await finance.getByText(NOT_FOUND).waitFor();
    await finance.goto('/admin/programs');
    await finance.getByRole('link', { name: programName }).waitFor();
    expect(await finance.getByRole('button', { name: '新建项目' }).count()).toBe(0);
    await finance.close();

    // a program officer of Nan'an: the city's program is outside the jurisdiction
    const other = await signedIn(nananOfficer, `/admin/programs/${w.programId}`);
    await other.getByText(NOT_FOUND).waitFor();
    await other.goto('/admin/programs');
    await other.getByText('暂无项目').waitFor();
    await other.close();
  });
});
