import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type Stripe from 'stripe';
import { Between, DataSource, In, IsNull, LessThan, Not, type EntityManager } from 'typeorm';
import { Clock } from '@innoserve/core';
import { SCHEDULED_JOB, TransactionRunner, writeBack, type ScheduledJob } from '@innoserve/database';
import { Payment } from '../entities/payment.entity.js';
import { PaymentRefund } from '../entities/payment-refund.entity.js';
import { PaymentsService } from '../services/payments.service.js';
import { paymentStatusOf, refundStatusOf } from './stripe-gateway.js';
import { StripeSetup } from './stripe-setup.js';
import { StripeWebhooks } from './stripe-webhooks.service.js';

/**
 * What Stripe's events mean for our payments, applied state by state so that order does not matter:
 * a PaymentIntent that succeeded makes its payment succeed (once; a later `payment_failed` of an
 * earlier attempt changes nothing); a charge refunded or disputed after the fact records the money
 * returned (which blocks the claim); a refund's final state settles our refund row. The
 * reconciliation job asks Stripe for payments and refunds still open and applies the same rules,
 * repairing missed webhooks.
 */
@Injectable()
export class StripePaymentEvents implements OnModuleInit {
  private readonly logger = new Logger('StripeReconcile');
  /** How many payments, and how many refunds, one run asks about. */
  batchSize = 200;

  readonly [SCHEDULED_JOB]: ScheduledJob = {
    name: 'payments.stripe-reconcile',
    intervalMs: 15 * 60 * 1000,
    run: async () => {
      const n = await this.reconcile();
      if (n > 0) this.logger.log(`repaired ${n} payment(s) or refund(s) from Stripe`);
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly payments: PaymentsService,
    private readonly setup: StripeSetup,
    private readonly webhooks: StripeWebhooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const intent = (m: EntityManager, e: Stripe.Event) => this.intentChanged(m, e.data.object as Stripe.PaymentIntent);
    this.webhooks.on('payment_intent.succeeded', intent);
    this.webhooks.on('payment_intent.payment_failed', intent);
    this.webhooks.on('payment_intent.canceled', intent);
    this.webhooks.on('charge.refunded', (m, e) => this.chargeReversed(m, e.data.object as Stripe.Charge, (e.data.object as Stripe.Charge).amount_refunded));
    this.webhooks.on('charge.dispute.created', (m, e) => this.disputed(m, e.data.object as Stripe.Dispute));
    this.webhooks.on('refund.updated', (m, e) => this.refundChanged(m, e.data.object as Stripe.Refund));
    this.webhooks.on('charge.refund.updated', (m, e) => this.refundChanged(m, e.data.object as Stripe.Refund));
  }

  /** The PaymentIntent's current state applied to its payment (state-based: never moves a payment back). */
  async intentChanged(m: EntityManager, pi: Pick<Stripe.PaymentIntent, 'id' | 'status' | 'metadata'>): Promise<void> {
    const payment = await this.paymentOfIntent(m, pi);
    if (!payment) return;
    // the start's answer was lost (found by our id in the metadata): the event names the intent,
    // which later events, refunds, the reconciliation and a cancellation find it by
    await this.payments.learnExternalId(m, payment, pi.id);
    const status = paymentStatusOf(pi);
    if (status === 'succeeded') await this.payments.markSucceeded(m, payment);
    else if (status === 'canceled') await this.payments.markFailed(m, payment, 'canceled at Stripe');
    // payment_failed leaves the intent requiring a new payment method: the enterprise may try again
  }

  private async chargeReversed(m: EntityManager, charge: Pick<Stripe.Charge, 'payment_intent'>, totalReversedMinor: number): Promise<void> {
    const piId = typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (!piId) return;
    const payment = await m.findOne(Payment, { where: { externalId: piId }, lock: { mode: 'pessimistic_write' } });
    if (!payment) return;
    // our own refunds (cancellation, dispute resolution) are expected; what goes beyond them is a reversal after the fact
    const ours = await m.find(PaymentRefund, { where: { paymentId: payment.id, status: In(['initiating', 'pending', 'succeeded']) } });
    const expected = ours.reduce((s, r) => s + r.amountFen, 0n);
    const beyond = BigInt(totalReversedMinor) - expected;
    if (beyond > 0n) await this.payments.markReversed(m, payment, beyond);
  }

  private async disputed(m: EntityManager, dispute: Pick<Stripe.Dispute, 'payment_intent' | 'amount'>): Promise<void> {
    const piId = typeof dispute.payment_intent === 'string' ? dispute.payment_intent : dispute.payment_intent?.id;
    if (!piId) return;
    const payment = await m.findOne(Payment, { where: { externalId: piId }, lock: { mode: 'pessimistic_write' } });
    if (payment) await this.payments.markReversed(m, payment, payment.reversedFen > BigInt(dispute.amount) ? payment.reversedFen : BigInt(dispute.amount));
  }

  private async refundChanged(m: EntityManager, refund: Pick<Stripe.Refund, 'id' | 'status' | 'metadata'>): Promise<void> {
    const row =
      (await m.findOne(PaymentRefund, { where: { externalId: refund.id }, lock: { mode: 'pessimistic_write' } })) ??
      (refund.metadata?.refundId ? await m.findOne(PaymentRefund, { where: { id: refund.metadata.refundId }, lock: { mode: 'pessimistic_write' } }) : null);
    if (!row || row.status === 'succeeded' || row.status === 'failed') return;
    const status = refundStatusOf(refund);
    row.externalId ??= refund.id;
    if (status === 'succeeded') await this.payments.markRefundSucceeded(m, row, null);
    else if (status === 'failed' || status === 'canceled') await this.payments.markRefundFailed(m, row, `Stripe reports the refund ${status}`);
    else await writeBack(m, PaymentRefund, row);
  }

  /**
   * Asks Stripe about what may have changed without our hearing: payments still pending for 10
   * minutes, payments called off in the last 7 days (the customer may have paid as the order was
   * cancelled: that success is recorded and refunded), and refunds still pending. Each run takes up
   * to `batchSize` (200) of each, those never asked first and then the least recently asked, and stamps each one
   * asked, so payments that never change (an abandoned checkout) cannot keep the others waiting. One
   * that Stripe cannot answer now is left for a later run and does not stop the others. Returns how
   * many changed.
   */
  async reconcile(): Promise<number> {
    const stripe = this.setup.stripe;
    if (!stripe) return 0;
    const now = this.clock.now();
    const before = new Date(now.getTime() - 10 * 60 * 1000);
    const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000);
    const leastRecentlyAsked = { reconciledAt: { direction: 'ASC', nulls: 'FIRST' }, updatedAt: 'ASC' } as const;
    let repaired = 0;
    const open = await this.dataSource.manager.find(Payment, {
      where: [
        { method: 'stripe', status: 'pending', externalId: Not(IsNull()), updatedAt: LessThan(before) },
        { method: 'stripe', status: 'canceled', externalId: Not(IsNull()), updatedAt: Between(weekAgo, before) },
      ],
      order: leastRecentlyAsked,
      take: this.batchSize,
    });
    for (const p of open) {
      try {
        const pi = await stripe.paymentIntents.retrieve(p.externalId!);
        const changed = await this.tx.run(async (m) => {
          const fresh = await m.findOne(Payment, { where: { id: p.id }, lock: { mode: 'pessimistic_write' } });
          if (!fresh || fresh.status !== p.status) return false;
          await this.intentChanged(m, { id: pi.id, status: pi.status, metadata: { ...pi.metadata, paymentId: p.id } });
          return (await m.findOneOrFail(Payment, { where: { id: p.id } })).status !== p.status;
        });
        if (changed) repaired++;
      } catch (e) {
        this.logger.warn(`payment ${p.id}: not reconciled this time: ${(e as Error).message}`);
      } finally {
        await this.stamp('payment', p.id, now);
      }
    }
    const refunds = await this.dataSource.manager.find(PaymentRefund, {
      where: { method: 'stripe', status: 'pending', externalId: Not(IsNull()), updatedAt: LessThan(before) },
      order: leastRecentlyAsked,
      take: this.batchSize,
    });
    for (const r of refunds) {
      try {
        const refund = await stripe.refunds.retrieve(r.externalId!);
        const changed = await this.tx.run(async (m) => {
          await this.refundChanged(m, refund);
          return (await m.findOneOrFail(PaymentRefund, { where: { id: r.id } })).status !== 'pending';
        });
        if (changed) repaired++;
      } catch (e) {
        this.logger.warn(`refund ${r.id}: not reconciled this time: ${(e as Error).message}`);
      } finally {
        await this.stamp('payment_refund', r.id, now);
      }
    }
    return repaired;
  }

  /** When the reconciliation last asked about a row (its own statement: the row's update date, and what a command writes back, untouched). */
  private async stamp(table: 'payment' | 'payment_refund', id: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE ${table} SET reconciled_at = $2 WHERE id = $1`, [id, at]);
  }

  private async paymentOfIntent(m: EntityManager, pi: Pick<Stripe.PaymentIntent, 'id' | 'metadata'>): Promise<Payment | null> {
    return (
      (await m.findOne(Payment, { where: { externalId: pi.id }, lock: { mode: 'pessimistic_write' } })) ??
      (pi.metadata?.paymentId ? await m.findOne(Payment, { where: { id: pi.metadata.paymentId, method: 'stripe' }, lock: { mode: 'pessimistic_write' } }) : null)
    );
  }
}
