/**
 * The console's insight pages in a real browser (issue #14, Scopes 6–8): the dashboard of a
 * program equals the ledger's balances to the fen, every chart has its table, and the report
 * downloads as a real XLSX; the public statistics page without a login (unpublished cells said so);
 * the audit log filtered by entity with an entry's diff, and the chain's verification for an
 * auditor; a super-admin creates a county reviewer who signs in and sees only their sections, and
 * for whom /admin/audit and /admin/staff are the 404 page. axe on each page; no sideways scroll at
 * 375 px. The world: libs/orders/test/order-world.ts, with claims paid, payable and in review.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { Page } from 'playwright-core';
import { AuditSealer } from '@innoserve/audit';
import { createStaffAndLogin, createSuperAdminAndLogin, loginAs, type AuthSession } from '../support/auth.js';
import { fapiaoOf, grant, ok, openProgram, orderUntil, startWorld, verifiedBankAccount, type World } from '../../libs/orders/test/order-world.js';
import { JINJIANG } from '../../libs/vouchers/test/program-support.js';
import { browserOn, describeBrowser, horizontalOverflow, screenshot, type BrowserStack, pick, signedInPage, expectNoAxe } from './support.js';

describeBrowser('console insight: dashboards, audit, staff, public statistics (Chromium)', () => {
  let w: World;
  let s: BrowserStack;
  let county: AuthSession;
  let city: AuthSession;
  let finance1: AuthSession;
  let finance2: AuthSession;
  let auditor: AuthSession;
  let superAdmin: AuthSession;
  /** a claim approved at both levels and paid; one approved (payable); one waiting at the county */
  const claims: { paid: string; payable: string; inReview: string } = { paid: '', payable: '', inReview: '' };
  let smallProgramId: string;

  const post = (token: string, url: string, body?: unknown) => ok(w.t.request('POST', url, { token, body }));
  const get = (token: string, url: string) => ok(w.t.request('GET', url, { token }));

  async function claimFor(enterpriseId: string, number: string, decide: boolean): Promise<string> {
    const orderId = await orderUntil(w, enterpriseId, 'completed', { requirements: '检测' });
    const claim = await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: await fapiaoOf(w, enterpriseId, number) });
    if (decide) {
      await post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
      await post(city.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    }
    return claim.id as string;
  }

  beforeAll(async () => {
    w = await startWorld({ enterprises: 3 });
    s = await browserOn(w.t);
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    auditor = await createStaffAndLogin(w.t, [{ role: 'auditor', regionCodes: ['350500'] }], { displayName: '市审计员' });
    superAdmin = await createSuperAdminAndLogin(w.t, { displayName: '平台管理员' });
    await verifiedBankAccount(w, w.provider.id);
    for (const e of w.enterprises) await grant(w, e, 300_000);
    claims.paid = await claimFor(w.enterprises[0], '20000001', true);
    claims.payable = await claimFor(w.enterprises[1], '20000002', true);
    claims.inReview = await claimFor(w.enterprises[2], '20000003', false);
    // the paid claim's lines: one batch per source, marked paid by another finance officer
    for (const sourceKey of ['city', 'jinjiang']) {
      const batch = await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey });
      const paidLines = batch.lines.filter((l: { claimId: string }) => l.claimId !== claims.paid).map((l: { id: string }) => l.id);
      await post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, { bankReference: `BANK-${sourceKey}`, paidOn: '2026-03-10', failedLineIds: paidLines });
    }
    // a second program with a single grantee: its money is not published
    smallProgramId = await openProgram(w.t, w.officer, { name: '2026年泉州市小额试点创新券' });
    await grant(w, w.enterprises[0], 100_000, smallProgramId);
  }, 300_000);
  afterAll(async () => {
    await s?.close();
    await w?.t.close();
  });

  const signedIn = (who: { email: string; password: string }, opts: { width?: number; next?: string } = {}): Promise<Page> => signedInPage(s, who, opts.next, { width: opts.width, now: w.clock.now() });

  const notFound = (page: Page) => page.getByText('页面不存在，或您无权查看。').waitFor();

  it('shows a program officer the ledger balances to the fen, each chart beside its table, and downloads the report as XLSX', async () => {
    const officer = await loginAs(w.t, w.officer.email, w.officer.password);
    const balances: { sourceKey: string; budgetFen: number; grantedFen: number; heldFen: number; payableFen: number; disbursedFen: number; lapsedFen: number; availableFen: number }[] = await get(officer.token, `/api/v1/admin/programs/${w.programId}/balances`);
    // the world moved money: something is held, payable and disbursed on each source
    for (const b of balances.filter((x) => x.sourceKey !== 'nanan')) {
      expect(b.heldFen).toBeGreaterThan(0);
      expect(b.payableFen).toBeGreaterThan(0);
      expect(b.disbursedFen).toBeGreaterThan(0);
    }

    const page = await signedIn(officer, { next: `/admin?program=${w.programId}` });
    await page.getByRole('heading', { name: '数据看板' }).waitFor();
    await page.getByTestId('figure-disbursed-city').waitFor();
    for (const b of balances) {
      for (const field of ['budget', 'granted', 'held', 'payable', 'disbursed', 'lapsed', 'available'] as const) {
        const figure = page.getByTestId(`figure-${field}-${b.sourceKey}`);
        expect({ source: b.sourceKey, field, fen: Number(await figure.getAttribute('data-fen')) }).toEqual({ source: b.sourceKey, field, fen: b[`${field}Fen`] });
        // the text is the same amount, formatted
        const yuan = (b[`${field}Fen`] / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
        expect(await figure.innerText()).toBe(`¥${yuan}`);
      }
    }
    // the pipeline: one claim paid, one approved, one waiting at the county level
    expect(await page.getByTestId('figure-claims-paid').innerText()).toBe('1');
    expect(await page.getByTestId('figure-claims-approved').innerText()).toBe('1');
    expect(await page.getByTestId('figure-claims-in_review-county').innerText()).toBe('1');
    expect(await page.getByTestId('figure-enterprises-served').innerText()).toBe('3');

    // every chart has its table beside it, in the same section
    for (const section of ['sources', 'counties', 'pipeline', 'review-times', 'categories', 'providers']) {
      const box = page.getByTestId(`section-${section}`);
      await box.getByTestId(`chart-${section}`).locator('canvas').first().waitFor();
      expect(await box.locator('table').count()).toBeGreaterThan(0);
      expect(await box.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    }
    await expectNoAxe(page);
    await screenshot(page, 'admin-dashboard');

    // the export downloads a real workbook with the same figures
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('section-sources').getByRole('button', { name: '导出 XLSX' }).click()]);
    const bytes = readFileSync((await download.path()));
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/^report-2026-[0-9a-f]{8}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('资金来源 Sources')!;
    const city = balances.find((b) => b.sourceKey === 'city')!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'city')!;
    expect(row.getCell(7).value).toBe(city.disbursedFen);

    // a phone: nothing scrolls sideways
    const phone = await signedIn(officer, { width: 375, next: `/admin?program=${w.programId}` });
    await phone.getByTestId('figure-disbursed-city').waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
  });

  it('opens the public statistics page without a login: the figures, unpublished cells explained, zh and en, axe clean', async () => {
    const stats: { programs: { programId: string; grantedFen: number | null; enterprisesServed: number | null }[] } = await ok(w.t.request('GET', '/api/v1/public/statistics'));
    const main = stats.programs.find((p) => p.programId === w.programId)!;
    expect(main.grantedFen).toBe(900_000);
    expect(stats.programs.find((p) => p.programId === smallProgramId)!.grantedFen).toBeNull();

    const { page } = await s.newPage();
    await page.goto('/statistics');
    await page.getByRole('heading', { name: '创新券公开统计' }).waitFor();
    const row = page.getByTestId(`statistics-program-${w.programId}`);
    await expect(row.innerText()).resolves.toContain('¥9,000.00');
    const small = page.getByTestId(`statistics-program-${smallProgramId}`);
    expect(await small.getByTestId('suppressed').count()).toBeGreaterThan(0);
    await expect(small.innerText()).resolves.toContain('不公开');
    await page.getByRole('heading', { name: '为什么有些数字不公开' }).waitFor();
    // the county × category table: three enterprises of Jinjiang served in testing
    await expect(page.getByTestId('statistics-cells').innerText()).resolves.toContain('3');
    await page.getByTestId('chart-programs').locator('canvas').first().waitFor();
    await page.getByTestId('chart-cells').locator('canvas').first().waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'public-statistics');

    await page.getByRole('combobox', { name: '语言' }).selectOption('en-US');
    await page.getByRole('heading', { name: 'Innovation voucher statistics' }).waitFor();
    await expect(small.innerText()).resolves.toContain('Not published');
    await expectNoAxe(page);

    const { page: phone } = await s.newPage({ width: 375 });
    await phone.goto('/statistics');
    await phone.getByTestId(`statistics-program-${w.programId}`).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
  });

  it('lets an auditor filter the audit log by entity and read an entry as a diff', async () => {
    const page = await signedIn(auditor, { next: '/admin/audit' });
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByLabel('对象类型').fill('claim');
    await page.getByLabel('对象 ID').fill(claims.payable);
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('entityId') === claims.payable);
    const table = page.getByTestId('audit-table');
    await table.getByText(claims.payable.slice(0, 8)).first().waitFor();
    const expected: { total: number; items: { id: string; streamId: string }[] } = await get(auditor.token, `/api/v1/admin/audit?entityType=claim&entityId=${claims.payable}`);
    expect(expected.total).toBeGreaterThanOrEqual(3); // submitted, approved by the county, by the city
    expect(expected.items.every((e) => e.streamId === claims.payable)).toBe(true);
    await expect(table.locator('tbody tr.ant-table-row').count()).resolves.toBe(expected.total);

    // the newest entry (the city's approval): its before and after, what changed marked
    await table.locator('tbody tr.ant-table-row').first().getByRole('button', { name: /展开/ }).click();
    const diff = page.getByTestId(`audit-diff-${expected.items[0].id}`);
    await diff.waitFor();
    expect(await diff.locator('tr[data-kind="changed"], tr[data-kind="added"], tr[data-kind="removed"]').count()).toBeGreaterThan(0);
    await expect(diff.locator('tr[data-kind="changed"]').first().innerText()).resolves.toContain('修改');
    await expectNoAxe(page);
    await screenshot(page, 'admin-audit');

    // a phone: the log scrolls inside its table, not the page
    const phone = await signedIn(auditor, { width: 375, next: `/admin/audit?entityType=claim&entityId=${claims.payable}` });
    await phone.getByTestId('audit-table').getByText(claims.payable.slice(0, 8)).first().waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
  });

  it('narrows the audit log by time and shows an auditor the chain verification of the last sealed anchor', async () => {
    await new AuditSealer(w.t.app.get(DataSource)).seal();
    const page = await signedIn(auditor, { next: `/admin/audit?entityType=claim&entityId=${claims.payable}` });
    const table = page.getByTestId('audit-table');
    await table.getByText(claims.payable.slice(0, 8)).first().waitFor();
    const expected: { items: { id: string; occurredAt: string }[] } = await get(auditor.token, `/api/v1/admin/audit?entityType=claim&entityId=${claims.payable}`);
    const diff = page.getByTestId(`audit-diff-${expected.items[0].id}`);
    // a time range: from a minute after the newest entry, nothing
    const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
    const newest = Date.parse(expected.items[0].occurredAt);
    await page.getByLabel('起始时间').fill(shanghai(newest + 60_000));
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await page.getByText('没有符合条件的记录').waitFor();
    await page.getByLabel('起始时间').fill(shanghai(newest - 24 * 3_600_000));
    await page.getByRole('button', { name: '筛选', exact: true }).click();
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    await table.locator('tbody tr.ant-table-row').first().getByRole('button', { name: /展开/ }).click();
    await diff.waitFor();

    // the chain's verification: the last sealed anchor and its result, in a banner
    const banner = page.getByTestId('audit-verification');
    await banner.and(page.locator('[data-status="ok"]')).waitFor();
    await expect(banner.innerText()).resolves.toContain('审计链校验通过');
    await expectNoAxe(page);

    // an entry changed behind the log's back (a table owner switching the append-only triggers off): the banner says so, naming it
    const ds = w.t.app.get(DataSource);
    const tampered = expected.items[0].id;
    const [{ after }]: { after: unknown }[] = await ds.query('SELECT after FROM audit_entry WHERE id = $1', [tampered]);
    await ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
    await ds.query(`UPDATE audit_entry SET after = '{"amountFen": 1}' WHERE id = $1`, [tampered]);
    await ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
    try {
      await page.reload();
      await banner.and(page.locator('[data-status="failed"]')).waitFor();
      const text = await banner.innerText();
      expect(text).toContain('审计链校验未通过');
      expect(text).toContain(`audit_entry #${tampered}`);
      await expectNoAxe(page);
    } finally {
      await ds.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
      await ds.query('UPDATE audit_entry SET after = $2::jsonb WHERE id = $1', [tampered, JSON.stringify(after)]);
      await ds.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
    }
  });

  it('lets a super-admin create a county reviewer, who signs in to their sections only (audit and staff are the 404 page)', async () => {
    const page = await signedIn(superAdmin, { next: '/admin/staff' });
    await page.getByRole('heading', { name: '人员与权限' }).waitFor();
    await page.getByTestId('staff-table').getByText(auditor.email).waitFor();
    await expectNoAxe(page);
    await screenshot(page, 'admin-staff');

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog');
    const email = `reviewer.${Date.now()}@jinjiang.example.gov.cn`;
    const password = 'Jinjiang-review-2026';
    // a short password is a field error next to its field
    await dialog.getByLabel('邮箱').fill(email);
    await dialog.getByLabel('姓名').fill('晋江审核员');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: '创建账号' }).click();
    await dialog.getByText('密码至少 10 个字符').waitFor();
    await dialog.getByLabel('初始密码').fill(password);
    await pick(page, '角色 1', '区县审核员');
    await pick(page, '管辖区域 1', '晋江');
    await expectNoAxe(page);
    await dialog.getByRole('button', { name: '创建账号' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('staff-table').getByText(email).waitFor();
    const list: { items: { email: string; roles: { role: string; regionCodes: string[] }[]; disabled: boolean }[] } = await get(superAdmin.token, '/api/v1/admin/staff?pageSize=100');
    expect(list.items.find((m) => m.email === email)).toMatchObject({ roles: [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], disabled: false });

    // the new reviewer signs in: their sections only
    const reviewer = await signedIn({ email, password }, { next: `/admin?program=${w.programId}` });
    const nav = reviewer.getByRole('navigation', { name: '管理后台导航' });
    await nav.getByRole('link', { name: /兑付审核/ }).waitFor();
    await nav.getByRole('link', { name: /企业认证/ }).waitFor();
    for (const hidden of ['审计日志', '人员与权限', '创新券项目', '资金拨付']) expect(await nav.getByRole('link', { name: new RegExp(hidden) }).count()).toBe(0);
    // their dashboard is their county's part: the Jinjiang pool, not the city's
    await reviewer.getByTestId('county-scope').waitFor();
    const balances: { sourceKey: string; disbursedFen: number; heldFen: number }[] = await get(w.officer.token, `/api/v1/admin/programs/${w.programId}/balances`);
    const jinjiang = balances.find((b) => b.sourceKey === 'jinjiang')!;
    expect(Number(await reviewer.getByTestId('figure-disbursed-jinjiang').getAttribute('data-fen'))).toBe(jinjiang.disbursedFen);
    expect(Number(await reviewer.getByTestId('figure-held-jinjiang').getAttribute('data-fen'))).toBe(jinjiang.heldFen);
    expect(await reviewer.getByTestId('figure-disbursed-city').count()).toBe(0);
    await expectNoAxe(reviewer);
    for (const path of ['/admin/audit', '/admin/staff']) {
      await reviewer.goto(path);
      await notFound(reviewer);
      expect(await reviewer.getByRole('heading', { name: /审计日志|人员与权限/ }).count()).toBe(0);
    }

    // roles edited: a role listed twice is the API's field error in the dialog; then an auditor's role for the city
    const row = page.getByTestId('staff-table').locator('tr', { hasText: email });
    await row.getByRole('button', { name: '修改角色：晋江审核员' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByRole('button', { name: '添加角色' }).click();
    await pick(page, '角色 2', '区县审核员');
    await pick(page, '管辖区域 2', '泉州市');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.getByText(/listed (once|twice)/).waitFor();
    await pick(page, '角色 2', '审计人员');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await row.getByText('审计人员：泉州市').waitFor();
    const edited: { items: { email: string; roles: { role: string; regionCodes: string[] }[] }[] } = await get(superAdmin.token, '/api/v1/admin/staff?pageSize=100');
    expect(edited.items.find((m) => m.email === email)!.roles).toEqual([
      { role: 'county_reviewer', regionCodes: [JINJIANG] },
      { role: 'auditor', regionCodes: ['350500'] },
    ]);

    // disabled by the super-admin: the account can no longer sign in
    await row.getByRole('button', { name: '停用 晋江审核员' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '停用' }).click();
    await row.getByText('已停用').waitFor();
    expect((await w.t.request('POST', '/api/v1/auth/login', { body: { email, password } })).status).toBeGreaterThanOrEqual(400);

    const phone = await signedIn(superAdmin, { width: 375, next: '/admin/staff' });
    await phone.getByTestId('staff-table').getByText(auditor.email).waitFor();
    expect(await horizontalOverflow(phone)).toBe(0);
  });
});
