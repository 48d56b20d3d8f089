/**
 * The worker's claim jobs against real PostgreSQL: the unclaimed subsidy released after the claim
 * deadline, a returned claim expiring after 30 days, a review flagged overdue after its working
 * days — each exactly once when run twice, the ledger clean.
 */
import { DataSource } from 'typeorm';
import { AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { ClaimSweeps } from '@innoserve/claims';
import { OrderSubsidiesService } from '@innoserve/vouchers';
import { createStaffAndLogin, loginAs, type AuthSession } from '../../../test/support/auth.js';
import { advanceDays, fapiaoOf, grant, grantAmounts, ledgerClean, ok, orderUntil, startWorld, uploadPdf, type World } from '../../orders/test/order-world.js';
import { JINJIANG } from '../../vouchers/test/program-support.js';

describe('claim sweeps', () => {
  let w: World;
  let county: AuthSession;
  let sweeps: ClaimSweeps;
  let grantId: string;
  const e = () => w.enterprises[0];
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });

  const completedOrder = () => orderUntil(w, e(), 'completed', { requirements: '检测' });
  const invoiceFor = (number: string, issuedOn = '2026-03-10') => fapiaoOf(w, e(), number, issuedOn);
  async function claim(orderId: string, number: string): Promise<string> {
    return (await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId, invoice: await invoiceFor(number) }))).id;
  }

  beforeAll(async () => {
    w = await startWorld({ enterprises: 1 });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    sweeps = new ClaimSweeps(w.t.app.get(DataSource), w.t.app.get(TransactionRunner), w.clock, w.t.app.get(AuditService), w.t.app.get(OrderSubsidiesService));
    grantId = await grant(w, e(), 500_000);
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('flags a review overdue after its 10 working days, once', async () => {
    const id = await claim(await completedOrder(), '30000001');
    expect(await sweeps.flagOverdue()).toBe(0);
    await advanceDays(w, 14); // 2026-03-24: the 10th working day after 03-10 is 03-24, still due
    expect(await sweeps.flagOverdue()).toBe(0);
    await advanceDays(w, 1);
    expect(await sweeps.flagOverdue()).toBe(1);
    expect(await sweeps.flagOverdue()).toBe(0);
    county = await loginAs(w.t, county.email, county.password);
    const queue = await ok(w.t.request('GET', '/api/v1/admin/claims?flag=review_overdue', { token: county.token }));
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([id]);
    // deciding moves the level on and clears the flag
    const next = await ok(post(county.token, `/api/v1/admin/claims/${id}/decision`, { decision: 'approve' }));
    expect(next.flags).toEqual([]);
  });

  it('expires a claim returned and left 30 days, releasing its hold once; releases an unclaimed order’s hold after the claim deadline, once', async () => {
    const returnedOrder = await completedOrder();
    const returned = await claim(returnedOrder, '30000002');
    await ok(post(county.token, `/api/v1/admin/claims/${returned}/decision`, { decision: 'return', reason: '请补充检测报告' }));
    const unclaimed = await completedOrder();
    const before = await grantAmounts(w, e(), grantId);

    await advanceDays(w, 30);
    expect(await sweeps.expireReturned()).toBe(0); // 30 days are not yet past
    const tenAm = w.clock.now();
    w.clock.set(new Date('2026-04-09T15:59:00Z')); // 23:59 in Shanghai on the 30th day: still not past
    expect(await sweeps.expireReturned()).toBe(0);
    w.clock.set(tenAm);
    await advanceDays(w, 1);
    expect(await sweeps.expireReturned()).toBe(1);
    expect(await sweeps.expireReturned()).toBe(0);
    const afterExpiry = await grantAmounts(w, e(), grantId);
    expect(afterExpiry).toEqual({ availableFen: before.availableFen + 50_000, heldFen: before.heldFen - 50_000 });
    expect((await ok(w.t.request('GET', `/api/v1/claims/${returned}`, { token: w.provider.owner.token }))).status).toBe('expired');

    expect(await sweeps.releaseUnclaimed()).toBe(0); // 90 days after completion not yet past
    await advanceDays(w, 60); // completion 2026-03-25 (+90 = 06-23); now 06-24
    expect(await sweeps.releaseUnclaimed()).toBe(1);
    expect(await sweeps.releaseUnclaimed()).toBe(0);
    expect(await grantAmounts(w, e(), grantId)).toEqual({ availableFen: afterExpiry.availableFen + 50_000, heldFen: afterExpiry.heldFen - 50_000 });
    const actions: { action: string }[] = await w.t.app.get(DataSource).query(`SELECT action FROM audit_entry WHERE stream_type = 'order' AND stream_id = $1 ORDER BY stream_seq DESC LIMIT 1`, [unclaimed]);
    expect(actions[0].action).toBe('order.subsidy_released');
    // too late to claim it now
    const late = await w.t.request('POST', '/api/v1/claims', { token: w.provider.owner.token, body: { orderId: unclaimed, invoice: await invoiceFor('30000003') } });
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'CLAIM_DEADLINE_PASSED', deadlineOn: '2026-06-23' });
    expect(await ledgerClean(w)).toBe(true);
  });
});

describe('review deadlines on the holiday calendar', () => {
  let w: World;
  let county: AuthSession;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 1, program: { applicationOpensOn: '2026-01-05' } });
    county = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [JINJIANG] }]);
    await advanceDays(w, -28); // 2026-02-10, a Tuesday before 春节
    await grant(w, w.enterprises[0], 200_000);
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  it('counts 10 working days across 春节 2026 (15–23 Feb off) and its make-up Saturdays (14 and 28 Feb)', async () => {
    const e = w.enterprises[0];
    const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '检测' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const [{ name, uscc }]: { name: string; uscc: string }[] = await w.t.app.get(DataSource).query('SELECT name, uscc FROM organization WHERE id = $1', [e]);
    const [{ uscc: seller }]: { uscc: string }[] = await w.t.app.get(DataSource).query('SELECT uscc FROM organization WHERE id = $1', [w.provider.id]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
    const claim = await ok(post(w.provider.owner.token, '/api/v1/claims', { orderId: order.id, invoice: { code: '3500231130', number: '60000001', issuedOn: '2026-02-10', amountFen: 100_000, sellerTaxId: seller, buyerTaxId: uscc } }));
    // 11, 12, 13, 14 (Sat, make-up), 24, 25, 26, 27, 28 (Sat, make-up), 2 March
    expect(claim.levelDueOn).toBe('2026-03-02');
    await advanceDays(w, 2); // Thursday 12 Feb
    county = await loginAs(w.t, county.email, county.password);
    const next = await ok(post(county.token, `/api/v1/admin/claims/${claim.id}/decision`, { decision: 'approve' }));
    // 13, 14 (Sat), 24, 25, 26, 27, 28 (Sat), 2, 3, 4 March
    expect(next.levelDueOn).toBe('2026-03-04');
  });
});
