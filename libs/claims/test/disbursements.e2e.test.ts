/**
 * Disbursement over HTTP, from approved claims to paid batches: one batch per funding source with
 * the payee's verified bank account copied in, the bank file (XLSX read back with exceljs; CSV in
 * UTF-8 with a BOM), four eyes on "paid", one payment under concurrent requests, failed lines back
 * to payable, cancellation, an account changed since verification left out, and the ledger per
 * source after each step.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { LedgerService } from '@innoserve/vouchers';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { fapiaoOf, grant, ledgerClean, ok, orderUntil, startWorld, verifiedBankAccount, type World } from '../../orders/test/order-world.js';
import { JINJIANG } from '../../vouchers/test/program-support.js';

describe('disbursement over HTTP', () => {
  let w: World;
  let county: AuthSession;
  let city: AuthSession;
  let finance1: AuthSession;
  let finance2: AuthSession;
  let providerName: string;
  const claimIds: string[] = [];
  const usccOf = new Map<string, string>();

  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });
  const balance = (account: string) => w.t.app.get(LedgerService).balanceOf(w.t.app.get(DataSource).manager, w.programId, account);
  const db = () => w.t.app.get(DataSource);

  async function approvedClaim(enterpriseId: string, number: string): Promise<string> {
    const orderId = await orderUntil(w, enterpriseId, 'completed', { requirements: '检测' });
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: await fapiaoOf(w, enterpriseId, number) }));
    await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
    await ok(post(city.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
    return claim.id;
  }

  beforeAll(async () => {
    w = await startWorld({ enterprises: 2 });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    const rows: { id: string; uscc: string; name: string }[] = await db().query('SELECT id, uscc, name FROM organization WHERE id = ANY($1)', [[...w.enterprises, w.provider.id]]);
    for (const r of rows) usccOf.set(r.id, r.uscc);
    providerName = (await verifiedBankAccount(w, w.provider.id)).accountName;
    await grant(w, w.enterprises[0], 300_000);
    claimIds.push(await approvedClaim(w.enterprises[0], '20000001'), await approvedClaim(w.enterprises[0], '20000002'));
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('builds a batch of one source with the verified account copied in, and exports the bank file in both formats', async () => {
    expect(await balance('payable:city')).toBe(50_000n);
    expect((await post(county.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' })).status).toBe(403);
    const batch = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' }));
    expect(batch).toMatchObject({ status: 'open', source: 'city', fiscalYear: 2026, lineCount: 2, totalFen: 50_000, skipped: [] });
    expect(batch.lines.map((l: { seq: number }) => l.seq)).toEqual([1, 2]);
    expect(batch.lines[0]).toMatchObject({ accountName: providerName, accountNo: '1408012345678901234', cnapsCode: '102397000123', bankName: '中国工商银行晋江支行', amountFen: 25_000, status: 'included' });
    expect(batch.lines[0].memo).toMatch(/^BT\d{8}[0-9A-F]{8} 2026年度科技创新券补贴$/);
    // a (claim, source) line is in one batch at a time: nothing left for a second city batch
    expect((await post(finance2.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' })).body.code).toBe('NOTHING_TO_DISBURSE');
    // the claim waits for its county line: still approved, its city line batched
    const claim = await ok(get(w.provider.owner.token, `/api/v1/claims/${claimIds[0]}`));
    expect(claim.status).toBe('approved');
    expect(claim.lines.find((l: { source: string }) => l.source === 'city')).toMatchObject({ status: 'batched', batchId: batch.id });

    // the bank file carries full account numbers: finance officers only, every download audited
    const officer = await createStaffAndLogin(w.t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    expect((await w.t.request('GET', `/api/v1/admin/disbursements/${batch.id}/export?format=xlsx`, { token: officer.token })).status).toBe(403);
    expect((await get(officer.token, `/api/v1/admin/disbursements/${batch.id}`)).status).toBe(200);
    const xlsx = await w.t.request('GET', `/api/v1/admin/disbursements/${batch.id}/export?format=xlsx`, { token: finance2.token });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('拨付明细')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '收款人户名', '收款账号', '开户行', '联行号', '金额(元)', '金额(分)', '附言']);
    let fen = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      expect(row.getCell(2).value).toBe(providerName);
      expect(row.getCell(6).value).toBe('250.00');
      fen += Number(row.getCell(7).value);
    });
    expect(fen).toBe(batch.totalFen);
    expect(wb.getWorksheet('汇总')!.getRow(6).getCell(2).value).toBe(50_000);

    const csv = await w.t.request('GET', `/api/v1/admin/disbursements/${batch.id}/export?format=csv`, { token: finance2.token });
    const bytes = csv.bytes;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toBe('序号,收款人户名,收款账号,开户行,联行号,金额(元),金额(分),附言');
    expect(text.split('\r\n')[1]).toContain(`1,${providerName},1408012345678901234,中国工商银行晋江支行,102397000123,250.00,25000,BT`);
    const exports = await db().query(`SELECT after->>'format' AS format, after->>'sha256' AS sha FROM audit_entry WHERE stream_type = 'disbursement' AND stream_id = $1 AND action = 'disbursement.exported' ORDER BY stream_seq`, [batch.id]);
    expect(exports.map((x: { format: string }) => x.format)).toEqual(['xlsx', 'csv']);
    expect(exports[1].sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    // the claimant sees which levels approved, not who
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimIds[0]}`))).approvals.every((a: object) => !('userId' in a))).toBe(true);
  });

  it('is marked paid by a second finance officer exactly once, also under concurrent requests: payable → disbursed', async () => {
    const [batch] = (await ok(get(finance1.token, `/api/v1/admin/disbursements?programId=${w.programId}&status=open`))).items;
    const body = { bankReference: 'ICBC20260310000123', paidOn: '2026-03-10' };
    const own = await post(finance1.token, `/api/v1/admin/disbursements/${batch.id}/paid`, body);
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('FOUR_EYES_REQUIRED');
    const answers = await Promise.all([post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, body), post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('BATCH_ALREADY_PAID');
    expect(await balance('payable:city')).toBe(0n);
    expect(await balance('disbursed:city')).toBe(50_000n);
    const paid = await ok(get(finance1.token, `/api/v1/admin/disbursements/${batch.id}`));
    expect(paid).toMatchObject({ status: 'paid', paidFen: 50_000, bankReference: 'ICBC20260310000123', paidOn: '2026-03-10', paidBy: finance2.userId });
    expect(paid.lines.every((l: { status: string }) => l.status === 'paid')).toBe(true);
    expect((await post(finance1.token, `/api/v1/admin/disbursements/${batch.id}/cancel`)).body.code).toBe('BATCH_ALREADY_PAID');
    expect(await ledgerClean(w)).toBe(true);
  });

  it('sends a failed line (退票) back to payable, lets an open batch be cancelled, and pays a claim once all its lines are paid', async () => {
    const built = await ok(post(finance2.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' }));
    expect(built.lineCount).toBe(2);
    const [claimA, claimB] = claimIds;
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimA}`))).status).toBe('batched'); // both lines in batches now
    const failed = built.lines.find((l: { claimId: string }) => l.claimId === claimB).id;
    const paid = await ok(post(finance1.token, `/api/v1/admin/disbursements/${built.id}/paid`, { bankReference: 'ICBC-2', paidOn: '2026-03-10', failedLineIds: [failed] }));
    expect(paid).toMatchObject({ status: 'paid', paidFen: 25_000 });
    expect(await balance('disbursed:jinjiang')).toBe(25_000n);
    expect(await balance('payable:jinjiang')).toBe(25_000n);
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimA}`))).status).toBe('paid');
    const b = await ok(get(w.provider.owner.token, `/api/v1/claims/${claimB}`));
    expect(b.status).toBe('approved');
    expect(b.lines.find((l: { source: string }) => l.source === 'jinjiang')).toMatchObject({ status: 'payable', batchId: null });

    const again = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' }));
    expect(again).toMatchObject({ lineCount: 1, totalFen: 25_000 });
    const cancelled = await ok(post(finance2.token, `/api/v1/admin/disbursements/${again.id}/cancel`));
    expect(cancelled.status).toBe('cancelled');
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimB}`))).status).toBe('approved');
    expect((await w.t.request('GET', `/api/v1/admin/disbursements/${again.id}/export?format=csv`, { token: finance1.token })).body.code).toBe('BATCH_NOT_OPEN');

    // the payee changes its account: not paid until staff verify it again
    await db().query(`UPDATE organization SET bank_account_no = '6222999988887777' WHERE id = $1`, [w.provider.id]);
    const refused = await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'NOTHING_TO_DISBURSE', skipped: 1 });
    await db().query(`UPDATE organization SET bank_account_no = '1408012345678901234' WHERE id = $1`, [w.provider.id]);
    const last = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' }));
    expect((await post(finance2.token, `/api/v1/admin/disbursements/${last.id}/paid`, { bankReference: 'ICBC-3', paidOn: '2026-03-11' })).body.code).toBe('PAID_ON_OUT_OF_RANGE'); // tomorrow
    await ok(post(finance2.token, `/api/v1/admin/disbursements/${last.id}/paid`, { bankReference: 'ICBC-3', paidOn: '2026-03-10' }));
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimB}`))).status).toBe('paid');
    expect(await balance('payable:jinjiang')).toBe(0n);
    expect(await balance('disbursed:jinjiang')).toBe(50_000n);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('leaves out the lines of an order whose own-share money went back after the fact', async () => {
    const claimId = await approvedClaim(w.enterprises[0], '20000003');
    const [{ order_id }] = await db().query('SELECT order_id FROM subsidy_claim WHERE id = $1', [claimId]);
    await db().query(`UPDATE payment SET reversed_fen = 10000 WHERE order_id = $1`, [order_id]); // a chargeback seen after the approval (the fact)
    const refused = await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' });
    expect(refused.body).toMatchObject({ code: 'NOTHING_TO_DISBURSE', skipped: 1 });
  });

  it('says why a payable line is left out: the account changed with a new name since verification, no 联行号', async () => {
    const claimId = await approvedClaim(w.enterprises[0], '20000004');
    const ds = db();
    const [{ name }] = await ds.query('SELECT name FROM organization WHERE id = $1', [w.provider.id]);
    // renamed since its account was verified (the account's name follows the registered name: a database rule)
    await ds.query(`UPDATE organization SET name = name || '（更名）', bank_account_name = name || '（更名）' WHERE id = $1`, [w.provider.id]);
    const renamed = await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' });
    expect(renamed.body.skippedLines).toEqual(expect.arrayContaining([expect.objectContaining({ claimId, reason: 'bank_account_changed' })]));
    await ds.query(`UPDATE organization SET name = $2, bank_account_name = $2, bank_cnaps_code = NULL, verified_bank_account = verified_bank_account || '{"cnapsCode": null}'::jsonb WHERE id = $1`, [w.provider.id, name]);
    const noCnaps = await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' });
    expect(noCnaps.body.skippedLines).toEqual(expect.arrayContaining([expect.objectContaining({ claimId, reason: 'cnaps_code_missing' })]));
  });
});
