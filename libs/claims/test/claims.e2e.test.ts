/**
 * Claims over HTTP, from a completed order to an approval: the fapiao checked against the order,
 * who may claim, the review levels in the reviewer's jurisdiction with distinct approvers, the
 * ledger after each decision, return and resubmission, rejection, and one fapiao under concurrent
 * claims.
 */
import { DataSource } from 'typeorm';
import { LedgerService } from '@innoserve/vouchers';
import { REVIEW_STEPS_FROM_AUDIT_SQL } from '@innoserve/claims';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { grant, grantAmounts, ledgerClean, ok, openProgram, orderUntil, startWorld, uploadPdf, verifiedBankAccount, type World } from '../../orders/test/order-world.js';
import { JINJIANG, NANAN } from '../../vouchers/test/program-support.js';

describe('claims over HTTP', () => {
  let w: World;
  let county: AuthSession;
  let nananCounty: AuthSession;
  let city: AuthSession;
  let city2: AuthSession;
  let both: AuthSession;
  let providerUscc: string;
  const usccOf = new Map<string, string>();

  beforeAll(async () => {
    w = await startWorld({ enterprises: 4, env: { LOG_LEVEL: 'error' } });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    nananCounty = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [NANAN] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    city2 = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    both = await createStaffAndLogin(w.t, [
      { role: 'county_reviewer', regionCodes: [JINJIANG] },
      { role: 'city_reviewer', regionCodes: ['350500'] },
    ]);
    const rows: { id: string; uscc: string }[] = await w.t.app.get(DataSource).query('SELECT id, uscc FROM organization WHERE id = ANY($1)', [[...w.enterprises, w.provider.id]]);
    for (const r of rows) usccOf.set(r.id, r.uscc);
    providerUscc = usccOf.get(w.provider.id)!;
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  const post = (token: string, url: string, body?: unknown, headers?: Record<string, string>) => w.t.request('POST', url, { token, body, headers });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });

  /** An order of the fixed-price offering (¥1,000; 50% subsidy held), paid by bank transfer, delivered and completed. */
  const completedOrder = (enterpriseId: string, grantId?: string) => orderUntil(w, enterpriseId, 'completed', { grantId });

  let fapiaoSeq = 10_000_000;
  const invoice = (enterpriseId: string, overrides: Record<string, unknown> = {}) => ({
    code: '3500231130',
    number: String(fapiaoSeq++),
    issuedOn: '2026-03-10',
    amountFen: 100_000,
    sellerTaxId: providerUscc,
    buyerTaxId: usccOf.get(enterpriseId),
    ...overrides,
  });
  const balance = (account: string) => w.t.app.get(LedgerService).balanceOf(w.t.app.get(DataSource).manager, w.programId, account);

  it('takes a claim from the provider under 通兑 with the fapiao matching the order, and refuses what does not match, the other party and outsiders', async () => {
    const e = w.enterprises[0];
    await grant(w, e, 200_000);
    const orderId = await completedOrder(e);

    const mismatch = await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e, { amountFen: 99_999, buyerTaxId: providerUscc, issuedOn: '2026-03-11' }) });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.code).toBe('INVOICE_MISMATCH');
    expect(mismatch.body.errors.map((x: { field: string }) => x.field).sort()).toEqual(['invoice.amountFen', 'invoice.buyerTaxId', 'invoice.issuedOn']);

    const malformed = await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e, { code: undefined, number: '04561234' }) });
    expect(malformed.status).toBe(400); // without a code, a 全电发票 number has 20 digits
    expect((await post(w.buyer.token, '/api/v1/claims', { orderId, invoice: invoice(e) })).body.code).toBe('NOT_CLAIMANT');
    const stranger = await registerAndLogin(w.t);
    expect((await post(stranger.token, '/api/v1/claims', { orderId, invoice: invoice(e) })).status).toBe(404);

    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e), evidenceFileIds: [await uploadPdf(w, w.provider.owner.token, '补充材料.pdf')] }));
    expect(claim).toMatchObject({ status: 'in_review', level: 1, levels: ['county', 'city'], amountFen: 50_000, priceFen: 100_000, claimantId: w.provider.id, settlementMode: 'provider_redeems' });
    expect(claim.claimNo).toMatch(/^BT20260310[0-9A-F]{8}$/);
    expect(claim.evidence).toMatchObject({ contractNo: expect.stringMatching(/^HT/), deliveryReportFileId: expect.any(String), payments: [expect.objectContaining({ method: 'offline', amountFen: 50_000 })] });
    expect(claim).not.toHaveProperty('riskFlags');
    expect(claim).not.toHaveProperty('flags');
    expect((await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) })).body.code).toBe('CLAIM_EXISTS');
    // the same fapiao on another order's claim
    const other = await completedOrder(e);
    const reused = await post(w.provider.owner.token, '/api/v1/claims', { orderId: other, invoice: { ...invoice(e), number: claim.invoice.number } });
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('INVOICE_ALREADY_CLAIMED');
    // the enterprise (a party) reads it too, without staff fields; a stranger does not
    expect(await ok(get(w.buyer.token, `/api/v1/claims/${claim.id}`))).not.toHaveProperty('riskFlags');
    expect((await get(stranger.token, `/api/v1/claims/${claim.id}`)).status).toBe(404);
  });

  it('is reviewed county then city by distinct people in their jurisdiction; approval moves the hold to payable per source', async () => {
    const e = w.enterprises[1];
    const grantId = await grant(w, e, 200_000);
    const orderId = await completedOrder(e);
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    const decide = (who: AuthSession, body: Record<string, unknown>, headers?: Record<string, string>) => post(who.token, `/api/v1/admin/claims/${claim.id}/decision`, body, headers);

    // another county: neither the claim nor the queue entry exists for it
    expect((await get(nananCounty.token, `/api/v1/claims/${claim.id}`)).status).toBe(404);
    expect((await decide(nananCounty, { decision: 'approve' })).status).toBe(404);
    expect((await ok(get(nananCounty.token, '/api/v1/admin/claims'))).items.map((c: { id: string }) => c.id)).not.toContain(claim.id);
    // the county's queue shows it with the staff fields
    const queue = await ok(get(county.token, '/api/v1/admin/claims?level=county&status=in_review'));
    // delivered the instant it started (these tests do not wait): flagged fast_delivery, for staff only
    expect(queue.items.find((c: { id: string }) => c.id === claim.id)).toMatchObject({ riskFlags: [expect.objectContaining({ rule: 'fast_delivery', evidence: expect.objectContaining({ thresholdBp: 2500 }) })], flags: [], waitingDays: 0 });
    expect((await ok(get(county.token, `/api/v1/claims/${claim.id}`))).riskFlags).toEqual([expect.objectContaining({ rule: 'fast_delivery' })]);
    // staff read the parties' names (the queue and the review page need no lookup per row)
    const [parties] = await w.t.app.get(DataSource).query('SELECT e.name AS enterprise, p.name AS provider FROM organization e, organization p WHERE e.id = $1 AND p.id = $2', [claim.enterpriseId, claim.providerId]);
    expect(queue.items.find((c: { id: string }) => c.id === claim.id)).toMatchObject({ enterpriseName: parties.enterprise, providerName: parties.provider });
    const asClaimant = await ok(get(w.provider.owner.token, `/api/v1/claims/${claim.id}`));
    expect(asClaimant).not.toHaveProperty('riskFlags');
    expect(asClaimant).not.toHaveProperty('enterpriseName');
    expect(asClaimant).not.toHaveProperty('providerName');
    expect(JSON.stringify(asClaimant)).not.toContain('fast_delivery');
    expect((await ok(get(county.token, '/api/v1/admin/claims?level=city'))).items.map((c: { id: string }) => c.id)).not.toContain(claim.id);

    expect((await decide(city, { decision: 'approve' })).body.code).toBe('WRONG_REVIEW_LEVEL');
    expect((await decide(county, { decision: 'approve', version: 99 })).body.code).toBe('STALE_VERSION');
    const atCity = await ok(decide(county, { decision: 'approve' }, { 'if-match': `"${claim.version}"` }));
    expect(atCity).toMatchObject({ status: 'in_review', level: 2, approvals: [expect.objectContaining({ level: 1, kind: 'county', userId: county.userId })] });
    // the trail names the reviewer for staff; the claimant sees the level passed and when, not who
    const [{ display_name: countyName }] = await w.t.app.get(DataSource).query('SELECT display_name FROM app_user WHERE id = $1', [county.userId]);
    expect(atCity.approvals[0].userName).toBe(countyName); // the decision's own answer too
    expect((await ok(get(city.token, `/api/v1/claims/${claim.id}`))).approvals).toEqual([expect.objectContaining({ userId: county.userId, userName: countyName })]);
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claim.id}`))).approvals).toEqual([{ level: 1, kind: 'county', at: expect.any(String) }]);
    expect((await decide(county, { decision: 'approve' })).body.code).toBe('WRONG_REVIEW_LEVEL');
    expect(await balance('payable:city')).toBe(0n);

    const approved = await ok(decide(city, { decision: 'approve', version: atCity.version }));
    expect(approved).toMatchObject({ status: 'approved', decidedAt: expect.any(String) });
    expect(approved.lines.map((l: { source: string; amountFen: number; status: string }) => [l.source, l.amountFen, l.status]).sort()).toEqual([
      ['city', 25_000, 'payable'],
      ['jinjiang', 25_000, 'payable'],
    ]);
    expect(await balance('payable:city')).toBe(25_000n);
    expect(await balance('payable:jinjiang')).toBe(25_000n);
    expect(await grantAmounts(w, e, grantId)).toEqual({ availableFen: 150_000, heldFen: 0 });
    expect((await decide(city2, { decision: 'approve' })).body.code).toBe('ILLEGAL_TRANSITION');
    const actions: { action: string }[] = await w.t.app.get(DataSource).query(`SELECT action FROM audit_entry WHERE stream_type = 'claim' AND stream_id = $1 ORDER BY stream_seq`, [claim.id]);
    expect(actions.map((a) => a.action)).toEqual(['claim.submitted', 'claim.approved_level', 'claim.approved']);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('a decision that comes too late says who decided meanwhile and what (lastDecision), so the console can explain the conflict', async () => {
    const e = w.enterprises[1]; // its grant from the test above still has money
    const orderId = await completedOrder(e);
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    const url = `/api/v1/admin/claims/${claim.id}/decision`;
    const ann = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], { displayName: '晋江审核员甲' });
    const ben = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }], { displayName: '晋江审核员乙' });
    // nobody decided yet: a stale version has no lastDecision to tell
    expect((await post(ben.token, url, { decision: 'approve', version: claim.version + 5 })).body).not.toHaveProperty('lastDecision');
    const atCity = await ok(post(ann.token, url, { decision: 'approve', version: claim.version }));

    const stale = await post(ben.token, url, { decision: 'return', reason: '补充材料', version: claim.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'STALE_VERSION',
      currentVersion: atCity.version,
      currentStatus: 'in_review',
      decidedBy: ann.userId,
      decidedByName: '晋江审核员甲',
      decision: 'approve',
      lastDecision: { decidedBy: ann.userId, decidedByName: '晋江审核员甲', decision: 'approve', action: 'claim.approved_level', level: 1, at: expect.any(String), reason: null },
    });
    // without a version: the claim moved on to the city level
    const moved = await post(ben.token, url, { decision: 'approve' });
    expect(moved.status).toBe(403);
    expect(moved.body).toMatchObject({ code: 'WRONG_REVIEW_LEVEL', lastDecision: { decidedByName: '晋江审核员甲', decision: 'approve', level: 1 } });

    const cityAnn = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }], { displayName: '市级审核员丙' });
    await ok(post(cityAnn.token, url, { decision: 'reject', reason: '发票与合同不符' }));
    const late = await post(city.token, url, { decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      lastDecision: { decidedBy: cityAnn.userId, decidedByName: '市级审核员丙', decision: 'reject', action: 'claim.rejected', level: 2, reason: '发票与合同不符' },
    });
  });

  it('a reviewer who belongs to a party may not review (403 CONFLICT_OF_INTEREST); a failed refund blocks a claim (409 CLAIM_BLOCKED)', async () => {
    const e = w.enterprises[1];
    const orderId = await completedOrder(e);
    const ds = w.t.app.get(DataSource);
    await ds.query(`UPDATE service_order SET flags = array_append(flags, 'refund_failed') WHERE id = $1`, [orderId]); // the fact: a refund of it failed
    const blocked = await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'CLAIM_BLOCKED', reason: 'refund_failed' });
    await ds.query(`UPDATE service_order SET flags = array_remove(flags, 'refund_failed') WHERE id = $1`, [orderId]);
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    // a county reviewer who is also a member of the provider
    const insider = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    await ds.query(`INSERT INTO membership (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'member')`, [w.provider.id, insider.userId]);
    const refused = await post(insider.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('CONFLICT_OF_INTEREST');
  });

  it('one person cannot give two approvals, even holding both roles', async () => {
    const e = w.enterprises[1];
    const orderId = await completedOrder(e);
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    await ok(post(both.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
    const second = await post(both.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    expect(second.status).toBe(403);
    expect(second.body.code).toBe('APPROVER_NOT_DISTINCT');
  });

  it('return keeps the hold and the claimant revises and resubmits to level 1; reject needs a reason and releases the hold to the grant', async () => {
    const e = w.enterprises[2];
    const grantId = await grant(w, e, 200_000);
    const orderId = await completedOrder(e);
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    const decide = (who: AuthSession, body: Record<string, unknown>) => post(who.token, `/api/v1/admin/claims/${claim.id}/decision`, body);

    expect((await w.t.request('PATCH', `/api/v1/claims/${claim.id}`, { token: w.provider.owner.token, body: { invoice: invoice(e) } })).body.code).toBe('CLAIM_NOT_EDITABLE');
    await ok(decide(county, { decision: 'approve' }));
    const noReason = await decide(city, { decision: 'return' });
    expect(noReason.status).toBe(400);
    const returned = await ok(decide(city, { decision: 'return', reason: '发票日期请核实' }));
    expect(returned).toMatchObject({ status: 'returned', decisionReason: '发票日期请核实' });
    expect(await grantAmounts(w, e, grantId)).toEqual({ availableFen: 150_000, heldFen: 50_000 });

    const revised = await ok(w.t.request('PATCH', `/api/v1/claims/${claim.id}`, { token: w.provider.owner.token, body: { invoice: invoice(e, { code: null, number: '26352000000012345678' }) } }));
    expect(revised.invoice).toMatchObject({ code: null, number: '26352000000012345678' });
    const again = await ok(post(w.provider.owner.token, `/api/v1/claims/${claim.id}/resubmit`));
    expect(again).toMatchObject({ status: 'in_review', level: 1, approvals: [] });

    expect((await decide(county, { decision: 'reject' })).status).toBe(400);
    const rejected = await ok(decide(county, { decision: 'reject', reason: '服务内容与合同不符' }));
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: '服务内容与合同不符' });
    expect(await grantAmounts(w, e, grantId)).toEqual({ availableFen: 200_000, heldFen: 0 });
    // the review-time read model: one row per decision, each level's review from the entry before it (the submission, the county approval, the resubmission)
    const steps: { level: number; level_kind: string; decision: string; entered_at: Date; decided_at: Date }[] = await w.t.app
      .get(DataSource)
      .query('SELECT level, level_kind, decision, entered_at, decided_at FROM claim_review_step WHERE claim_id = $1 ORDER BY stream_seq', [claim.id]);
    expect(steps.map((x) => [x.level, x.level_kind, x.decision])).toEqual([
      [1, 'county', 'claim.approved_level'],
      [2, 'city', 'claim.returned'],
      [1, 'county', 'claim.rejected'],
    ]);
    expect(steps[1].entered_at).toEqual(steps[0].decided_at);
    expect(steps.every((x) => x.decided_at >= x.entered_at)).toBe(true);
    // nothing is held for the order any more: no second claim
    expect((await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) })).body.code).toBe('ORDER_NOT_CLAIMABLE');
    expect(await ledgerClean(w)).toBe(true);
  });

  it('lets one of two concurrent claims carrying one fapiao through', async () => {
    const e = w.enterprises[3];
    await grant(w, e, 200_000);
    const [o1, o2] = [await completedOrder(e), await completedOrder(e)];
    const fapiao = invoice(e);
    const answers = await Promise.all([o1, o2].map((orderId) => post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: fapiao })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)!.body.code).toBe('INVOICE_ALREADY_CLAIMED');
  });

  it('under 通用 the enterprise claims; above the program amount a second city approval by another person is needed', async () => {
    const programId = await openProgram(w.t, w.officer, { settlementMode: 'enterprise_reimbursed', secondApprovalAboveFen: 40_000 });
    const e = w.enterprises[3];
    const grantId = await grant(w, e, 200_000, programId);
    const orderId = await completedOrder(e, grantId);
    expect((await post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: invoice(e) })).body.code).toBe('NOT_CLAIMANT');
    const claim = await ok(post(w.buyer.token, '/api/v1/claims', { orderId, invoice: invoice(e) }));
    expect(claim).toMatchObject({ claimantId: e, levels: ['county', 'city', 'city'], amountFen: 50_000, evidence: { payments: [expect.objectContaining({ amountFen: 100_000 })] } });
    const decide = (who: AuthSession) => post(who.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' });
    await ok(decide(county));
    await ok(decide(city));
    expect((await decide(city)).body.code).toBe('APPROVER_NOT_DISTINCT');
    expect(await ok(decide(city2))).toMatchObject({ status: 'approved', approvals: [expect.objectContaining({ level: 1 }), expect.objectContaining({ level: 2 }), expect.objectContaining({ level: 3, userId: city2.userId })] });

    // paid to the enterprise's verified account, one batch per source, the ledger per source after each step
    const ds = w.t.app.get(DataSource);
    const { accountName: name } = await verifiedBankAccount(w, e, { bankName: '中国银行晋江支行', accountNo: '4077012345678', cnapsCode: '104397000456' });
    const finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    const finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    const ledger = w.t.app.get(LedgerService);
    const bal = (account: string) => ledger.balanceOf(ds.manager, programId, account);
    expect([await bal('payable:city'), await bal('payable:jinjiang')]).toEqual([25_000n, 25_000n]);
    for (const source of ['city', 'jinjiang']) {
      const batch = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId, sourceKey: source }));
      expect(batch.lines).toEqual([expect.objectContaining({ payeeId: e, accountName: name, amountFen: 25_000 })]);
      await ok(post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, { bankReference: `TY-${source}`, paidOn: '2026-03-10' }));
      expect([await bal(`payable:${source}`), await bal(`disbursed:${source}`)]).toEqual([0n, 25_000n]);
    }
    expect((await ok(get(w.buyer.token, `/api/v1/claims/${claim.id}`))).status).toBe('paid');
    expect(await ledgerClean(w)).toBe(true);
  });

  it('keeps the review-time read model equal to what the audit log says, for every claim and decision', async () => {
    const ds = w.t.app.get(DataSource);
    const cols = `claim_id, stream_seq, program_id, level, level_kind, decision, entered_at, decided_at, hours`;
    const table = await ds.query(`SELECT ${cols} FROM claim_review_step ORDER BY claim_id, stream_seq`);
    const fromAudit = await ds.query(`SELECT ${cols} FROM (${REVIEW_STEPS_FROM_AUDIT_SQL}) x ORDER BY claim_id, stream_seq`);
    expect(table.length).toBeGreaterThanOrEqual(8);
    expect(table).toEqual(fromAudit);
  });
});

describe('closing the books', () => {
  let w: World;
  let county: AuthSession;
  let finance: AuthSession;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 1 });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    finance = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('refuses to archive while a claim is in review or a hold is open; then each source’s unspent pool goes back to it', async () => {
    const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
    const e = w.enterprises[0];
    await grant(w, e, 200_000);
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '检测' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const ds = w.t.app.get(DataSource);
    const [{ name, uscc }]: { name: string; uscc: string }[] = await ds.query('SELECT name, uscc FROM organization WHERE id = $1', [e]);
    const [{ uscc: seller }]: { uscc: string }[] = await ds.query('SELECT uscc FROM organization WHERE id = $1', [w.provider.id]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId: order.id, invoice: { code: '3500231130', number: '70000001', issuedOn: '2026-03-10', amountFen: 100_000, sellerTaxId: seller, buyerTaxId: uscc } }));

    await ok(post(w.officer.token, `/api/v1/admin/programs/${w.programId}/close`));
    const refused = await post(w.officer.token, `/api/v1/admin/programs/${w.programId}/archive`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'PROGRAM_NOT_SETTLED', reasons: expect.arrayContaining(['open_holds', 'claims_in_review']) });
    expect((await post(finance.token, `/api/v1/admin/programs/${w.programId}/return-unspent`)).body.code).toBe('PROGRAM_NOT_SETTLED');
    expect((await post(w.officer.token, `/api/v1/admin/programs/${w.programId}/return-unspent`)).status).toBe(403);

    await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'reject', reason: '材料不全' }));
    const before: { sourceKey: string; availableFen: number; budgetFen: number; grantedFen: number }[] = await ok(w.t.request('GET', `/api/v1/admin/programs/${w.programId}/balances`, { token: finance.token }));
    const after: { sourceKey: string; availableFen: number; returnedFen: number }[] = await ok(post(finance.token, `/api/v1/admin/programs/${w.programId}/return-unspent`));
    for (const b of before) {
      const a = after.find((x) => x.sourceKey === b.sourceKey)!;
      expect({ source: b.sourceKey, available: a.availableFen, returned: a.returnedFen }).toEqual({ source: b.sourceKey, available: 0, returned: b.availableFen });
    }
    const [{ n }]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM ledger_transaction WHERE program_id = $1 AND type = 'return'`, [w.programId]);
    expect(n).toBe(before.filter((b) => b.availableFen > 0).length);
    expect((await ok(post(w.officer.token, `/api/v1/admin/programs/${w.programId}/archive`))).status).toBe('archived');
    expect(await ledgerClean(w)).toBe(true);
  });
});
