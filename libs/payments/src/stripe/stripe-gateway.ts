import Stripe from 'stripe';
import { DomainError, msg, type Fen } from '@innoserve/core';
import type { ExternalPaymentStatus, ExternalRefundStatus, PaymentGateway, StartPayment, StartRefund, StartedPayment, StartedRefund } from '../gateway/payment-gateway.js';

/** The Stripe API version this code is written and tested against (the `stripe` library's own). */
export const STRIPE_API_VERSION = '2026-11-18.endive' as const;

export interface StripeSettings {
  secretKey: string;
  /** A different API base (stripe-mock in the tests, or a proxy). */
  apiBase?: string;
  /** The platform's fee per payment, basis points of the amount (default 0). */
  applicationFeeBp: number;
}

export const stripeUnavailable = (e: unknown): DomainError =>
  new DomainError(502, 'PAYMENT_PROVIDER_UNAVAILABLE', msg('The card payment service could not be reached; try again shortly.', '在线支付服务暂时无法连接，请稍后重试。'), undefined, {
    reason: e instanceof Error ? e.message.slice(0, 200) : String(e),
  });

export const stripeRefused = (e: Stripe.errors.StripeError): DomainError =>
  new DomainError(422, 'PAYMENT_PROVIDER_REFUSED', msg(`The card payment service refused the request: ${e.message}`, `在线支付服务拒绝了请求：${e.message}`), undefined, {
    stripeCode: e.code ?? null,
    stripeType: e.type,
  });

/**
 * Stripe's errors as problems. Only Stripe's answer about the request itself is final — a card
 * declined, or a request it will not do in the object's state (StripeCardError,
 * StripeInvalidRequestError): 422 PAYMENT_PROVIDER_REFUSED, and asking again with the same key gets
 * the same answer. Everything else may pass: unreachable, Stripe's own error, rate limits, and our
 * credentials or idempotency keys refused (a rotated key, a permission not yet granted, a request
 * still running under the same key) — 502 PAYMENT_PROVIDER_UNAVAILABLE, which the outbox retries
 * with the same key, so a refund is never marked failed because our key was wrong for an hour.
 */
export function stripeProblem(e: unknown): unknown {
  if (e instanceof Stripe.errors.StripeCardError || e instanceof Stripe.errors.StripeInvalidRequestError) return stripeRefused(e);
  if (e instanceof Stripe.errors.StripeError) return stripeUnavailable(e);
  return e;
}

/** One Stripe client for the process, configured from the settings. */
export function stripeClient(s: StripeSettings): Stripe {
  const base = s.apiBase ? new URL(s.apiBase) : null;
  return new Stripe(s.secretKey, {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(base
      ? {
          host: base.hostname,
          port: base.port ? Number(base.port) : base.protocol === 'https:' ? 443 : 80,
          protocol: base.protocol === 'http:' ? ('http' as const) : ('https' as const),
        }
      : {}),
  });
}

const PAYMENT_STATUS: Readonly<Record<Stripe.PaymentIntent.Status, ExternalPaymentStatus>> = {
  requires_payment_method: 'pending',
  requires_confirmation: 'pending',
  requires_action: 'pending',
  processing: 'pending',
  requires_capture: 'pending',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

export function paymentStatusOf(pi: Pick<Stripe.PaymentIntent, 'status'>): ExternalPaymentStatus {
  return PAYMENT_STATUS[pi.status] ?? 'pending';
}

export function refundStatusOf(r: Pick<Stripe.Refund, 'status'>): ExternalRefundStatus {
  switch (r.status ?? 'pending') {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return 'pending'; // pending, requires_action, or none yet
  }
}

/**
 * Card payments through Stripe Connect: destination charges in CNY on the provider's connected
 * account (Express), the platform's application fee (default 0). Every call carries an
 * idempotency key derived from our row's id, and no call runs inside a database transaction (the
 * callers commit first; the worker repeats a failed call with the same key). Stripe Connect does
 * not pay out to mainland-China accounts: a domestic processor (Alipay, WeChat Pay) is one more
 * PaymentGateway adapter beside this one.
 */
export class StripeGateway implements PaymentGateway {
  readonly method = 'stripe' as const;

  constructor(
    readonly stripe: Stripe,
    private readonly settings: Pick<StripeSettings, 'applicationFeeBp'>,
  ) {}

  applicationFeeFen(amountFen: Fen): Fen {
    return (amountFen * BigInt(this.settings.applicationFeeBp)) / 10_000n;
  }

  async start(p: StartPayment): Promise<StartedPayment> {
    if (!p.connectedAccountId) throw new RangeError('a Stripe payment needs the provider connected account');
    const pi = await this.call(() =>
      this.stripe.paymentIntents.create(
        {
          amount: toMinor(p.amountFen),
          currency: 'cny',
          description: p.description,
          metadata: { paymentId: p.paymentId, orderId: p.orderId },
          transfer_data: { destination: p.connectedAccountId! },
          ...(p.applicationFeeFen > 0n ? { application_fee_amount: toMinor(p.applicationFeeFen) } : {}),
          automatic_payment_methods: { enabled: true },
        },
        { idempotencyKey: `payment:${p.paymentId}` },
      ),
    );
    return { kind: 'card', externalId: pi.id, clientSecret: pi.client_secret ?? '', status: paymentStatusOf(pi) };
  }

  async refund(r: StartRefund): Promise<StartedRefund> {
    if (!r.externalPaymentId) throw new RangeError('a Stripe refund needs the PaymentIntent id');
    const refund = await this.call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: r.externalPaymentId!,
          amount: toMinor(r.amountFen),
          // a destination charge: take the money back from the provider's account, and the platform's fee with it
          reverse_transfer: true,
          refund_application_fee: true,
          metadata: { refundId: r.refundId },
        },
        { idempotencyKey: `refund:${r.refundId}` },
      ),
    );
    return { kind: 'card', externalId: refund.id, status: refundStatusOf(refund) };
  }

  async paymentStatus(externalId: string): Promise<{ status: ExternalPaymentStatus; amountFen: Fen } | null> {
    const pi = await this.call(() => this.stripe.paymentIntents.retrieve(externalId));
    return { status: paymentStatusOf(pi), amountFen: BigInt(pi.amount_received ?? 0) };
  }

  /**
   * Cancels the PaymentIntent of a payment called off on our side, so the customer can no longer
   * pay it (key `cancel:<payment id>`). Stripe refuses once the intent has succeeded: that money is
   * refunded when its success arrives (the caller treats the refusal as final).
   */
  async cancel(p: { paymentId: string; externalId: string }): Promise<void> {
    await this.call(() => this.stripe.paymentIntents.cancel(p.externalId, { cancellation_reason: 'abandoned' }, { idempotencyKey: `cancel:${p.paymentId}` }));
  }

  /** A Connect Express account for a provider (one per provider: the key is the provider's id). */
  async createConnectedAccount(input: { providerId: string; email: string | null; businessName: string }): Promise<{ accountId: string }> {
    const account = await this.call(() =>
      this.stripe.accounts.create(
        {
          type: 'express',
          ...(input.email ? { email: input.email } : {}),
          business_type: 'company',
          company: { name: input.businessName },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { providerId: input.providerId },
        },
        { idempotencyKey: `connect:${input.providerId}` },
      ),
    );
    return { accountId: account.id };
  }

  async accountLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string; expiresAt: Date }> {
    const link = await this.call(() =>
      this.stripe.accountLinks.create({ account: input.accountId, refresh_url: input.refreshUrl, return_url: input.returnUrl, type: 'account_onboarding' }),
    );
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  async retrieveAccount(accountId: string): Promise<{ chargesEnabled: boolean; detailsSubmitted: boolean }> {
    const a = await this.call(() => this.stripe.accounts.retrieve(accountId));
    return { chargesEnabled: a.charges_enabled === true, detailsSubmitted: a.details_submitted === true };
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw stripeProblem(e);
    }
  }
}

/** CNY's minor unit is the fen: Stripe takes amounts in it. */
function toMinor(fen: Fen): number {
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < 0n) throw new RangeError('amount out of range');
  return Number(fen);
}
