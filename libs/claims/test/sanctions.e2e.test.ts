/**
 * Sanctions over HTTP against real PostgreSQL: blacklisting and what it does to the work in flight
 * (orders not started cancelled with the hold released, orders under way flagged, claims not yet
 * paid held until an officer releases or forfeits them), a blacklisting racing an approval and a
 * mark-paid, voiding a grant, forfeiting a claim, clawing back a paid claim and its repayment, and
 * delisting a provider — the ledger checked after each.
 */
import { DataSource } from 'typeorm';
import { LedgerService } from '@innoserve/vouchers';
import { createStaffAndLogin, type AuthSession } from '../../../test/support/auth.js';
import { admittedProvider } from '../../catalog/test/support.js';
import { fapiaoOf, grant, grantAmounts, ledgerClean, ok, orderUntil, startWorld, verifiedBankAccount, type World } from '../../orders/test/order-world.js';
import { JINJIANG, seedEnterprises } from '../../vouchers/test/program-support.js';

describe('sanctions over HTTP', () => {
  let w: World;
  let county: AuthSession;
  let city: AuthSession;
  let finance1: AuthSession;
  let finance2: AuthSession;
  const usccOf = new Map<string, string>();
  const nameOf = new Map<string, string>();
  let fapiao = 50_000_000;

  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });
  const db = () => w.t.app.get(DataSource);
  const balance = (account: string) => w.t.app.get(LedgerService).balanceOf(db().manager, w.programId, account);
  const sanction = (body: Record<string, unknown>) => post(w.officer.token, '/api/v1/admin/sanctions', body);

  const contracted = (e: string) => orderUntil(w, e, 'contracted', { requirements: '检测' });
  const started = (e: string) => orderUntil(w, e, 'started', { requirements: '检测' });
  async function claimed(e: string): Promise<string> {
    const id = await orderUntil(w, e, 'completed', { requirements: '检测' });
    return (await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId: id, invoice: await fapiaoOf(w, e, String(fapiao++)) }))).id;
  }
  const decide = (who: AuthSession, claimId: string) => post(who.token, `/api/v1/admin/claims/${claimId}/decision`, { decision: 'approve' });
  const lineStatuses = async (claimId: string) => (await db().query(`SELECT status FROM claim_line WHERE claim_id = $1 ORDER BY source`, [claimId])).map((r: { status: string }) => r.status);

  beforeAll(async () => {
    w = await startWorld({ enterprises: 6 });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    city = await createStaffAndLogin(w.t, [{ role: 'city_reviewer', regionCodes: ['350500'] }]);
    finance1 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    finance2 = await createStaffAndLogin(w.t, [{ role: 'finance_officer', regionCodes: ['350500'] }]);
    const rows: { id: string; uscc: string; name: string }[] = await db().query('SELECT id, uscc, name FROM organization WHERE id = ANY($1)', [[...w.enterprises, w.provider.id]]);
    for (const r of rows) {
      usccOf.set(r.id, r.uscc);
      nameOf.set(r.id, r.name);
    }
    await verifiedBankAccount(w, w.provider.id);
    for (const e of w.enterprises) await grant(w, e, 500_000);
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('lets only a program officer sanction, with a reason', async () => {
    expect((await post(finance1.token, '/api/v1/admin/sanctions', { organizationId: w.enterprises[5], kind: 'blacklist', reason: 'x' })).status).toBe(403);
    expect((await post(county.token, '/api/v1/admin/sanctions', { organizationId: w.enterprises[5], kind: 'blacklist', reason: 'x' })).status).toBe(403);
    expect((await sanction({ organizationId: w.enterprises[5], kind: 'blacklist', reason: '  ' })).status).toBe(400);
    expect((await sanction({ organizationId: w.enterprises[5], kind: 'void-grant', reason: '骗补' })).status).toBe(400); // grantId missing
  });

  it('blacklisting an enterprise cancels its orders not started, flags those under way, holds its claims; it cannot order; an officer releases a held claim', async () => {
    const e = w.enterprises[0];
    const [g] = (await ok(get(w.buyer.token, `/api/v1/enterprises/${e}/grants`))) as { id: string }[];
    const notStarted = await contracted(e);
    const underWay = await started(e);
    const inReview = await claimed(e);
    const approved = await claimed(e);
    await ok(decide(county, approved));
    await ok(decide(city, approved));
    expect(await lineStatuses(approved)).toEqual(['payable', 'payable']);
    const heldBefore = (await grantAmounts(w, e, g.id)).heldFen;

    const s = await ok(sanction({ organizationId: e, kind: 'blacklist', reason: '虚假发票骗取补贴' }));
    expect(s).toMatchObject({ kind: 'blacklist', until: '2029-03-10' });
    expect(s.effects.ordersCancelled).toEqual([notStarted]);
    expect(s.effects.ordersFlagged).toEqual([underWay]);
    expect(s.effects.claimsHeld.sort()).toEqual([inReview, approved].sort());
    expect((await ok(get(w.officer.token, `/api/v1/orders/${notStarted}`))).status).toBe('cancelled');
    expect((await ok(get(w.officer.token, `/api/v1/orders/${underWay}`))).flags).toContain('sanctioned');
    expect((await grantAmounts(w, e, g.id)).heldFen).toBe(heldBefore - 50_000); // the cancelled order's hold released
    expect(await lineStatuses(approved)).toEqual(['held', 'held']);
    // held claims are not batched
    expect((await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' })).body.code).toBe('NOTHING_TO_DISBURSE');
    // the review goes on; the approval's money is held
    await ok(decide(county, inReview));
    const approvedHeld = await ok(decide(city, inReview));
    expect(approvedHeld.flags).toContain('payment_held');
    expect(approvedHeld.lines.map((l: { status: string }) => l.status)).toEqual(['held', 'held']);
    // future actions blocked
    const refused = await post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: 'x' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ENTERPRISE_BLACKLISTED');
    // the officer releases one: paid as usual
    expect((await post(w.officer.token, `/api/v1/admin/claims/${approved}/payment-hold`, { action: 'release' })).status).toBe(400);
    const released = await ok(post(w.officer.token, `/api/v1/admin/claims/${approved}/payment-hold`, { action: 'release', reason: '处罚前已完成的真实服务，予以拨付' }));
    expect(released.flags).not.toContain('payment_held');
    expect(await lineStatuses(approved)).toEqual(['payable', 'payable']);
    // the release stands while the blacklisting lasts: built into a batch and paid (not held again)
    const paidOut = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' }));
    expect(paidOut.lines.map((l: { claimId: string }) => l.claimId)).toContain(approved);
    await ok(post(finance2.token, `/api/v1/admin/disbursements/${paidOut.id}/paid`, { bankReference: 'REL-1', paidOn: '2026-03-10' }));
    expect(await lineStatuses(approved)).toEqual(['payable', 'paid']);
    // and forfeits the other: the approved, unpaid amount back to the pools
    const poolBefore = await balance('pool:city');
    const forfeited = await ok(post(w.officer.token, `/api/v1/admin/claims/${inReview}/payment-hold`, { action: 'forfeit', reason: '发票系伪造' }));
    expect(forfeited.status).toBe('forfeited');
    expect(await balance('pool:city')).toBe(poolBefore + 25_000n);
    expect(await lineStatuses(inReview)).toEqual(['forfeited', 'forfeited']);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('a blacklisting racing the last approval always leaves the claim’s money held', async () => {
    for (let i = 0; i < 3; i++) {
      const ids = await seedEnterprises(w.t, 1, w.buyer.userId);
      const e = ids[0];
      const [{ uscc }]: { uscc: string }[] = await db().query('SELECT uscc FROM organization WHERE id = $1', [e]);
      usccOf.set(e, uscc);
      await grant(w, e, 200_000);
      const claimId = await claimed(e);
      await ok(decide(county, claimId));
      const [approval, blacklist] = await Promise.all([decide(city, claimId), sanction({ organizationId: e, kind: 'blacklist', reason: '关联交易' })]);
      expect([approval.status, blacklist.status]).toEqual([200, 201]);
      expect(await lineStatuses(claimId)).toEqual(['held', 'held']);
      expect((await ok(get(w.officer.token, `/api/v1/claims/${claimId}`))).flags).toContain('payment_held');
    }
    expect(await balance('payable:city')).toBeGreaterThan(0n);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('a blacklisting racing a mark-paid: the line is paid, or the mark-paid is refused until the held line is listed as failed — never paid and held', async () => {
    const e = w.enterprises[1];
    const claimId = await claimed(e);
    await ok(decide(county, claimId));
    await ok(decide(city, claimId));
    const batch = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' }));
    const mine = batch.lines.find((l: { claimId: string }) => l.claimId === claimId);
    expect(mine).toBeDefined();
    const disbursedBefore = await balance('disbursed:city');
    const [paid, blacklist] = await Promise.all([
      post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, { bankReference: 'RACE-1', paidOn: '2026-03-10' }),
      sanction({ organizationId: e, kind: 'blacklist', reason: '关联交易' }),
    ]);
    expect(blacklist.status).toBe(201);
    if (paid.status === 409) {
      // the blacklisting came first: what the bank was told to stop is listed as failed, and stays held
      expect(paid.body).toMatchObject({ code: 'BATCH_HAS_HELD_LINES', lineIds: [mine.id] });
      await ok(post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, { bankReference: 'RACE-1', paidOn: '2026-03-10', failedLineIds: [mine.id] }));
    } else expect(paid.status).toBe(200);
    const line = (await ok(get(finance1.token, `/api/v1/admin/disbursements/${batch.id}`))).lines.find((l: { id: string }) => l.id === mine.id);
    const [claimLine] = await db().query(`SELECT status FROM claim_line WHERE claim_id = $1 AND source = 'city'`, [claimId]);
    if (line.status === 'paid') expect(claimLine.status).toBe('paid');
    else expect([line.status, claimLine.status]).toEqual(['failed', 'held']);
    const paidInBatch = (await ok(get(finance1.token, `/api/v1/admin/disbursements/${batch.id}`))).paidFen;
    expect(await balance('disbursed:city')).toBe(disbursedBefore + BigInt(paidInBatch));
    expect(await ledgerClean(w)).toBe(true);
  });

  it('voids a grant (its free amount back to the pools, status voided) and forfeits a claim in review with its hold', async () => {
    const e = w.enterprises[2];
    const [g] = (await ok(get(w.buyer.token, `/api/v1/enterprises/${e}/grants`))) as { id: string }[];
    const claimId = await claimed(e);
    const before = await grantAmounts(w, e, g.id);
    const cityPool = await balance('pool:city');
    const voided = await ok(sanction({ organizationId: e, kind: 'void-grant', grantId: g.id, reason: '申报材料造假' }));
    expect(voided.effects.movedFen).toBe(before.availableFen);
    expect(await balance('pool:city')).toBe(cityPool + BigInt(before.availableFen / 2));
    const [{ status }]: { status: string }[] = await db().query('SELECT status FROM voucher_grant WHERE id = $1', [g.id]);
    expect(status).toBe('voided');
    expect((await sanction({ organizationId: w.enterprises[3], kind: 'void-grant', grantId: g.id, reason: 'x' })).body.code).toBe('SANCTION_TARGET_MISMATCH');
    const orderId = (await ok(get(w.officer.token, `/api/v1/claims/${claimId}`))).orderId;
    const forfeit = await ok(sanction({ organizationId: e, kind: 'forfeit', orderId, reason: '服务未实际发生' }));
    expect(forfeit).toMatchObject({ claimId, effects: { movedFen: 50_000 } });
    expect((await ok(get(w.officer.token, `/api/v1/claims/${claimId}`))).status).toBe('forfeited');
    expect(await grantAmounts(w, e, g.id)).toEqual({ availableFen: 0, heldFen: 0 });
    expect(await ledgerClean(w)).toBe(true);
  });

  it('claws back part of a paid claim split over its sources, and records the repayment (finance officer)', async () => {
    const e = w.enterprises[3];
    const claimId = await claimed(e);
    await ok(decide(county, claimId));
    await ok(decide(city, claimId));
    for (const source of ['city', 'jinjiang']) {
      const b = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: source }));
      await ok(post(finance2.token, `/api/v1/admin/disbursements/${b.id}/paid`, { bankReference: `CB-${source}`, paidOn: '2026-03-10' }));
    }
    expect((await ok(get(w.provider.owner.token, `/api/v1/claims/${claimId}`))).status).toBe('paid');
    expect((await sanction({ organizationId: w.provider.id, kind: 'clawback', claimId, amountFen: 50_001, reason: '超额' })).body.code).toBe('CLAWBACK_TOO_LARGE');
    const receivable = async () => (await balance('receivable:city')) + (await balance('receivable:jinjiang'));
    const before = await receivable();
    const s = await ok(sanction({ organizationId: w.provider.id, kind: 'clawback', claimId, amountFen: 30_001, reason: '部分检测项目未实际完成' }));
    expect(s.parts.map((p: { source: string; amountFen: number }) => [p.source, p.amountFen])).toEqual([
      ['city', 15_001],
      ['jinjiang', 15_000],
    ]);
    expect((await receivable()) - before).toBe(30_001n);
    expect((await post(w.officer.token, `/api/v1/admin/sanctions/${s.id}/repayments`, { amountFen: 1, bankReference: 'R', paidOn: '2026-03-11' })).status).toBe(403);
    expect((await post(finance1.token, `/api/v1/admin/sanctions/${s.id}/repayments`, { amountFen: 30_002, bankReference: 'R', paidOn: '2026-03-11' })).body.code).toBe('REPAYMENT_TOO_LARGE');
    const repaid = await ok(post(finance1.token, `/api/v1/admin/sanctions/${s.id}/repayments`, { amountFen: 30_000, bankReference: 'HK20260311', paidOn: '2026-03-11' }));
    expect(repaid.repaidFen).toBe(30_000);
    // one bank receipt is recorded once
    expect((await post(finance1.token, `/api/v1/admin/sanctions/${s.id}/repayments`, { amountFen: 1, bankReference: 'HK20260311', paidOn: '2026-03-11' })).body.code).toBe('REPAYMENT_RECORDED');
    await ok(post(finance1.token, `/api/v1/admin/sanctions/${s.id}/repayments`, { amountFen: 1, bankReference: 'HK20260312', paidOn: '2026-03-12' }));
    expect(await receivable()).toBe(before);
    const history = await ok(get(w.officer.token, `/api/v1/admin/sanctions?organizationId=${w.provider.id}`));
    expect(history.items.map((x: { id: string }) => x.id)).toContain(s.id);
    // each item names its organization, so that the list reads without a lookup per row
    expect(history.items.find((x: { id: string }) => x.id === s.id)).toMatchObject({ organizationId: w.provider.id, organizationName: nameOf.get(w.provider.id) });
    const all = await ok(get(finance1.token, '/api/v1/admin/sanctions?pageSize=100'));
    expect(all.items.length).toBeGreaterThanOrEqual(1);
    const items = all.items as { organizationId: string; organizationName: string }[];
    const names: { id: string; name: string }[] = await db().query('SELECT id, name FROM organization WHERE id = ANY($1)', [items.map((x) => x.organizationId)]);
    expect(items.map((x) => x.organizationName)).toEqual(items.map((x) => names.find((n) => n.id === x.organizationId)?.name));
    expect(items.every((x) => x.organizationName.length > 0)).toBe(true);
    // the kind filter is the server's (over every page), and a kind that does not exist is a 400
    const clawbacks = await ok(get(finance1.token, '/api/v1/admin/sanctions?kind=clawback&pageSize=1'));
    expect(all.total).toBeLessThanOrEqual(100);
    expect(clawbacks.total).toBe((all.items as { kind: string }[]).filter((x) => x.kind === 'clawback').length);
    expect(clawbacks.total).toBeGreaterThanOrEqual(1);
    expect(clawbacks.items.every((x: { kind: string }) => x.kind === 'clawback')).toBe(true);
    expect((await get(finance1.token, '/api/v1/admin/sanctions?kind=parking-ticket')).status).toBe(400);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('delists a provider through the admission machine (a second sanction on it is then an illegal transition)', async () => {
    const other = await admittedProvider(w.t, w.officer);
    const res = await ok(sanction({ organizationId: other.id, kind: 'delist', reason: '资质造假' }));
    expect(res.kind).toBe('delist');
    const [{ admission_status }]: { admission_status: string }[] = await db().query('SELECT admission_status FROM provider_profile WHERE organization_id = $1', [other.id]);
    expect(admission_status).toBe('delisted');
    expect((await sanction({ organizationId: other.id, kind: 'suspend', reason: '再次' })).body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('judges each party by its role: a buyer delisted as a provider does not hold its seller’s claim', async () => {
    const e = w.enterprises[5];
    // the fact: the buying enterprise also has a provider profile, delisted
    await db().query(
      `INSERT INTO provider_profile (organization_id, provider_types, requested_category_ids, admitted_category_ids, admission_status, submitted_at, version)
       VALUES ($1, '{testing_lab}', '{}', '{}', 'delisted', now(), 1)`,
      [e],
    );
    const claimId = await claimed(e);
    expect((await ok(get(w.officer.token, `/api/v1/claims/${claimId}`))).flags).not.toContain('payment_held');
  });
  it('an enterprise suspended through its verification route has its unpaid claims held too', async () => {
    const e = w.enterprises[3];
    const claimId = await claimed(e);
    const suspended = await ok(post(w.officer.token, `/api/v1/admin/enterprises/${e}/verification`, { decision: 'suspend', reason: '涉嫌虚假申报' }));
    expect(suspended.status).toBe('suspended');
    expect((await ok(get(w.officer.token, `/api/v1/claims/${claimId}`))).flags).toContain('payment_held');
  });

  it('a provider suspended through the admission route: its approved money and claims in review are held (its orders run on); a held claim rejected is forfeited; a partly paid held claim forfeits only what is unpaid', async () => {
    const e = w.enterprises[4];
    const [g] = (await ok(get(w.buyer.token, `/api/v1/enterprises/${e}/grants`))) as { id: string }[];
    const partlyPaid = await claimed(e);
    await ok(decide(county, partlyPaid));
    await ok(decide(city, partlyPaid));
    const batch = await ok(post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'city' }));
    await ok(post(finance2.token, `/api/v1/admin/disbursements/${batch.id}/paid`, { bankReference: 'SUSP-1', paidOn: '2026-03-10' }));
    expect(await lineStatuses(partlyPaid)).toEqual(['paid', 'payable']);
    const inReview = await claimed(e);

    const suspended = await ok(post(w.officer.token, `/api/v1/admin/providers/${w.provider.id}/admission`, { action: 'suspend', reason: '检查期间暂停' }));
    expect(suspended.admissionStatus).toBe('suspended');
    expect((await ok(get(w.officer.token, `/api/v1/claims/${partlyPaid}`))).flags).toContain('payment_held');
    expect((await ok(get(w.officer.token, `/api/v1/claims/${inReview}`))).flags).toContain('payment_held');
    expect(await lineStatuses(partlyPaid)).toEqual(['paid', 'held']);
    expect((await post(finance1.token, '/api/v1/admin/disbursements', { programId: w.programId, sourceKey: 'jinjiang' })).body.code).toBe('NOTHING_TO_DISBURSE');

    // rejected while held: forfeited to the pools, not released to the grant
    const grantBefore = await grantAmounts(w, e, g.id);
    const pools = async () => (await balance('pool:city')) + (await balance('pool:jinjiang'));
    const poolsBefore = await pools();
    await ok(post(county.token, `/api/v1/admin/claims/${inReview}/decision`, { decision: 'reject', reason: '服务机构被暂停' }));
    expect(await grantAmounts(w, e, g.id)).toEqual({ availableFen: grantBefore.availableFen, heldFen: grantBefore.heldFen - 50_000 });
    expect((await pools()) - poolsBefore).toBe(50_000n);

    // the partly paid one: the unpaid half forfeited (payable → pool), the paid half left for a clawback
    const payableBefore = await balance('payable:jinjiang');
    const forfeited = await ok(post(w.officer.token, `/api/v1/admin/claims/${partlyPaid}/payment-hold`, { action: 'forfeit', reason: '资质造假' }));
    expect(forfeited.status).toBe('forfeited');
    expect(await lineStatuses(partlyPaid)).toEqual(['paid', 'forfeited']);
    expect(await balance('payable:jinjiang')).toBe(payableBefore - 25_000n);
    expect(await ledgerClean(w)).toBe(true);
  });

});
