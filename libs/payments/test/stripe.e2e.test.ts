/**
 * The Stripe side of payments against stripe-mock (Stripe's own mock of its API; never an
 * imitation of ours): the gateway's requests, Connect onboarding, the webhook (signature on the raw
 * body, each event applied once, events out of order), a card payment through an order, the
 * refund with reverse_transfer, and a reversal after the fact.
 */
import { jest } from '@jest/globals';
import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { AuditService } from '@innoserve/audit';
import { OutboxService, TransactionRunner } from '@innoserve/database';
import { OrganizationsService } from '@innoserve/organizations';
import { PaymentsService, StripeConnectService, StripeGateway, StripePaymentEvents, StripeWebhooks, stripeClient, stripeProblem, type StripeSetup } from '@innoserve/payments';
import type { Principal } from '@innoserve/identity';
import { admittedProvider } from '../../catalog/test/support.js';
import { grant, ok, startWorld, type World } from '../../orders/test/order-world.js';

const MOCK = process.env.INNOSERVE_TEST_STRIPE_MOCK;
const SECRET = 'whsec_test_innoserve_webhook_secret';
const KEY = 'sk_test_innoserve';
if (!MOCK) process.stdout.write('stripe.e2e: SKIPPED: no stripe-mock (go install github.com/stripe/stripe-mock@v0.203.0)\n');

/** Which of Stripe's errors are its final answer (a refund then marked failed) and which are retried with the same key. */
describe('stripeProblem', () => {
  const raw = { message: 'm' };
  it.each([
    ['a card declined', 422, 'PAYMENT_PROVIDER_REFUSED', new Stripe.errors.StripeCardError({ ...raw, type: 'card_error' })],
    ['a request Stripe will not do', 422, 'PAYMENT_PROVIDER_REFUSED', new Stripe.errors.StripeInvalidRequestError({ ...raw, type: 'invalid_request_error' })],
    ['our key refused (rotated)', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripeAuthenticationError({ ...raw, type: 'authentication_error' })],
    ['a permission not granted yet', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripePermissionError({ ...raw, type: 'invalid_request_error' })],
    ['the same key still running', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripeIdempotencyError({ ...raw, type: 'idempotency_error' })],
    ['Stripe’s own error', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripeAPIError({ ...raw, type: 'api_error' })],
    ['rate limited', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripeRateLimitError({ ...raw, type: 'rate_limit_error' })],
    ['unreachable', 502, 'PAYMENT_PROVIDER_UNAVAILABLE', new Stripe.errors.StripeConnectionError({ ...raw, type: 'api_error' })],
  ])('%s → %d %s', (_what, status, code, error) => {
    expect(stripeProblem(error)).toMatchObject({ status, code });
  });
  it('passes on what is not Stripe’s', () => {
    const e = new TypeError('x');
    expect(stripeProblem(e)).toBe(e);
  });
});

(MOCK ? describe : describe.skip)('Stripe against stripe-mock', () => {
  describe('the gateway', () => {
    const gateway = new StripeGateway(stripeClient({ secretKey: KEY, apiBase: MOCK, applicationFeeBp: 100 }), { applicationFeeBp: 100 });

    it('creates a CNY destination-charge PaymentIntent with the fee and maps its state', async () => {
      const started = await gateway.start({ paymentId: '0c9a4d0e-4f3b-4a55-9a37-1f1d6c1c9d01', orderId: 'o', amountFen: 50_000n, description: 'd', payee: null, connectedAccountId: 'acct_1Example', applicationFeeFen: 500n });
      expect(started).toMatchObject({ kind: 'card', externalId: expect.stringMatching(/^pi_/), clientSecret: expect.any(String) });
      expect(gateway.applicationFeeFen(50_000n)).toBe(500n);
      const status = await gateway.paymentStatus(started.kind === 'card' ? started.externalId : '');
      expect(status?.status).toMatch(/pending|succeeded|canceled|failed/);
    });

    it('refunds with reverse_transfer and the application fee', async () => {
      const r = await gateway.refund({ refundId: '0c9a4d0e-4f3b-4a55-9a37-1f1d6c1c9d02', externalPaymentId: 'pi_123', amountFen: 1_000n, reason: 'x' });
      expect(r).toMatchObject({ kind: 'card', externalId: expect.stringMatching(/^re_/) });
    });

    it('creates a Connect Express account and an onboarding link', async () => {
      const { accountId } = await gateway.createConnectedAccount({ providerId: 'p1', email: 'p@example.com', businessName: '泉州示例检测' });
      expect(accountId).toMatch(/^acct_/);
      const link = await gateway.accountLink({ accountId, refreshUrl: 'http://localhost/r', returnUrl: 'http://localhost/d' });
      expect(link.url).toMatch(/^https?:\/\//);
    });

    it('answers 502 PAYMENT_PROVIDER_UNAVAILABLE, not a final refusal, when Stripe refuses our key (a refund is retried, never marked failed)', async () => {
      const badKey = new StripeGateway(stripeClient({ secretKey: 'not_a_stripe_key', apiBase: MOCK, applicationFeeBp: 0 }), { applicationFeeBp: 0 });
      await expect(badKey.refund({ refundId: '0c9a4d0e-4f3b-4a55-9a37-1f1d6c1c9d03', externalPaymentId: 'pi_123', amountFen: 1_000n, reason: 'x' })).rejects.toMatchObject({ status: 502, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    });

    it('answers 502 PAYMENT_PROVIDER_UNAVAILABLE when Stripe cannot be reached', async () => {
      const down = new StripeGateway(stripeClient({ secretKey: KEY, apiBase: 'http://127.0.0.1:9', applicationFeeBp: 0 }), { applicationFeeBp: 0 });
      await expect(down.createConnectedAccount({ providerId: 'p2', email: null, businessName: 'x' })).rejects.toMatchObject({ status: 502, code: 'PAYMENT_PROVIDER_UNAVAILABLE' });
    });
  });

  describe('over HTTP', () => {
    let w: World;
    let accountId: string;
    const signer = new Stripe(KEY);
    beforeAll(async () => {
      w = await startWorld({ enterprises: 4, env: { STRIPE_SECRET_KEY: KEY, STRIPE_WEBHOOK_SECRET: SECRET, STRIPE_API_BASE: MOCK! } });
    }, 180_000);
    afterAll(async () => {
      await w.t.close();
    });

    const post = (token: string, url: string, body?: unknown) => w.t.request('POST', url, { token, body });
    let seq = 0;
    function event(type: string, object: Record<string, unknown>, created = Math.floor(w.clock.now().getTime() / 1000)): { id: string; payload: string } {
      const id = `evt_test_${Date.now()}_${seq++}`;
      const payload = JSON.stringify({ id, object: 'event', type, created, api_version: '2026-11-18.endive', livemode: false, pending_webhooks: 0, request: null, data: { object } });
      return { id, payload };
    }
    const deliver = (payload: string, signature = signer.webhooks.generateTestHeaderString({ payload, secret: SECRET })) =>
      w.t.request('POST', '/api/v1/payments/stripe/webhook', { rawBody: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } });

    it('onboards a provider to Connect and keeps its account state from account.updated, newest event winning', async () => {
      expect((await w.t.request('GET', '/health')).body.checks.payments).toEqual({ methods: ['offline', 'stripe'], webhook: 'verified' });
      const res = await ok(post(w.provider.owner.token, `/api/v1/providers/${w.provider.id}/stripe/onboarding`));
      expect(res.url).toMatch(/^https?:\/\//);
      expect(res.account).toMatchObject({ status: 'onboarding', chargesEnabled: false });
      accountId = res.account.accountId;
      const now = Math.floor(w.clock.now().getTime() / 1000);
      const newer = event('account.updated', { id: accountId, object: 'account', charges_enabled: true, details_submitted: true }, now + 10);
      const older = event('account.updated', { id: accountId, object: 'account', charges_enabled: false, details_submitted: false }, now);
      expect((await deliver(newer.payload)).status).toBe(200);
      expect((await deliver(older.payload)).status).toBe(200); // arrives late: stored, changes nothing
      const account = await ok(w.t.request('GET', `/api/v1/providers/${w.provider.id}/stripe/account`, { token: w.provider.owner.token }));
      expect(account).toMatchObject({ accountId, chargesEnabled: true, status: 'active' });
      const stranger = await w.t.request('POST', `/api/v1/providers/${w.provider.id}/stripe/onboarding`, { token: w.buyer.token });
      expect(stranger.status).toBe(404);
    });

    it('refuses a bad signature with 400 and stores nothing', async () => {
      const e = event('account.updated', { id: accountId, object: 'account', charges_enabled: false });
      const bad = await deliver(e.payload, signer.webhooks.generateTestHeaderString({ payload: e.payload, secret: 'whsec_wrong' }));
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      const tampered = await deliver(e.payload.replace('false', 'true '), signer.webhooks.generateTestHeaderString({ payload: e.payload, secret: SECRET }));
      expect(tampered.status).toBe(400);
      const rows: unknown[] = await w.t.app.get(DataSource).query('SELECT 1 FROM stripe_event WHERE id = $1', [e.id]);
      expect(rows).toHaveLength(0);
    });

    it('pays an order by card: PaymentIntent on the connected account, paid once on payment_intent.succeeded replayed 10 times, even after a late cancel event', async () => {
      const e = w.enterprises[0];
      await grant(w, e, 100_000);
      const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements: 'card' }));
      await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
      const pay = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'stripe' });
      expect(pay.status).toBe(201);
      expect(pay.body).toMatchObject({ method: 'stripe', status: 'pending', amountFen: 50_000, clientSecret: expect.any(String) });
      const [row]: { external_id: string; connected_account_id: string }[] = await w.t.app.get(DataSource).query('SELECT external_id, connected_account_id FROM payment WHERE id = $1', [pay.body.id]);
      expect(row.connected_account_id).toBe(accountId);
      const succeeded = event('payment_intent.succeeded', { id: row.external_id, object: 'payment_intent', status: 'succeeded', amount: 50_000, amount_received: 50_000, currency: 'cny', metadata: { paymentId: pay.body.id } });
      for (let i = 0; i < 10; i++) expect((await deliver(succeeded.payload)).status).toBe(200);
      const late = event('payment_intent.canceled', { id: row.external_id, object: 'payment_intent', status: 'canceled', metadata: { paymentId: pay.body.id } }, 1);
      expect((await deliver(late.payload)).status).toBe(200);
      const read = await ok(w.t.request('GET', `/api/v1/orders/${order.id}`, { token: w.buyer.token }));
      expect(read.status).toBe('paid');
      expect(read.payments[0].status).toBe('succeeded');
      expect(read.history.filter((h: { action: string }) => h.action === 'paid')).toHaveLength(1);
      const [applied]: { n: number }[] = await w.t.app.get(DataSource).query('SELECT count(*)::int AS n FROM stripe_event WHERE id = $1 AND applied_at IS NOT NULL', [succeeded.id]);
      expect(applied.n).toBe(1);

      // cancelled before work starts: a card refund with reverse_transfer, started after the commit (the worker's handler here)
      const cancelled = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/cancel`, { reason: '计划变更' }));
      expect(cancelled.refunds).toEqual([expect.objectContaining({ method: 'stripe', status: 'initiating', amountFen: 50_000 })]);
      const refund = await w.t.app.get(PaymentsService).initiateRefund(cancelled.refunds[0].id, true);
      expect(refund).toMatchObject({ externalId: expect.stringMatching(/^re_/) });
      expect(['pending', 'succeeded']).toContain(refund!.status);

      // money taken back beyond our refunds (a chargeback or a refund in the dashboard) is recorded for the claim's reviewers
      const charge = event('charge.refunded', { id: 'ch_1', object: 'charge', payment_intent: row.external_id, amount: 50_000, amount_refunded: 50_000 + 7_000 });
      await deliver(charge.payload);
      const [p]: { reversed_fen: string }[] = await w.t.app.get(DataSource).query('SELECT reversed_fen::text FROM payment WHERE id = $1', [pay.body.id]);
      expect(p.reversed_fen).toBe('7000');
    });

    it('offers card payment only when the provider has an enabled connected account', async () => {
      const other = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.enterprises[1], requirements: 'x' }));
      await ok(post(w.buyer.token, `/api/v1/orders/${other.id}/accept`, {}));
      await w.t.app.get(DataSource).query('UPDATE provider_payment_account SET charges_enabled = false WHERE provider_id = $1', [w.provider.id]);
      const refused = await post(w.buyer.token, `/api/v1/orders/${other.id}/payments`, { method: 'stripe' });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('PAYMENT_METHOD_UNAVAILABLE');
      await w.t.app.get(DataSource).query('UPDATE provider_payment_account SET charges_enabled = true WHERE provider_id = $1', [w.provider.id]);
    });

    it('cancels the PaymentIntent at Stripe when an order whose card payment awaits the customer is cancelled (key cancel:<payment id>)', async () => {
      const ds = w.t.app.get(DataSource);
      const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: w.enterprises[2], requirements: 'card, then cancelled' }));
      await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
      const pay = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'stripe' });
      expect(pay.body).toMatchObject({ status: 'pending', clientSecret: expect.any(String) });
      const [row]: { external_id: string }[] = await ds.query('SELECT external_id FROM payment WHERE id = $1', [pay.body.id]);
      const cancelled = await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/cancel`, { reason: '改用线下付款' }));
      expect(cancelled).toMatchObject({ status: 'cancelled', refunds: [] });
      expect(cancelled.payments).toEqual([expect.objectContaining({ id: pay.body.id, status: 'canceled' })]);
      // committed with the cancellation: the worker's message, ordered after the payment's start
      const [queued]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'payments.cancel' AND payload->>'paymentId' = $1 AND ordering_key = $2`, [pay.body.id, `payment:${pay.body.id}`]);
      expect(queued.n).toBe(1);
      // the worker's handler: the intent cancelled at Stripe (stripe-mock) with the payment's key
      const payments = w.t.app.get(PaymentsService);
      const gateway = (payments as unknown as { gateways: { of(method: string): StripeGateway } }).gateways.of('stripe');
      const spy = jest.spyOn(gateway.stripe.paymentIntents, 'cancel');
      try {
        expect(await payments.cancelAtProcessor(pay.body.id)).toBe('canceled');
        expect(spy).toHaveBeenCalledWith(row.external_id, { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel:${pay.body.id}` });
      } finally {
        spy.mockRestore();
      }
      // a payment that is not called off is never cancelled at the processor
      expect(await payments.cancelAtProcessor('0c9a4d0e-4f3b-4a55-9a37-1f1d6c1c9d09')).toBe('not_canceled');
    });

    it('learns the intent from the success event when the start’s answer was lost, and reconciles past one that Stripe cannot answer', async () => {
      const ds = w.t.app.get(DataSource);
      const e = w.enterprises[3];
      const cardPayment = async (requirements: string) => {
        const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId: e, requirements }));
        await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
        const pay = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'stripe' });
        expect(pay.body.status).toBe('pending');
        return { orderId: order.id as string, paymentId: pay.body.id as string };
      };

      // the start's answer never reached us: the payment knows no intent, and the success event names it
      const lost = await cardPayment('answer lost');
      await ds.query('UPDATE payment SET external_id = NULL WHERE id = $1', [lost.paymentId]);
      const succeeded = event('payment_intent.succeeded', { id: 'pi_named_by_the_event', object: 'payment_intent', status: 'succeeded', amount: 100_000, amount_received: 100_000, currency: 'cny', metadata: { paymentId: lost.paymentId } });
      expect((await deliver(succeeded.payload)).status).toBe(200);
      const [known]: { status: string; external_id: string | null }[] = await ds.query('SELECT status, external_id FROM payment WHERE id = $1', [lost.paymentId]);
      expect(known).toEqual({ status: 'succeeded', external_id: 'pi_named_by_the_event' });

      // a refund whose webhook was missed, behind a payment Stripe answers with an error (stripe-mock: 404)
      const refunded = await cardPayment('refund webhook missed');
      const paid = event('payment_intent.succeeded', { id: 'pi_refund_missed', object: 'payment_intent', status: 'succeeded', amount: 100_000, amount_received: 100_000, currency: 'cny', metadata: { paymentId: refunded.paymentId } });
      await ds.query('UPDATE payment SET external_id = NULL WHERE id = $1', [refunded.paymentId]);
      expect((await deliver(paid.payload)).status).toBe(200);
      const cancelled = await ok(post(w.buyer.token, `/api/v1/orders/${refunded.orderId}/cancel`, { reason: '计划变更' }));
      const refundId = cancelled.refunds[0].id as string;
      await w.t.app.get(PaymentsService).initiateRefund(refundId, true);
      const longAgo = new Date(w.clock.now().getTime() - 60 * 60 * 1000);
      await ds.query(`UPDATE payment_refund SET status = 'pending', updated_at = $2 WHERE id = $1`, [refundId, longAgo]);
      const broken = await cardPayment('Stripe cannot answer');
      await ds.query(`UPDATE payment SET external_id = 'pi_ unknown', updated_at = $2 WHERE id = $1`, [broken.paymentId, new Date(longAgo.getTime() - 1000)]);

      expect(await w.t.app.get(StripePaymentEvents).reconcile()).toBe(1);
      const [refund]: { status: string }[] = await ds.query('SELECT status FROM payment_refund WHERE id = $1', [refundId]);
      expect(refund.status).toBe('succeeded'); // stripe-mock's refund has succeeded
      const [still]: { status: string }[] = await ds.query('SELECT status FROM payment WHERE id = $1', [broken.paymentId]);
      expect(still.status).toBe('pending'); // left for the next run

      // a refund Stripe reports failed (its answer to us lost): the money did not go back, so the order is flagged for staff
      const failing = await cardPayment('refund fails');
      await ds.query('UPDATE payment SET external_id = NULL WHERE id = $1', [failing.paymentId]);
      expect((await deliver(event('payment_intent.succeeded', { id: 'pi_refund_fails', object: 'payment_intent', status: 'succeeded', amount: 100_000, amount_received: 100_000, currency: 'cny', metadata: { paymentId: failing.paymentId } }).payload)).status).toBe(200);
      const gone = await ok(post(w.buyer.token, `/api/v1/orders/${failing.orderId}/cancel`, { reason: '计划变更' }));
      const failedRefundId = gone.refunds[0].id as string;
      const failed = event('refund.updated', { id: 're_fails', object: 'refund', status: 'failed', amount: 100_000, metadata: { refundId: failedRefundId } });
      for (let i = 0; i < 3; i++) expect((await deliver(failed.payload)).status).toBe(200);
      const [fr]: { status: string; external_id: string }[] = await ds.query('SELECT status, external_id FROM payment_refund WHERE id = $1', [failedRefundId]);
      expect(fr).toEqual({ status: 'failed', external_id: 're_fails' });
      const staffView = await ok(w.t.request('GET', `/api/v1/orders/${failing.orderId}`, { token: w.officer.token }));
      expect(staffView.flags).toContain('refund_failed');
      expect(staffView.history.filter((h: { action: string }) => h.action === 'refund.failed')).toHaveLength(1);
      expect(await w.t.app.get(PaymentsService).initiateRefund(failedRefundId, true)).toMatchObject({ status: 'failed' }); // the worker's start finds it settled
    });

    /** An order paid by card, the payment pending at Stripe (stripe-mock), for the tests below. */
    const pendingCard = async (enterpriseId: string, requirements: string) => {
      const order = await ok(post(w.buyer.token, '/api/v1/orders', { offeringId: w.offeringId, enterpriseId, requirements }));
      await ok(post(w.buyer.token, `/api/v1/orders/${order.id}/accept`, {}));
      const pay = await post(w.buyer.token, `/api/v1/orders/${order.id}/payments`, { method: 'stripe' });
      expect(pay.body.status).toBe('pending');
      return { orderId: order.id as string, paymentId: pay.body.id as string };
    };
    const stripeOf = () => {
      const payments: unknown = w.t.app.get(PaymentsService);
      return (payments as { gateways: { of(method: string): StripeGateway } }).gateways.of('stripe').stripe;
    };

    it('refunds a card payment that succeeded as its order was cancelled, when Stripe refuses the cancellation and the success webhook never comes', async () => {
      const ds = w.t.app.get(DataSource);
      const { orderId, paymentId } = await pendingCard(w.enterprises[2], 'paid while being cancelled');
      const cancelled = await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/cancel`, { reason: '计划变更' }));
      expect(cancelled.payments[0]).toMatchObject({ id: paymentId, status: 'canceled' });
      const [{ external_id: intentId }]: { external_id: string }[] = await ds.query('SELECT external_id FROM payment WHERE id = $1', [paymentId]);
      // fault injection on the two calls stripe-mock cannot be told to answer this way: Stripe's refusal
      // to cancel an intent that already succeeded, and the intent (stripe-mock's own) as succeeded
      const stripe = stripeOf();
      const real = await stripe.paymentIntents.retrieve(intentId);
      const cancel = jest.spyOn(stripe.paymentIntents, 'cancel').mockRejectedValue(
        new Stripe.errors.StripeInvalidRequestError({ type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'You cannot cancel this PaymentIntent because it has a status of succeeded.' }),
      );
      const retrieve = jest.spyOn(stripe.paymentIntents, 'retrieve').mockResolvedValue({ ...real, id: intentId, status: 'succeeded' });
      try {
        expect(await w.t.app.get(PaymentsService).cancelAtProcessor(paymentId)).toBe('succeeded');
        expect(retrieve).toHaveBeenCalledWith(intentId);
      } finally {
        cancel.mockRestore();
        retrieve.mockRestore();
      }
      const [payment]: { status: string }[] = await ds.query('SELECT status FROM payment WHERE id = $1', [paymentId]);
      expect(payment.status).toBe('succeeded');
      const after = await ok(w.t.request('GET', `/api/v1/orders/${orderId}`, { token: w.buyer.token }));
      expect(after.status).toBe('cancelled');
      expect(after.refunds).toEqual([expect.objectContaining({ amountFen: after.payments[0].amountFen, paymentId })]);
      const [queued]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'payments.refund' AND payload->>'refundId' = $1`, [after.refunds[0].id]);
      expect(queued.n).toBe(1);
      // the handler again (an outbox retry): the payment is no longer called off, nothing more happens
      expect(await w.t.app.get(PaymentsService).cancelAtProcessor(paymentId)).toBe('not_canceled');
      expect((await ok(w.t.request('GET', `/api/v1/orders/${orderId}`, { token: w.buyer.token }))).refunds).toHaveLength(1);
    });

    it('cancels at Stripe an intent it learns of only after the payment was called off (its id from a later event)', async () => {
      const ds = w.t.app.get(DataSource);
      const { orderId, paymentId } = await pendingCard(w.enterprises[2], 'intent learnt late');
      await ds.query('UPDATE payment SET external_id = NULL WHERE id = $1', [paymentId]);
      await ok(post(w.buyer.token, `/api/v1/orders/${orderId}/cancel`, { reason: '计划变更' }));
      const count = async (): Promise<number> =>
        (await ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'payments.cancel' AND payload->>'paymentId' = $1`, [paymentId]))[0].n;
      const before = await count();
      expect(await w.t.app.get(PaymentsService).cancelAtProcessor(paymentId)).toBe('not_started');
      const failed = event('payment_intent.payment_failed', { id: 'pi_learnt_late', object: 'payment_intent', status: 'requires_payment_method', amount: 100_000, currency: 'cny', metadata: { paymentId } });
      expect((await deliver(failed.payload)).status).toBe(200);
      const [row]: { status: string; external_id: string }[] = await ds.query('SELECT status, external_id FROM payment WHERE id = $1', [paymentId]);
      expect(row).toEqual({ status: 'canceled', external_id: 'pi_learnt_late' });
      expect(await count()).toBe(before + 1);
      const spy = jest.spyOn(stripeOf().paymentIntents, 'cancel');
      try {
        expect(await w.t.app.get(PaymentsService).cancelAtProcessor(paymentId)).toBe('canceled');
        expect(spy).toHaveBeenCalledWith('pi_learnt_late', { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel:${paymentId}` });
      } finally {
        spy.mockRestore();
      }
    });

    it('reconciles the least recently asked first, so payments that never change cannot keep the others waiting; asks about payments called off in the last 7 days', async () => {
      const ds = w.t.app.get(DataSource);
      const events = w.t.app.get(StripePaymentEvents);
      // whatever earlier tests left open is asked first (never asked): out of the way
      await events.reconcile();
      const hourAgo = new Date(w.clock.now().getTime() - 60 * 60 * 1000);
      const a = await pendingCard(w.enterprises[3], 'abandoned checkout A');
      const b = await pendingCard(w.enterprises[3], 'abandoned checkout B');
      const c = await pendingCard(w.enterprises[2], 'called off, asked again');
      await ok(post(w.buyer.token, `/api/v1/orders/${c.orderId}/cancel`, { reason: '计划变更' }));
      await ds.query('UPDATE payment SET updated_at = $2 WHERE id = ANY($1)', [[a.paymentId, b.paymentId, c.paymentId], hourAgo]);
      const old = await ds.query(`SELECT id FROM payment WHERE method = 'stripe' AND reconciled_at IS NOT NULL AND status IN ('pending','canceled')`);
      events.batchSize = 1;
      try {
        const asked: string[] = [];
        for (let run = 0; run < 3; run++) {
          const stamped = new Date(w.clock.now().getTime() + run * 1000);
          w.clock.set(stamped);
          await events.reconcile();
          const [row]: { id: string }[] = await ds.query(`SELECT id FROM payment WHERE reconciled_at = $1`, [stamped]);
          asked.push(row.id);
        }
        // three runs of one each: three different payments, never the same abandoned one again
        expect(new Set(asked).size).toBe(3);
        expect(asked.sort()).toEqual([a.paymentId, b.paymentId, c.paymentId].sort());
        // then the least recently asked: the earlier tests' payments before these three again
        if (old.length > 0) {
          w.clock.set(new Date(w.clock.now().getTime() + 1000));
          await events.reconcile();
          const [row]: { id: string }[] = await ds.query(`SELECT id FROM payment WHERE reconciled_at = $1`, [w.clock.now()]);
          expect(old.map((o: { id: string }) => o.id)).toContain(row.id);
        }
      } finally {
        events.batchSize = 200;
      }
    });

    it('commits the onboarding when Stripe is down, and the worker finishes it with the same key', async () => {
      const ds = w.t.app.get(DataSource);
      const provider = await admittedProvider(w.t, w.officer);
      const downSetup = { stripe: null, gateway: new StripeGateway(stripeClient({ secretKey: KEY, apiBase: 'http://127.0.0.1:9', applicationFeeBp: 0 }), { applicationFeeBp: 0 }), settings: { webhookSecret: SECRET, publicBaseUrl: 'http://localhost:3000' } } as unknown as StripeSetup;
      const services = [ds, w.t.app.get(TransactionRunner), w.t.app.get(OutboxService), w.t.app.get(AuditService), w.t.app.get(OrganizationsService)] as const;
      const down = new StripeConnectService(...services, downSetup, w.t.app.get(StripeWebhooks));
      const me: Principal = { userId: provider.owner.userId, email: provider.owner.email, displayName: 'p', locale: 'zh', staff: [] };
      const answer = await down.onboarding(me, provider.id);
      expect(answer).toMatchObject({ url: null, account: { status: 'pending', accountId: null, lastError: expect.stringMatching(/./) } });
      const [outbox]: { n: number }[] = await ds.query(`SELECT count(*)::int AS n FROM outbox_message WHERE topic = 'payments.connect-account' AND payload->>'providerId' = $1`, [provider.id]);
      expect(outbox.n).toBe(1);
      // the worker's handler, with Stripe back
      await w.t.app.get(StripeConnectService).ensureAccount(provider.id, true);
      const account = await ok(w.t.request('GET', `/api/v1/providers/${provider.id}/stripe/account`, { token: provider.owner.token }));
      expect(account).toMatchObject({ accountId: expect.stringMatching(/^acct_/), status: 'onboarding', lastError: null });
    });

  });
});
