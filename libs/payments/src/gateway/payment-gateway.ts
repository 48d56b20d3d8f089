/**
 * The port between the payment flows (libs/payments' service, libs/orders) and whatever moves the
 * money. Two adapters: `OfflineGateway` (bank transfer, the embedded default) and `StripeGateway`
 * (card payments with Stripe Connect destination charges). A domestic processor (Alipay or WeChat
 * Pay direct) is one more adapter of this port.
 *
 * Rules every adapter keeps:
 * - It is called after the payment (or refund) row and its outbox row have committed, never inside
 *   a database transaction; a call that fails is repeated by the worker with the same key.
 * - Every external call carries an idempotency key derived from our row's id (`payment:<id>`,
 *   `refund:<id>`, `connect:<providerId>`), so a repeat never charges or refunds twice.
 * - Amounts are integer fen (CNY's minor unit).
 */
import type { Fen } from '@innoserve/core';

export const PAYMENT_METHODS = ['offline', 'stripe'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Where an offline transfer goes: the provider's registered account. */
export interface BankPayee {
  bankName: string;
  accountName: string;
  accountNo: string;
}

export interface StartPayment {
  /** Our payment row's id: the idempotency key is `payment:<paymentId>`. */
  paymentId: string;
  orderId: string;
  amountFen: Fen;
  /** Shown on the statement / the transfer instruction. */
  description: string;
  /** Offline: the provider's bank account. */
  payee: BankPayee | null;
  /** Stripe: the provider's connected account (destination charge). */
  connectedAccountId: string | null;
  /** Stripe: the platform's fee, in fen (default 0). */
  applicationFeeFen: Fen;
}

/** What the payer needs next. */
export type StartedPayment =
  | { kind: 'bank_transfer'; payee: BankPayee; reference: string }
  | { kind: 'card'; externalId: string; clientSecret: string; status: ExternalPaymentStatus };

/** A processor's view of a payment, mapped to ours. */
export type ExternalPaymentStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

export interface StartRefund {
  /** Our refund row's id: the idempotency key is `refund:<refundId>`. */
  refundId: string;
  /** The processor's id of the payment being refunded (Stripe: the PaymentIntent id). */
  externalPaymentId: string | null;
  amountFen: Fen;
  reason: string;
}

export type ExternalRefundStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';

/** Offline refunds are manual: the provider transfers, the enterprise confirms receipt. */
export type StartedRefund = { kind: 'manual' } | { kind: 'card'; externalId: string; status: ExternalRefundStatus };

export interface PaymentGateway {
  readonly method: PaymentMethod;
  start(payment: StartPayment): Promise<StartedPayment>;
  refund(refund: StartRefund): Promise<StartedRefund>;
  /** The processor's current state of a payment (reconciliation of missed webhooks); null for offline. */
  paymentStatus(externalId: string): Promise<{ status: ExternalPaymentStatus; amountFen: Fen } | null>;
  /** Calls off a started payment the customer has not completed (the order was cancelled); idempotent per payment. */
  cancel(payment: { paymentId: string; externalId: string }): Promise<void>;
}
