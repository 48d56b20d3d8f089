import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, ForbiddenError, IllegalTransitionError, NotFoundError, addCalendarDays, isUuid, shanghaiDate } from '@innoserve/core';
import { TransactionRunner, writeBack, writeBackSql } from '@innoserve/database';
import { AuditService } from '@innoserve/audit';
import type { Principal } from '@innoserve/identity';
import { Payment, PaymentsService, type PaymentMethod } from '@innoserve/payments';
import { ServiceOrder } from '../entities/service-order.entity.js';
import { OrdersService } from './orders.service.js';
import {
  contestWindowClosed,
  nothingDue,
  partyOnly,
  payerMismatch,
  paymentExists,
  paymentNotPending,
  refundNotPending,
  stripeNotOffered,
} from './order-errors.js';
import { paymentView, refundView } from './order-views.js';
import type { PaymentViewDto, RefundViewDto } from '../dto/order-view.dto.js';

/** Calendar days (Asia/Shanghai) after the day of a provider's confirmation of its transfer in which the enterprise may contest it. */
export const CONTEST_DAYS = 7;

/** The provider's Stripe connected account, when Stripe is configured (libs/payments). */
export interface ConnectedAccounts {
  connectedAccountOf(m: EntityManager, providerId: string): Promise<{ accountId: string; chargesEnabled: boolean } | null>;
  applicationFeeFen(amountFen: bigint): bigint;
}
export const CONNECTED_ACCOUNTS = Symbol('CONNECTED_ACCOUNTS');

export interface ConfirmTransferInput {
  reference: string;
  payerName: string;
  payerAccountNo: string;
  slipFileId?: string;
}

/**
 * Paying an order's due amount and getting money back: the enterprise starts a payment (bank
 * transfer, or card through Stripe when the provider has a connected account); the provider
 * confirms a transfer it received (the payer must be the enterprise itself); the enterprise may
 * contest that confirmation within 7 days, and confirms an offline refund it received.
 */
@Injectable()
export class OrderPaymentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly payments: PaymentsService,
    private readonly orders: OrdersService,
    private readonly clock: Clock,
    @Optional() @Inject(CONNECTED_ACCOUNTS) private readonly accounts?: ConnectedAccounts,
  ) {}

  /**
   * Starts paying what is due (enterprise members). A repeat with the same method answers the live
   * payment again (it is the retry of this call); another method while one is live is 409. A card
   * payment is committed first, then the processor is called (outside the transaction); when that
   * fails the payment stays `initiating` and the worker repeats the call with the same key.
   */
  async pay(me: Principal, orderId: string, method: PaymentMethod): Promise<{ payment: PaymentViewDto; created: boolean }> {
    const { payment, created } = await this.tx.run(async (m) => {
      const order = await this.lockVisible(m, me, orderId);
      await this.assertSide(m, me, order, 'enterprise');
      const live = await this.payments.live(m, order.id, true);
      if (live) {
        if (live.method !== method) throw paymentExists();
        return { payment: live, created: false };
      }
      if (order.status !== 'contracted') throw new IllegalTransitionError('order', order.status, 'pay');
      if (order.dueFen <= 0n) throw nothingDue();
      let connectedAccountId: string | null = null;
      let applicationFeeFen = 0n;
      if (method === 'stripe') {
        const account = this.accounts ? await this.accounts.connectedAccountOf(m, order.providerId) : null;
        if (!account?.chargesEnabled) throw stripeNotOffered();
        connectedAccountId = account.accountId;
        applicationFeeFen = this.accounts!.applicationFeeFen(order.dueFen);
      }
      const payment = await this.payments.create(m, {
        orderId: order.id,
        enterpriseId: order.enterpriseId,
        providerId: order.providerId,
        method,
        amountFen: order.dueFen,
        payee: method === 'offline' ? (order.contract?.provider.bankAccount ?? null) : null,
        connectedAccountId,
        applicationFeeFen,
        createdBy: me.userId,
      });
      await this.record(m, order, 'order.payment.started', me.userId, { paymentId: payment.id, method, amountFen: Number(payment.amountFen), reference: payment.reference });
      return { payment, created: true };
    });
    const started = payment.status === 'initiating' ? ((await this.payments.initiate(payment.id)) ?? payment) : payment;
    return { payment: paymentView(started, { secret: true }), created };
  }

  async getPayment(me: Principal, orderId: string, paymentId: string): Promise<PaymentViewDto> {
    return this.tx.run(async (m) => {
      const order = await this.visible(m, me, orderId, false);
      const payment = isUuid(paymentId) ? await this.payments.find(m, paymentId) : null;
      if (!payment || payment.orderId !== order.id) throw new NotFoundError('payment');
      return paymentView(payment, { secret: await this.isMember(m, me, order, 'enterprise') });
    });
  }

  /** The provider confirms a bank transfer it received: the payment succeeds and the order is paid. */
  async confirmTransfer(me: Principal, orderId: string, paymentId: string, input: ConfirmTransferInput, assertFile: (m: EntityManager, fileId: string) => Promise<void>): Promise<PaymentViewDto> {
    return this.tx.run(async (m) => {
      const order = await this.lockVisible(m, me, orderId);
      await this.assertSide(m, me, order, 'provider', order.status === 'contracted');
      const payment = await this.paymentOf(m, order, paymentId);
      if (payment.method !== 'offline' || payment.status !== 'pending') throw paymentNotPending(payment.status);
      // the payer is the enterprise: its name on the contract, or its current name when it changed since
      const contracted = order.contract?.enterprise.name;
      if (contracted === undefined || normalizeName(input.payerName) !== normalizeName(contracted)) {
        const [{ name }] = await m.query<{ name: string }[]>('SELECT name FROM organization WHERE id = $1', [order.enterpriseId]);
        if (normalizeName(input.payerName) !== normalizeName(name)) throw payerMismatch(name);
      }
      if (input.slipFileId) await assertFile(m, input.slipFileId);
      payment.confirmation = {
        reference: input.reference,
        payerName: input.payerName,
        payerAccountNo: input.payerAccountNo.replace(/[\s-]/g, ''),
        slipFileId: input.slipFileId ?? null,
        confirmedBy: me.userId,
      };
      const confirmed = { action: 'order.payment.confirmed', actorId: me.userId, after: { paymentId: payment.id, bankReference: input.reference, payerName: input.payerName } };
      if (order.status === 'contracted' && this.payments.succeed(payment)) {
        // the usual case in three statements: the payment row beside the order row's UPDATE (now paid) and the stream head, then both entries
        await this.orders.markPaid(m, order, me, `offline payment ${payment.id}`, { entries: [confirmed], beside: (p) => ({ ctes: [`payment_row AS (${writeBackSql(m, Payment, payment, p)})`] }) });
      } else {
        await this.record(m, order, confirmed.action, me.userId, confirmed.after);
        await this.payments.markSucceeded(m, payment); // the listener handles an order no longer waiting for it
      }
      return paymentView(payment, { secret: false });
    });
  }

  /** The enterprise says the confirmed transfer never came from it (within 7 days): the payment is contested and the order flagged for staff. */
  async contest(me: Principal, orderId: string, paymentId: string, reason: string): Promise<PaymentViewDto> {
    return this.tx.run(async (m) => {
      const order = await this.lockVisible(m, me, orderId);
      await this.assertSide(m, me, order, 'enterprise');
      const payment = await this.paymentOf(m, order, paymentId);
      if (payment.method !== 'offline' || payment.status !== 'succeeded') throw paymentNotPending(payment.status);
      // through the 7th calendar day (Asia/Shanghai) after the day of the confirmation
      if (!payment.succeededAt || shanghaiDate(this.clock.now()) > addCalendarDays(shanghaiDate(payment.succeededAt), CONTEST_DAYS)) throw contestWindowClosed();
      payment.status = 'contested';
      payment.contestedAt = this.clock.now();
      payment.contestReason = reason.trim();
      await writeBack(m, Payment, payment);
      if (!order.flags.includes('payment_contested')) order.flags = [...order.flags, 'payment_contested'];
      order.version += 1n;
      await writeBack(m, ServiceOrder, order);
      await this.record(m, order, 'order.payment.contested', me.userId, { paymentId: payment.id }, reason);
      return paymentView(payment, { secret: true });
    });
  }

  /** The enterprise received an offline refund. */
  async confirmRefund(me: Principal, orderId: string, refundId: string): Promise<RefundViewDto> {
    return this.tx.run(async (m) => {
      const order = await this.lockVisible(m, me, orderId);
      await this.assertSide(m, me, order, 'enterprise');
      const refund = isUuid(refundId) ? await this.payments.findRefund(m, refundId, true) : null;
      if (!refund || refund.orderId !== order.id) throw new NotFoundError('refund');
      if (refund.method !== 'offline' || refund.status !== 'pending') throw refundNotPending(refund.status);
      await this.payments.markRefundSucceeded(m, refund, me.userId);
      await this.record(m, order, 'order.refund.received', me.userId, { refundId: refund.id, amountFen: Number(refund.amountFen) });
      return refundView(refund);
    });
  }

  private async paymentOf(m: EntityManager, order: ServiceOrder, paymentId: string): Promise<Payment> {
    const payment = isUuid(paymentId) ? await this.payments.find(m, paymentId, true) : null;
    if (!payment || payment.orderId !== order.id) throw new NotFoundError('payment');
    return payment;
  }

  private async lockVisible(m: EntityManager, me: Principal, orderId: string): Promise<ServiceOrder> {
    return this.visible(m, me, orderId, true);
  }

  /** The order (locked with `lock`) and the caller's memberships of its parties, in one statement; 404 when the caller cannot see it. */
  private async visible(m: EntityManager, me: Principal, orderId: string, lock: boolean): Promise<ServiceOrder> {
    const order = await this.orders.lock(m, orderId, me, lock);
    if (!(await this.orders.canRead(m, me, order))) throw new NotFoundError('order');
    return order;
  }

  /** Members of `side` act; a member of both who acted for the other side is refused (403). */
  private async assertSide(m: EntityManager, me: Principal, order: ServiceOrder, side: 'enterprise' | 'provider', rowWrittenLater = false): Promise<void> {
    if (!(await this.orders.sides(m, me, order))[side]) throw partyOnly(side);
    const other = side === 'enterprise' ? order.providerActorIds : order.enterpriseActorIds;
    if (other.includes(me.userId)) throw new ForbiddenError(undefined, 'CONFLICT_OF_INTEREST');
    // remembered, so that the same person cannot then act for the other side (pay, then confirm its own transfer)
    const mine = side === 'enterprise' ? order.enterpriseActorIds : order.providerActorIds;
    if (!mine.includes(me.userId)) {
      mine.push(me.userId);
      if (rowWrittenLater) return; // the command writes the whole row back
      await m.query(`UPDATE service_order SET ${side === 'enterprise' ? 'enterprise_actor_ids' : 'provider_actor_ids'} = $2 WHERE id = $1`, [order.id, mine]);
    }
  }

  private async isMember(m: EntityManager, me: Principal, order: ServiceOrder, side: 'enterprise' | 'provider'): Promise<boolean> {
    return (await this.orders.sides(m, me, order))[side];
  }

  private record(m: EntityManager, o: ServiceOrder, action: string, actorId: string, after: unknown, reason: string | null = null): Promise<void> {
    return this.audit.record(m, { streamType: 'order', streamId: o.id, action, actorId, before: null, after, reason, streamLockedByCaller: true }); // the order row is locked
  }
}

/** Names compare after NFKC (full-width brackets and letters), without spaces. */
function normalizeName(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
