import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Clock, newId, type Fen } from '@innoserve/core';
import { OUTBOX_HANDLER, OutboxService, TransactionRunner, writeBack, type OutboxHandlerProvider } from '@innoserve/database';
import type { BankPayee, PaymentGateway, PaymentMethod, StartPayment } from '../gateway/payment-gateway.js';
import { paymentReference } from '../gateway/payment-reference.js';
import { LIVE_PAYMENT_STATUSES, Payment } from '../entities/payment.entity.js';
import { PaymentRefund } from '../entities/payment-refund.entity.js';

/** The gateway of each method (the StripeGateway only when Stripe is configured). */
export interface GatewayDirectory {
  of(method: PaymentMethod): PaymentGateway;
}
export const PAYMENT_GATEWAYS = Symbol('PAYMENT_GATEWAYS');

export const PAYMENT_INITIATE_TOPIC = 'payments.initiate';
export const REFUND_INITIATE_TOPIC = 'payments.refund';
export const PAYMENT_CANCEL_TOPIC = 'payments.cancel';

/** Called in the transaction that records a payment's success (the orders lib moves its order to paid). */
export type PaymentSucceededListener = (m: EntityManager, payment: Payment) => Promise<void>;
/** Called in the transaction that records money coming back after the fact (a card refund or chargeback). */
export type PaymentReversedListener = (m: EntityManager, payment: Payment, amountFen: Fen) => Promise<void>;
/** Told, in the transaction that records it, that a refund failed: the money did not go back and a person must act. */
export type RefundFailedListener = (m: EntityManager, refund: PaymentRefund) => Promise<void>;

export interface NewPayment {
  orderId: string;
  enterpriseId: string;
  providerId: string;
  method: PaymentMethod;
  amountFen: Fen;
  payee: BankPayee | null;
  connectedAccountId: string | null;
  applicationFeeFen: Fen;
  createdBy: string;
}

/**
 * Payment and refund rows, and the calls to the processors after commit. The order flows own the
 * rules (who may pay, what is due); this service keeps the rows, talks to the gateways outside any
 * transaction with keys derived from the row ids, and tells listeners when money arrived.
 */
@Injectable()
export class PaymentsService {
  private readonly logger = new Logger('PaymentsService');
  private readonly succeeded: PaymentSucceededListener[] = [];
  private readonly reversed: PaymentReversedListener[] = [];
  private readonly refundFailed: RefundFailedListener[] = [];

  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [PAYMENT_INITIATE_TOPIC]: async (payload) => {
      await this.initiate(String(payload.paymentId), true);
    },
    [REFUND_INITIATE_TOPIC]: async (payload) => {
      await this.initiateRefund(String(payload.refundId), true);
    },
    [PAYMENT_CANCEL_TOPIC]: async (payload) => {
      await this.cancelAtProcessor(String(payload.paymentId));
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(PAYMENT_GATEWAYS) private readonly gateways: GatewayDirectory,
  ) {}

  onSucceeded(listener: PaymentSucceededListener): void {
    this.succeeded.push(listener);
  }

  onReversed(listener: PaymentReversedListener): void {
    this.reversed.push(listener);
  }

  onRefundFailed(listener: RefundFailedListener): void {
    this.refundFailed.push(listener);
  }

  /** Records that a refund failed at its processor (once) and tells the listeners. */
  async markRefundFailed(m: EntityManager, refund: PaymentRefund, why: string): Promise<boolean> {
    if (refund.status === 'failed' || refund.status === 'succeeded') return false;
    refund.status = 'failed';
    refund.lastError = why.slice(0, 500);
    await writeBack(m, PaymentRefund, refund);
    for (const l of this.refundFailed) await l(m, refund);
    return true;
  }

  /** The live payment of an order (initiating, pending, succeeded or contested), if any. */
  live(m: EntityManager, orderId: string, lock = false): Promise<Payment | null> {
    return m.findOne(Payment, { where: { orderId, status: In([...LIVE_PAYMENT_STATUSES]) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  find(m: EntityManager, id: string, lock = false): Promise<Payment | null> {
    return m.findOne(Payment, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  listOfOrder(m: EntityManager, orderId: string): Promise<Payment[]> {
    return m.find(Payment, { where: { orderId }, order: { createdAt: 'ASC' } });
  }

  refundsOfOrder(m: EntityManager, orderId: string): Promise<PaymentRefund[]> {
    return m.find(PaymentRefund, { where: { orderId }, order: { createdAt: 'ASC' } });
  }

  findRefund(m: EntityManager, id: string, lock = false): Promise<PaymentRefund | null> {
    return m.findOne(PaymentRefund, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /**
   * Writes the payment row in the caller's transaction. An offline payment is `pending` at once
   * (the enterprise transfers with the reference; the provider confirms). A card payment is
   * `initiating` with an outbox row: the caller calls `initiate` after commit, and the worker
   * repeats it when that call failed.
   */
  async create(m: EntityManager, input: NewPayment): Promise<Payment> {
    const id = newId();
    // a bank transfer has no processor to call: its instruction (account, reference) is made here
    const offline = input.method === 'offline' ? await this.gateways.of('offline').start({ ...startOf(id, input) }) : null;
    const payment = m.create(Payment, {
      id,
      ...input,
      payee: offline?.kind === 'bank_transfer' ? offline.payee : input.payee,
      status: input.method === 'offline' ? 'pending' : 'initiating',
      reference: offline?.kind === 'bank_transfer' ? offline.reference : paymentReference(id),
      externalId: null,
      clientSecret: null,
      lastError: null,
      confirmation: null,
      succeededAt: null,
      contestedAt: null,
      contestReason: null,
      reversedFen: 0n,
    });
    await m.insert(Payment, payment);
    if (input.method !== 'offline') {
      await this.outbox.enqueue(m, PAYMENT_INITIATE_TOPIC, { paymentId: id }, { orderingKey: `payment:${id}` });
    }
    return payment;
  }

  /**
   * Starts an `initiating` payment with its processor (outside any transaction; the key is the
   * payment's id, so a repeat creates nothing new) and records the answer. With `rethrow` (the
   * worker) a failure throws so the outbox retries; otherwise it is recorded and the payment stays
   * `initiating` for the worker.
   */
  async initiate(paymentId: string, rethrow = false): Promise<Payment | null> {
    const payment = await this.find(this.dataSource.manager, paymentId);
    if (!payment || payment.status !== 'initiating') return payment;
    try {
      const started = await this.gateways.of(payment.method).start(startOf(payment.id, payment));
      return await this.tx.run(async (m) => {
        const p = await this.find(m, paymentId, true);
        if (p?.status === 'canceled' && started.kind === 'card') {
          // called off while the processor was being asked: keep its id and cancel it there too
          await this.learnExternalId(m, p, started.externalId);
          return p;
        }
        if (!p || p.status !== 'initiating') return p;
        if (started.kind === 'card') {
          p.externalId = started.externalId;
          p.clientSecret = started.clientSecret;
        }
        p.status = 'pending';
        p.lastError = null;
        await writeBack(m, Payment, p);
        if (started.kind === 'card' && started.status === 'succeeded') await this.markSucceeded(m, p);
        return p;
      });
    } catch (e) {
      this.logger.warn(`payment ${paymentId}: the processor did not answer: ${(e as Error).message}`);
      await this.dataSource.manager.update(Payment, { id: paymentId, status: 'initiating' }, { lastError: (e as Error).message.slice(0, 500) });
      if (rethrow) throw e;
      return this.find(this.dataSource.manager, paymentId);
    }
  }

  /**
   * Calls off a payment nothing has arrived for yet (initiating or pending; the order was
   * cancelled), in the caller's transaction. A card payment is cancelled at its processor after the
   * commit (outbox, ordered after its start), so the customer can no longer pay it; one that
   * succeeds all the same is refunded by the success listeners. False when it is no longer open.
   */
  async cancel(m: EntityManager, payment: Payment): Promise<boolean> {
    if (payment.status !== 'initiating' && payment.status !== 'pending') return false;
    payment.status = 'canceled';
    await writeBack(m, Payment, payment);
    if (payment.method !== 'offline') await this.outbox.enqueue(m, PAYMENT_CANCEL_TOPIC, { paymentId: payment.id }, { orderingKey: `payment:${payment.id}` });
    return true;
  }

  /**
   * The processor's id of a payment, learnt late (the start's answer was lost, or arrived after the
   * payment was called off), in the caller's transaction. A payment called off meanwhile is
   * cancelled at the processor too, after the commit — else the customer could still pay it.
   */
  async learnExternalId(m: EntityManager, payment: Payment, externalId: string): Promise<void> {
    if (payment.externalId !== null) return;
    payment.externalId = externalId;
    await writeBack(m, Payment, payment);
    if (payment.status === 'canceled') await this.outbox.enqueue(m, PAYMENT_CANCEL_TOPIC, { paymentId: payment.id }, { orderingKey: `payment:${payment.id}` });
  }

  /**
   * The processor's side of `cancel` (outside any transaction, the worker's handler): nothing to do
   * when the payment never reached it. When the processor refuses, the payment is asked for: one
   * that succeeded meanwhile (the customer paid as the order was cancelled) is recorded as succeeded
   * here — its webhook may never come — and the success listeners refund it. An unreachable
   * processor, for the cancellation or the question, is retried by the outbox with the same key.
   */
  async cancelAtProcessor(paymentId: string): Promise<'canceled' | 'not_started' | 'refused' | 'succeeded' | 'not_canceled'> {
    const payment = await this.find(this.dataSource.manager, paymentId);
    if (!payment || payment.status !== 'canceled') return 'not_canceled';
    if (payment.externalId === null) return 'not_started';
    const gateway = this.gateways.of(payment.method);
    try {
      await gateway.cancel({ paymentId: payment.id, externalId: payment.externalId });
      return 'canceled';
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code !== 'PAYMENT_PROVIDER_REFUSED') throw e;
      this.logger.warn(`payment ${paymentId}: the processor refused the cancellation: ${(e as Error).message}`);
    }
    const at = await gateway.paymentStatus(payment.externalId);
    if (at?.status !== 'succeeded') return 'refused';
    const applied = await this.tx.run(async (m) => {
      const p = await this.find(m, paymentId, true);
      return p?.status === 'canceled' ? this.markSucceeded(m, p) : false;
    });
    if (applied) this.logger.warn(`payment ${paymentId}: paid at the processor after it was called off; recorded, and refunded by its order`);
    return 'succeeded';
  }

  /** Records a payment's success (offline confirmation or the processor's word) and tells the listeners; no-op when it already succeeded. */
  async markSucceeded(m: EntityManager, payment: Payment): Promise<boolean> {
    if (!this.succeed(payment)) return false;
    await writeBack(m, Payment, payment);
    for (const l of this.succeeded) await l(m, payment);
    return true;
  }

  /**
   * The success of a payment, in memory only (false when it already succeeded): for a caller that
   * writes the row back itself and applies the success to its order in the same transaction (the
   * provider's confirmation of a transfer), instead of `markSucceeded`'s listeners.
   */
  succeed(payment: Payment): boolean {
    if (payment.status === 'succeeded' || payment.status === 'contested') return false;
    payment.status = 'succeeded';
    payment.succeededAt = this.clock.now();
    return true;
  }

  /** A processor reports failure or cancelation of a payment still pending. */
  async markFailed(m: EntityManager, payment: Payment, reason: string): Promise<boolean> {
    if (payment.status !== 'pending' && payment.status !== 'initiating') return false;
    payment.status = 'failed';
    payment.lastError = reason.slice(0, 500);
    await writeBack(m, Payment, payment);
    return true;
  }

  /** Money returned to the payer after the fact (refund or chargeback seen at the processor). */
  async markReversed(m: EntityManager, payment: Payment, totalReversedFen: Fen): Promise<void> {
    if (totalReversedFen <= payment.reversedFen) return;
    const delta = totalReversedFen - payment.reversedFen;
    payment.reversedFen = totalReversedFen;
    await writeBack(m, Payment, payment);
    for (const l of this.reversed) await l(m, payment, delta);
  }

  /**
   * Writes a refund of (part of) a succeeded payment in the caller's transaction. Card refunds are
   * started after commit (outbox; `initiateRefund`); offline refunds wait for the enterprise to
   * confirm it received the transfer.
   */
  async createRefund(m: EntityManager, payment: Payment, amountFen: Fen, reason: string): Promise<PaymentRefund> {
    const refund = m.create(PaymentRefund, {
      id: newId(),
      paymentId: payment.id,
      orderId: payment.orderId,
      method: payment.method,
      status: payment.method === 'offline' ? 'pending' : 'initiating',
      amountFen,
      reason: reason.slice(0, 1000),
      externalId: null,
      lastError: null,
      succeededAt: null,
      confirmedBy: null,
    });
    await m.insert(PaymentRefund, refund);
    if (payment.method !== 'offline') {
      await this.outbox.enqueue(m, REFUND_INITIATE_TOPIC, { refundId: refund.id }, { orderingKey: `payment:${payment.id}` });
    }
    return refund;
  }

  /** Starts an `initiating` card refund (reverse_transfer) outside any transaction; key `refund:<id>`. */
  async initiateRefund(refundId: string, rethrow = false): Promise<PaymentRefund | null> {
    const refund = await this.findRefund(this.dataSource.manager, refundId);
    if (!refund || refund.status !== 'initiating') return refund;
    const payment = await this.find(this.dataSource.manager, refund.paymentId);
    try {
      const started = await this.gateways.of(refund.method).refund({
        refundId: refund.id,
        externalPaymentId: payment?.externalId ?? null,
        amountFen: refund.amountFen,
        reason: refund.reason,
      });
      return await this.tx.run(async (m) => {
        const r = await this.findRefund(m, refundId, true);
        if (!r || r.status !== 'initiating') return r;
        if (started.kind === 'card') {
          r.externalId = started.externalId;
          if (started.status === 'failed' || started.status === 'canceled') {
            await this.markRefundFailed(m, r, `the processor answered ${started.status}`);
            return r;
          }
          r.status = started.status === 'succeeded' ? 'succeeded' : 'pending';
          if (r.status === 'succeeded') r.succeededAt = this.clock.now();
        } else {
          r.status = 'pending';
        }
        r.lastError = null;
        await writeBack(m, PaymentRefund, r);
        return r;
      });
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code === 'PAYMENT_PROVIDER_REFUSED') {
        // refused, not unreachable: asking again with the same key gets the same answer
        this.logger.warn(`refund ${refundId}: the processor refused it: ${(e as Error).message}`);
        return this.tx.run(async (m) => {
          const r = await this.findRefund(m, refundId, true);
          if (r?.status === 'initiating') await this.markRefundFailed(m, r, (e as Error).message);
          return r;
        });
      }
      this.logger.warn(`refund ${refundId}: the processor did not answer: ${(e as Error).message}`);
      await this.dataSource.manager.update(PaymentRefund, { id: refundId, status: 'initiating' }, { lastError: (e as Error).message.slice(0, 500) });
      if (rethrow) throw e;
      return this.findRefund(this.dataSource.manager, refundId);
    }
  }

  /** The enterprise received an offline refund (or the processor reports a card refund done). */
  async markRefundSucceeded(m: EntityManager, refund: PaymentRefund, confirmedBy: string | null): Promise<boolean> {
    if (refund.status === 'succeeded') return false;
    refund.status = 'succeeded';
    refund.succeededAt = this.clock.now();
    refund.confirmedBy = confirmedBy;
    await writeBack(m, PaymentRefund, refund);
    return true;
  }
}

function startOf(paymentId: string, p: Pick<Payment, 'orderId' | 'amountFen' | 'payee' | 'connectedAccountId' | 'applicationFeeFen'>): StartPayment {
  return {
    paymentId,
    orderId: p.orderId,
    amountFen: p.amountFen,
    description: `Innoserve order ${p.orderId}`,
    payee: p.payee,
    connectedAccountId: p.connectedAccountId,
    applicationFeeFen: p.applicationFeeFen,
  };
}
