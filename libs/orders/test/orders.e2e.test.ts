/**
 * Orders over HTTP, offline payments (the embedded default): search → order → quote → accept
 * (subsidy held, amounts exact) → pay → confirm → start → deliver → complete, and the ways off that
 * path: cancellation, disputes, the party rules, the version and subsidy checks, the worker's
 * timed steps.
 */
import { DataSource } from 'typeorm';
import { AuditService } from '@innoserve/audit';
import { TransactionRunner } from '@innoserve/database';
import { GrantLapseSweep, LedgerService } from '@innoserve/vouchers';
import { OrderSweeps, OrdersService } from '@innoserve/orders';
import { createStaffAndLogin, registerAndLogin } from '../../../test/support/auth.js';
import { admittedProvider } from '../../catalog/test/support.js';
import { PRICE, advanceDays, auditActionsOf, grant, grantAmounts, indexCatalog, ledgerClean, ok, publish, startWorld, uploadPdf, type World } from './order-world.js';

describe('orders over HTTP (offline payments)', () => {
  let w: World;
  let grantId: string;
  let enterpriseId: string;

  beforeAll(async () => {
    w = await startWorld({ enterprises: 7 });
    enterpriseId = w.enterprises[0];
    grantId = await grant(w, enterpriseId, 200_000);
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });

  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
  const get = (token: string, url: string) => w.t.request('GET', url, { token });
  const orderCount = async (world: World): Promise<number> => Number((await world.t.app.get(DataSource).query<{ n: number }[]>('SELECT count(*)::int AS n FROM service_order'))[0].n);
  const direct = (enterprise = enterpriseId, token = w.buyer.token) => ok(post(token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: enterprise, requirements: '检测三批面料' }));

  it('runs the whole offline lifecycle with the subsidy held and the amounts exact', async () => {
    // search finds the offering
    await indexCatalog(w);
    const found = await get(w.buyer.token, `/api/v1/search/offerings?q=${encodeURIComponent('纺织面料成分检测')}`);
    expect(found.body.items.map((i: { id: string }) => i.id)).toContain(w.offeringId);

    expect((await w.t.request('GET', '/health')).body.checks.payments).toEqual({ methods: ['offline'], webhook: null });
    const order = await direct();
    expect(order).toMatchObject({ status: 'quoted', quote: { priceFen: PRICE, quoteVersion: 1, validUntil: '2026-03-24' } });
    const seen = await ok(get(w.buyer.token, `/api/v1/orders/${order.id}`));
    expect(seen.subsidyPreview).toMatchObject({ subsidyFen: 50_000, ownShareFen: 50_000, dueFen: 50_000, grantId, capReason: null });
    // the preview shows the enterprise's grant: the provider does not see it
    expect((await ok(get(w.provider.owner.token, `/api/v1/orders/${order.id}`))).subsidyPreview).toBeNull();

    const accepted = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, { quoteVersion: 1, expectedSubsidyFen: 50_000 }));
    expect(accepted).toMatchObject({ status: 'contracted', contract: { priceFen: PRICE, subsidyFen: 50_000, ownShareFen: 50_000, dueFen: 50_000, grantId, settlementMode: 'provider_redeems' } });
    expect(await grantAmounts(w, enterpriseId, grantId)).toEqual({ availableFen: 150_000, heldFen: 50_000 });
    expect(accepted.contract).toMatchObject({ contractType: 'service', registrationNo: null, documentUrl: `/api/v1/orders/${order.id}/contract` });
    // the contract PDF: both parties and the staff covering the order; nobody else
    for (const token of [w.buyer.token, w.provider.owner.token, w.officer.token]) {
      const pdf = await w.t.request('GET', `/api/v1/orders/${order.id}/contract`, { token });
      expect({ status: pdf.status, type: pdf.headers['content-type'], magic: pdf.text.slice(0, 5) }).toEqual({ status: 200, type: 'application/pdf', magic: '%PDF-' });
    }
    expect((await get((await registerAndLogin(w.t)).token, `/api/v1/orders/${order.id}/contract`)).status).toBe(404);
    const registered = await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/contract/registration`, { registrationNo: '2026350500001234' }));
    expect(registered.contract.registrationNo).toBe('2026350500001234');

    const pay = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' });
    expect(pay.status).toBe(201);
    expect(pay.body).toMatchObject({ method: 'offline', status: 'pending', amountFen: 50_000, payee: { accountNo: '4011 2233 4455 6677' } });
    expect(pay.body.reference).toMatch(/^IS-[0-9A-Z]{10}.$/);
    // a repeat is the same payment
    const again = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(pay.body.id);

    const confirmUrl = `/api/v1/orders/${order.id}/payments/${pay.body.id}/confirm`;
    const wrongPayer = await post(w.provider.owner.token, confirmUrl, { reference: 'B20260310001', payerName: '另一家公司', payerAccountNo: '6222000011112222' });
    expect(wrongPayer.status).toBe(422);
    expect(wrongPayer.body.code).toBe('PAYER_MISMATCH');
    const names: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [enterpriseId]);
    expect((await post(w.buyer.token, confirmUrl, { reference: 'B1', payerName: names[0].name, payerAccountNo: '6222000011112222' })).status).toBe(403);
    const confirmed = await ok(post(w.provider.owner.token, confirmUrl, { reference: 'B20260310001', payerName: names[0].name, payerAccountNo: '6222 0000 1111 2222' }));
    expect(confirmed.status).toBe('succeeded');
    expect((await ok(get(w.buyer.token, `/api/v1/orders/${order.id}`))).status).toBe('paid');

    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    const report = await uploadPdf(w, w.provider.owner.token);
    const delivered = await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: report, note: '报告已出' }));
    expect(delivered).toMatchObject({ status: 'delivered', deliveryReportFileId: report, dueOn: '2026-03-24' });
    // the enterprise reads the report; a stranger cannot
    expect((await w.t.request('GET', `/api/v1/files/${report}`, { token: w.buyer.token })).status).toBe(200);
    const stranger = await registerAndLogin(w.t);
    expect((await w.t.request('GET', `/api/v1/files/${report}`, { token: stranger.token })).status).toBe(404);

    const done = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/complete`));
    expect(done.status).toBe('completed');
    const read = await ok(get(w.buyer.token, `/api/v1/orders/${order.id}`));
    // the lists: as buyer, as seller, by status; a stranger's list is empty
    expect((await ok(get(w.buyer.token, '/api/v1/orders?as=buyer&status=completed'))).items.map((o: { id: string }) => o.id)).toContain(order.id);
    expect((await ok(get(w.provider.owner.token, '/api/v1/orders?as=seller'))).items.map((o: { id: string }) => o.id)).toContain(order.id);
    expect((await ok(get(w.provider.owner.token, '/api/v1/orders?as=buyer'))).total).toBe(0);
    expect((await ok(get(stranger.token, '/api/v1/orders'))).total).toBe(0);
    expect(read.history.map((h: { action: string }) => h.action)).toEqual(['requested', 'accept', 'contract.registered', 'payment.started', 'payment.confirmed', 'paid', 'start', 'deliver', 'complete']);
    expect(await auditActionsOf(w, order.id)).toHaveLength(9);
    // the subsidy stays held for the claim
    expect(await grantAmounts(w, enterpriseId, grantId)).toEqual({ availableFen: 150_000, heldFen: 50_000 });
    expect(await ledgerClean(w)).toBe(true);
  });

  it('goes through a quote: RFQ → quote → a stale quote version or subsidy is 409 SUBSIDY_CHANGED and holds nothing', async () => {
    const rfq = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId: w.enterprises[1], requirements: '定制检测' }));
    expect(rfq).toMatchObject({ status: 'requested', quote: null, subsidyPreview: null });
    const g = await grant(w, w.enterprises[1], 300_000);
    // more than ten times the offering's maximum (500,000) is refused as a typo, and changes nothing
    const typo = await post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 5_000_001, scope: '全项目', leadTimeDays: 10, validUntil: '2026-03-20' });
    expect(typo.status).toBe(422);
    expect(typo.body).toMatchObject({ code: 'PRICE_OUT_OF_RANGE', errors: [{ field: 'priceFen' }] });
    expect((await ok(get(w.buyer.token, `/api/v1/orders/${rfq.id}`))).status).toBe('requested');
    await ok(post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 120_000, scope: '全项目', leadTimeDays: 10, validUntil: '2026-03-20' }));
    const q2 = await ok(post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 110_000, scope: '全项目', leadTimeDays: 10, validUntil: '2026-03-20' }));
    expect(q2.quote).toMatchObject({ quoteVersion: 2, priceFen: 110_000 });
    const stale = await post(w.buyer.token, `/api/v1/orders/${rfq.id}/accept`, { quoteVersion: 1, expectedSubsidyFen: 60_000 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SUBSIDY_CHANGED');
    expect(stale.body.subsidyPreview).toMatchObject({ subsidyFen: 55_000, quoteVersion: 2, priceFen: 110_000 });
    expect(await grantAmounts(w, w.enterprises[1], g)).toEqual({ availableFen: 300_000, heldFen: 0 });
    const wrongSubsidy = await post(w.buyer.token, `/api/v1/orders/${rfq.id}/accept`, { quoteVersion: 2, expectedSubsidyFen: 60_000 });
    expect(wrongSubsidy.body.code).toBe('SUBSIDY_CHANGED');
    const accepted = await ok(post(w.buyer.token, `/api/v1/orders/${rfq.id}/accept`, { quoteVersion: 2, expectedSubsidyFen: 55_000 }));
    expect(accepted.contract).toMatchObject({ priceFen: 110_000, subsidyFen: 55_000, dueFen: 55_000 });
  });

  it('refuses a per-unit order whose price times quantity is no longer an exact amount (422), nothing written', async () => {
    const huge = await publish(w.t, w.officer, w.provider, { pricing: { kind: 'per_unit', priceFen: 2 ** 50, unitName: '样品' }, title: '超大批量检测' });
    const before = await orderCount(w);
    const tooMuch = await post(w.buyer.token, '/api/v1/orders', { offeringId: huge, enterpriseId: w.enterprises[1], requirements: '批量', quantity: 10 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'PRICE_OUT_OF_RANGE', errors: [{ field: 'quantity' }] });
    expect(await orderCount(w)).toBe(before);
    const seven = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: huge, enterpriseId: w.enterprises[1], requirements: '批量', quantity: 7 }));
    expect(seven.quote).toMatchObject({ priceFen: 7 * 2 ** 50 });
  });

  it('lets a party read a file attached to many orders, whichever of them is its own, and nobody else', async () => {
    const other = await admittedProvider(w.t, w.officer);
    const otherOffering = await publish(w.t, w.officer, other, { title: '另一家机构的检测' });
    const report = await uploadPdf(w, w.buyer.token, '需求说明.pdf');
    const orders: string[] = [];
    for (let i = 0; i < 24; i++) orders.push((await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.enterprises[3], requirements: `批次${i}` }))).id);
    orders.push((await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: otherOffering, enterpriseId: w.enterprises[3], requirements: '另一家' }))).id);
    for (const id of orders) await ok(post(w.buyer.token, `/api/v1/orders/${id}/messages`, { body: '附件见需求说明', fileIds: [report] }));
    // the other provider is a party of the last order only
    expect((await get(other.owner.token, `/api/v1/files/${report}`)).status).toBe(200);
    const stranger = await registerAndLogin(w.t);
    expect((await get(stranger.token, `/api/v1/files/${report}`)).status).toBe(404);
    // staff: the city's officer covers every order; a county reviewer covering neither party's region reads nothing
    expect((await get(w.officer.token, `/api/v1/files/${report}`)).status).toBe(200);
    const far = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [['350583', '350526'].find((c) => c !== other.regionCode)!] }]);
    expect((await get(far.token, `/api/v1/files/${report}`)).status).toBe(404);
    const providerSide = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: [other.regionCode] }]);
    expect((await get(providerSide.token, `/api/v1/files/${report}`)).status).toBe(200);
  });

  it('lets the enterprise contest a confirmed transfer through the 7th calendar day (Asia/Shanghai) after the confirmation, not after', async () => {
    const ds = w.t.app.get(DataSource);
    const enterpriseId = w.enterprises[4];
    const [{ name }]: { name: string }[] = await ds.query('SELECT name FROM organization WHERE id = $1', [enterpriseId]);
    const confirmed = async (succeededAt: string): Promise<{ orderId: string; paymentId: string }> => {
      const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId, requirements: '转账' }));
      await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
      const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
      await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'B1', payerName: name, payerAccountNo: '1408012345678901234' }));
      await ds.query('UPDATE payment SET succeeded_at = $2 WHERE id = $1', [pay.id, succeededAt]);
      return { orderId: order.id, paymentId: pay.id };
    };
    // now is 2026-03-10 10:00 in Shanghai: confirmed at 00:30 on 03-03 is more than 7 × 24 hours ago, but the 7th day after is today
    const inTime = await confirmed('2026-03-03T00:30:00+08:00');
    const contested = await ok(post(w.buyer.token, `/api/v1/orders/${inTime.orderId}/payments/${inTime.paymentId}/contest`, { reason: '我司未付款' }));
    expect(contested).toMatchObject({ status: 'contested' });
    expect((await ok(get(w.officer.token, `/api/v1/orders/${inTime.orderId}`))).flags).toContain('payment_contested'); // risk flags are for staff
    // confirmed late on 03-02: its 7th day was yesterday
    const late = await confirmed('2026-03-02T23:30:00+08:00');
    const refused = await post(w.buyer.token, `/api/v1/orders/${late.orderId}/payments/${late.paymentId}/contest`, { reason: '我司未付款' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONTEST_WINDOW_CLOSED');
    // both go on to the work (the timed sweeps below count the paid orders not started)
    for (const o of [inTime, late]) await ok(post(w.provider.owner.token, `/api/v1/orders/${o.orderId}/start`));
  });

  it('refuses an expired quote with 409 QUOTE_EXPIRED', async () => {
    const rfq = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId: w.enterprises[2], requirements: '定制检测' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 80_000, scope: 's', leadTimeDays: 3, validUntil: '2026-03-10' }));
    await advanceDays(w, 1);
    try {
      const res = await post(w.buyer.token, `/api/v1/orders/${rfq.id}/accept`, {});
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('QUOTE_EXPIRED');
    } finally {
      await advanceDays(w, -1);
    }
  });

  it('holds on the grant the enterprise names at accept, and refuses another enterprise\'s grant (nothing held)', async () => {
    const e = w.enterprises[2];
    const mine = await grant(w, e, 100_000);
    const before = await grantAmounts(w, enterpriseId, grantId);
    const order = await direct(e);
    const refused = await post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, { grantId });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'GRANT_NOT_USABLE' });
    expect(await grantAmounts(w, enterpriseId, grantId)).toEqual(before);
    const accepted = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, { grantId: mine }));
    expect(accepted).toMatchObject({ status: 'contracted', contract: { subsidyFen: 50_000, grantId: mine } });
    expect(await grantAmounts(w, e, mine)).toEqual({ availableFen: 50_000, heldFen: 50_000 });
    expect(await ledgerClean(w)).toBe(true);
  });

  it('accepts after waiting for another writer of the order: the stream head read with the lock was stale, the accept runs again', async () => {
    const e = w.enterprises[2]; // its grant has 50,000 left (the test above)
    const order = await direct(e);
    const tx = w.t.app.get(TransactionRunner);
    const orders = w.t.app.get(OrdersService);
    let written!: () => void;
    let release!: () => void;
    const wrote = new Promise<void>((r) => (written = r));
    const gate = new Promise<void>((r) => (release = r));
    // another writer holds the order row and appends to its stream while the accept waits for the row
    const holder = tx.run(async (m) => {
      const o = await orders.lock(m, order.id);
      await orders.write(m, o, { entries: [{ action: 'order.probe', actorId: null, after: { probe: true } }], writeRow: false });
      written();
      await gate;
    });
    await wrote;
    const accepting = post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {});
    await new Promise((r) => setTimeout(r, 300));
    release();
    await holder;
    const accepted = await ok(accepting);
    expect(accepted).toMatchObject({ status: 'contracted', contract: { subsidyFen: 50_000 } });
    expect((await auditActionsOf(w, order.id)).slice(-2)).toEqual(['order.probe', 'order.accept']);
    expect((await grantAmounts(w, e, accepted.contract.grantId)).availableFen).toBe(0);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('answers 403 to the provider accepting its own quote, 404 to another enterprise, 409 ILLEGAL_TRANSITION to an illegal step', async () => {
    const order = await direct();
    const own = await post(w.provider.owner.token, `/api/v1/orders/${order.id}/accept`, {});
    expect(own.status).toBe(403);
    const other = await registerAndLogin(w.t);
    expect((await post(other.token, `/api/v1/orders/${order.id}/accept`, {})).status).toBe(404);
    expect((await get(other.token, `/api/v1/orders/${order.id}`)).status).toBe(404);
    const illegal = await post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`);
    expect(illegal.status).toBe(409);
    expect(illegal.body.code).toBe('ILLEGAL_TRANSITION');
    // found by the fuzzer: accepting an order that has no quote yet is 409 too, not a 500
    const rfq = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId, requirements: 'x' }));
    const early = await post(w.buyer.token, `/api/v1/orders/${rfq.id}/accept`, {});
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    // staff outside the region see nothing; staff covering it read it
    const far = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
    expect((await get(far.token, `/api/v1/orders/${order.id}`)).status).toBe(404);
    expect((await get(w.officer.token, `/api/v1/orders/${order.id}`)).status).toBe(200);
  });

  it('refuses self-dealing (422) and a member of both sides acting for both (403)', async () => {
    const self = await post(w.provider.owner.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.provider.id, requirements: '自己买自己' });
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('SELF_DEALING');
    // the buyer joins the provider, then requests as the enterprise and tries to quote as the provider
    await w.t.app.get(DataSource).query(`INSERT INTO membership (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'member')`, [w.provider.id, w.buyer.userId]);
    try {
      const rfq = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.quoteOfferingId, enterpriseId: w.enterprises[3], requirements: 'x' }));
      const both = await post(w.buyer.token, `/api/v1/orders/${rfq.id}/quote`, { priceFen: 60_000, scope: 's', leadTimeDays: 3, validUntil: '2026-03-20' });
      expect(both.status).toBe(403);
      expect(both.body.code).toBe('CONFLICT_OF_INTEREST');
      // found in review: a dual member who starts the payment for the enterprise cannot confirm that transfer for the provider
      const colleague = await registerAndLogin(w.t);
      await w.t.app.get(DataSource).query(`INSERT INTO membership (id, organization_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, 'member')`, [w.enterprises[3], colleague.userId]);
      const direct = await ok(post(colleague.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.enterprises[3], requirements: 'dual' }));
      await ok(post(colleague.token, `/api/v1/orders/${direct.id}/accept`, {}));
      const pay = await ok(post(w.buyer.token, `/api/v1/orders/${direct.id}/payments`, { method: 'offline' }));
      const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [w.enterprises[3]]);
      const self = await post(w.buyer.token, `/api/v1/orders/${direct.id}/payments/${pay.id}/confirm`, { reference: 'X', payerName: name, payerAccountNo: '6222000011112222' });
      expect({ status: self.status, code: self.body.code }).toEqual({ status: 403, code: 'CONFLICT_OF_INTEREST' });
    } finally {
      await w.t.app.get(DataSource).query(`DELETE FROM membership WHERE organization_id = $1 AND user_id = $2`, [w.provider.id, w.buyer.userId]);
    }
  });

  it('releases the whole hold and refunds what was paid on a cancellation before work starts', async () => {
    const e = w.enterprises[4];
    const g = await grant(w, e, 100_000);
    const order = await direct(e);
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 50_000, heldFen: 50_000 });
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const names: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [e]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'B2', payerName: names[0].name, payerAccountNo: '6222000011112222' }));
    const noReason = await post(w.provider.owner.token, `/api/v1/orders/${order.id}/cancel`, {});
    expect(noReason.status).toBe(400);
    const cancelled = await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/cancel`, { reason: '设备故障，无法按期检测' }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.refunds).toEqual([expect.objectContaining({ method: 'offline', status: 'pending', amountFen: 50_000 })]);
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 100_000, heldFen: 0 });
    const received = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/refunds/${cancelled.refunds[0].id}/confirm`));
    expect(received.status).toBe('succeeded');
    expect(await ledgerClean(w)).toBe(true);
  });

  it('keeps a bank transfer still awaiting confirmation confirmable after a cancellation, and refunds it when it is confirmed', async () => {
    const e = w.enterprises[6];
    const g = await grant(w, e, 100_000);
    const order = await direct(e);
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    // the enterprise has sent the money; the order is cancelled before the provider confirmed it
    const cancelled = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/cancel`, { reason: '项目取消' }));
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.payments).toEqual([expect.objectContaining({ id: pay.id, status: 'pending' })]);
    expect(cancelled.refunds).toEqual([]);
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 100_000, heldFen: 0 });
    // the transfer arrives: the provider confirms it, the order stays cancelled and the money goes back
    const names: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [e]);
    const confirmed = await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'LATE-1', payerName: names[0].name, payerAccountNo: '6222000011113333' }));
    expect(confirmed.status).toBe('succeeded');
    const after = await ok(get(w.buyer.token, `/api/v1/orders/${order.id}`));
    expect(after.status).toBe('cancelled');
    expect(after.refunds).toEqual([expect.objectContaining({ method: 'offline', status: 'pending', amountFen: 50_000 })]);
    const received = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/refunds/${after.refunds[0].id}/confirm`));
    expect(received.status).toBe('succeeded');
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 100_000, heldFen: 0 });
    expect(await ledgerClean(w)).toBe(true);
  });

  it('splits a dispute refund exactly (通兑): the provider ends with price − R, the enterprise pays (price − R) − claimable subsidy', async () => {
    const e = w.enterprises[5];
    const g = await grant(w, e, 100_000);
    const order = await direct(e);
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    const names: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [e]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'B3', payerName: names[0].name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/dispute`, { reason: '报告缺少色牢度项目' }));
    const current = await ok(get(w.officer.token, `/api/v1/orders/${order.id}`));
    // the officer's queue of disputes in its jurisdiction; a county reviewer elsewhere sees none of them
    const queue = await ok(get(w.officer.token, '/api/v1/admin/orders?status=disputed'));
    expect(queue.items.map((o: { id: string }) => o.id)).toContain(order.id);
    const elsewhere = await createStaffAndLogin(w.t, [{ role: 'county_reviewer', regionCodes: ['350583'] }]);
    expect((await ok(get(elsewhere.token, '/api/v1/admin/orders?status=disputed'))).items).toEqual([]);
    const stale = await post(w.officer.token, `/api/v1/admin/orders/${order.id}/dispute-resolution`, { outcome: 'refund', refundFen: 33_333, reason: '部分未交付', version: current.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const R = 33_333;
    const resolved = await ok(post(w.officer.token, `/api/v1/admin/orders/${order.id}/dispute-resolution`, { outcome: 'refund', refundFen: R, reason: '部分未交付', version: current.version }));
    const released = Math.floor((R * 50_000) / PRICE); // 16,666
    expect(resolved).toMatchObject({ status: 'refunded', refundFen: R, subsidyReleasedFen: released });
    expect(resolved.refunds).toEqual([expect.objectContaining({ amountFen: R - released })]);
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 50_000 + released, heldFen: 50_000 - released });
    // provider: the own share paid less its refund, plus the claimable subsidy = price − R
    const claimable = resolved.contract.subsidyFen - resolved.subsidyReleasedFen;
    const enterpriseNet = resolved.payments[0].amountFen - resolved.refunds[0].amountFen;
    expect(enterpriseNet + claimable).toBe(PRICE - R);
    // enterprise: what it paid less what it got back = (price − R) − claimable
    expect(enterpriseNet).toBe(PRICE - R - claimable);
    expect(await ledgerClean(w)).toBe(true);
  });

  it('completes delivered orders 14 days on, cancels contracts unpaid for 14 days (hold released), flags paid orders not started in 30 days', async () => {
    const e = w.enterprises[0];
    const unpaid = await direct(e);
    await ok(post(w.buyer.token, `/api/v1/orders/${unpaid.id}/accept`, {}));
    const before = await grantAmounts(w, e, grantId);
    const sweeps = new OrderSweeps(w.t.app.get(OrdersService), w.clock); // the worker's job, run here against the API's services
    await advanceDays(w, 14); // the last day to pay is today + 14: not yet
    try {
      expect(await sweeps.cancelUnpaid()).toBe(0);
      await advanceDays(w, 1);
      expect(await sweeps.cancelUnpaid()).toBeGreaterThanOrEqual(1); // with the contract an earlier test left unpaid
      expect(await sweeps.cancelUnpaid()).toBe(0); // a second run finds nothing
      const after = await ok(get(w.buyer.token, `/api/v1/orders/${unpaid.id}`));
      expect(after.status).toBe('cancelled');
      expect((await grantAmounts(w, e, grantId)).heldFen).toBe(before.heldFen - 50_000);
    } finally {
      await advanceDays(w, -15);
    }
    expect(await ledgerClean(w)).toBe(true);

    // a delivery neither accepted nor disputed completes after its 14 days; a paid order not started in 30 days is flagged for staff
    const e2 = w.enterprises[1];
    const toPaid = async () => {
      const o = await direct(e2);
      await ok(post(w.buyer.token, `/api/v1/orders/${o.id}/accept`, {}));
      const pay = await ok(post(w.buyer.token, `/api/v1/orders/${o.id}/payments`, { method: 'offline' }));
      const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [e2]);
      await ok(post(w.provider.owner.token, `/api/v1/orders/${o.id}/payments/${pay.id}/confirm`, { reference: 'S', payerName: name, payerAccountNo: '6222000011112222' }));
      return o.id as string;
    };
    const delivered = await toPaid();
    await ok(post(w.provider.owner.token, `/api/v1/orders/${delivered}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${delivered}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    const idle = await toPaid();
    await advanceDays(w, 14);
    try {
      expect(await sweeps.autoComplete()).toBe(0); // the last day to accept or dispute is today
      await advanceDays(w, 1);
      expect(await sweeps.autoComplete()).toBe(1);
      const done = await ok(get(w.buyer.token, `/api/v1/orders/${delivered}`));
      expect(done.status).toBe('completed');
      expect(done.history.at(-1)).toMatchObject({ action: 'auto-complete', actorId: null });
      expect(await sweeps.flagUnstarted()).toBe(0);
      await advanceDays(w, 16); // 31 days after payment
      expect(await sweeps.flagUnstarted()).toBe(1);
      expect(await sweeps.flagUnstarted()).toBe(0);
      expect((await ok(get(w.officer.token, `/api/v1/orders/${idle}`))).flags).toEqual(['start_overdue']);
      expect((await ok(get(w.buyer.token, `/api/v1/orders/${idle}`))).flags).toEqual([]); // staff only
    } finally {
      await advanceDays(w, -31);
    }
  });
});

describe('a contracted order runs to its end whatever happens to the parties and the grant', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 3, program: { grantExpiresOn: '2026-03-31' } });
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });

  async function contracted(enterpriseId: string): Promise<string> {
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId, requirements: 'r' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    return order.id;
  }

  async function runToCompletion(orderId: string, enterpriseId: string): Promise<void> {
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/payments`, { method: 'offline' }));
    const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [enterpriseId]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${orderId}/payments/${pay.id}/confirm`, { reference: 'R', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${orderId}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${orderId}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    expect((await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/complete`))).status).toBe('completed');
  }

  it('completes after the grant expired and lapsed, with the subsidy still held for the claim; a cancellation after the lapse sends the release on to the pools', async () => {
    const [e1, e2] = w.enterprises;
    const g1 = await grant(w, e1, 100_000);
    const g2 = await grant(w, e2, 100_000);
    const o1 = await contracted(e1);
    const o2 = await contracted(e2);
    await advanceDays(w, 30); // 2026-04-09: both grants expired on 03-31
    const sweep = new GrantLapseSweep(w.t.app.get(DataSource), w.t.app.get(TransactionRunner), w.t.app.get(LedgerService), w.t.app.get(AuditService), w.clock);
    expect(await sweep.sweep()).toBe(2);
    expect(await grantAmounts(w, e1, g1)).toEqual({ availableFen: 0, heldFen: 50_000 });
    await runToCompletion(o1, e1);
    expect(await grantAmounts(w, e1, g1)).toEqual({ availableFen: 0, heldFen: 50_000 });

    const usage = async (): Promise<string> =>
      (await w.t.app.get(DataSource).query<{ used: string }[]>('SELECT u.used_fen::text AS used FROM voucher_group_cap_usage u JOIN voucher_grant g ON g.group_key = u.group_key AND g.program_id = u.program_id WHERE g.id = $1', [g2]))[0].used;
    const before = await usage();
    await ok(post(w.buyer.token, `/api/v1/orders/${o2}/cancel`, { reason: '不再需要' }));
    expect(await grantAmounts(w, e2, g2)).toEqual({ availableFen: 0, heldFen: 0 }); // not back on the lapsed grant
    expect(BigInt(await usage())).toBe(BigInt(before) - 50_000n);
    const [lapsed]: { lapsed_fen: string }[] = await w.t.app.get(DataSource).query('SELECT lapsed_fen::text FROM voucher_grant WHERE id = $1', [g2]);
    expect(lapsed.lapsed_fen).toBe('100000');
    expect(await ledgerClean(w)).toBe(true);
  });

  it('completes after the provider was suspended and the enterprise edited its identity', async () => {
    const e3 = w.enterprises[2];
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e3, requirements: 'r' }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    await ok(post(w.officer.token, `/api/v1/admin/providers/${w.provider.id}/admission`, { action: 'suspend', reason: '年检未通过' }));
    await w.t.app.get(DataSource).query(`UPDATE organization SET legal_representative = '李四' WHERE id = $1`, [e3]);
    await runToCompletion(order.id, e3);
    // a new request is refused while the provider is suspended
    const fresh = await post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e3, requirements: 'r' });
    expect(fresh.status).toBe(404);
    await ok(post(w.officer.token, `/api/v1/admin/providers/${w.provider.id}/admission`, { action: 'reinstate', reason: '整改完成' }));
  });
});

describe('money under contention and in the 通用 mode', () => {
  let w: World;
  beforeAll(async () => {
    w = await startWorld({ enterprises: 2, program: { settlementMode: 'enterprise_reimbursed', providerAnnualCapFen: 120_000 } });
  }, 180_000);
  afterAll(async () => {
    await w.t.close();
  });
  const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });

  it('never over-holds when ten accepts on one grant race, nor past the provider cap', async () => {
    const e = w.enterprises[0];
    const g = await grant(w, e, 130_000);
    const orders: string[] = [];
    for (let i = 0; i < 10; i++) orders.push((await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: `race ${i}` }))).id);
    const answers = await Promise.all(orders.map((id) => post(w.buyer.token, `/api/v1/orders/${id}/accept`, {})));
    expect(answers.map((a) => a.status)).toEqual(orders.map(() => 200));
    const subsidies = answers.map((a) => a.body.contract.subsidyFen as number);
    const total = subsidies.reduce((s, x) => s + x, 0);
    // the provider cap (120,000) binds before the grant (130,000): 50,000 + 50,000 + 20,000, then nothing
    expect(total).toBe(120_000);
    expect([...subsidies].sort((a, b) => b - a).slice(0, 3)).toEqual([50_000, 50_000, 20_000]);
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 10_000, heldFen: 120_000 });
    const [cap]: { used: string }[] = await w.t.app.get(DataSource).query('SELECT used_fen::text AS used FROM voucher_provider_cap_usage WHERE provider_id = $1', [w.provider.id]);
    expect(cap.used).toBe('120000');
    // what the cap cut is said in words before accepting
    const next = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: 'after' }));
    const seen = await ok(w.t.request('GET', `/api/v1/orders/${next.id}`, { token: w.buyer.token }));
    expect(seen.subsidyPreview).toMatchObject({ subsidyFen: 0, capReason: 'provider_cap', capReasonText: expect.stringContaining('额度') });
    expect(await ledgerClean(w)).toBe(true);
    // give the cap back for the next test
    for (const id of orders) await ok(post(w.buyer.token, `/api/v1/orders/${id}/cancel`, { reason: '测试结束' }));
  });

  it('splits a dispute refund under 通用: the enterprise paid the full price and gets R back; the provider ends with price − R', async () => {
    const e = w.enterprises[1];
    const g = await grant(w, e, 100_000);
    const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: '通用' }));
    const accepted = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
    expect(accepted.contract).toMatchObject({ settlementMode: 'enterprise_reimbursed', subsidyFen: 50_000, dueFen: PRICE });
    const pay = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'offline' }));
    expect(pay.amountFen).toBe(PRICE);
    const [{ name }]: { name: string }[] = await w.t.app.get(DataSource).query('SELECT name FROM organization WHERE id = $1', [e]);
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/payments/${pay.id}/confirm`, { reference: 'T', payerName: name, payerAccountNo: '6222000011112222' }));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/start`));
    await ok(post(w.provider.owner.token, `/api/v1/orders/${order.id}/deliver`, { reportFileId: await uploadPdf(w, w.provider.owner.token) }));
    await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/dispute`, { reason: '未达标' }));
    const R = 40_001;
    const resolved = await ok(post(w.officer.token, `/api/v1/admin/orders/${order.id}/dispute-resolution`, { outcome: 'refund', refundFen: R, reason: '部分退款' }));
    const released = Math.floor((R * 50_000) / PRICE); // 20,000
    expect(resolved.refunds).toEqual([expect.objectContaining({ amountFen: R })]); // R in full
    expect(await grantAmounts(w, e, g)).toEqual({ availableFen: 50_000 + released, heldFen: 50_000 - released });
    // the provider keeps what was paid less what it refunds: price − R; the enterprise's net cost is that less the claimable subsidy it is reimbursed
    const providerKeeps = resolved.payments[0].amountFen - resolved.refunds[0].amountFen;
    expect(providerKeeps).toBe(PRICE - R);
    expect(providerKeeps - (resolved.contract.subsidyFen - resolved.subsidyReleasedFen)).toBe(PRICE - R - (50_000 - released));
    expect(await ledgerClean(w)).toBe(true);
  });

  it('shares the provider cap exactly when accepts on different grants race for it (a refused reservation runs again on the new usage)', async () => {
    const [used0]: { used: string }[] = await w.t.app.get(DataSource).query('SELECT used_fen::text AS used FROM voucher_provider_cap_usage WHERE provider_id = $1', [w.provider.id]);
    const room = 120_000 - Number(used0.used);
    const buyers = [w.enterprises[0], w.enterprises[0], w.enterprises[1]];
    const ids: string[] = [];
    for (const e of buyers) ids.push((await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: 'cap race' }))).id);
    const answers = await Promise.all(ids.map((id) => post(w.buyer.token, `/api/v1/orders/${id}/accept`, {})));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const total = answers.reduce((sum, a) => sum + (a.body.contract.subsidyFen as number), 0);
    expect(total).toBe(Math.min(room, 150_000));
    const [used1]: { used: string }[] = await w.t.app.get(DataSource).query('SELECT used_fen::text AS used FROM voucher_provider_cap_usage WHERE provider_id = $1', [w.provider.id]);
    expect(Number(used1.used)).toBe(120_000);
    expect(await ledgerClean(w)).toBe(true);
  });
});
