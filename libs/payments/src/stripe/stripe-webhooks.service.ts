import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import { DomainError, msg } from '@innoserve/core';
import { TransactionRunner } from '@innoserve/database';
import { StripeEvent } from '../entities/stripe-event.entity.js';
import { StripeSetup } from './stripe-setup.js';

export type StripeEventHandler = (m: EntityManager, event: Stripe.Event) => Promise<void>;

export const webhookSignatureInvalid = (): DomainError =>
  new DomainError(400, 'WEBHOOK_SIGNATURE_INVALID', msg('The Stripe-Signature header does not match the body.', 'Stripe 签名校验失败。'));
export const stripeNotConfigured = (): DomainError =>
  new DomainError(404, 'STRIPE_NOT_CONFIGURED', msg('Card payments (Stripe) are not configured here.', '本系统未启用 Stripe 在线支付。'));

/**
 * Stripe's webhook: the signature is checked on the raw body (STRIPE_WEBHOOK_SECRET); each event is
 * stored by its id and applied in the same transaction, once: a replay finds the row and does
 * nothing. Handlers are registered per event type; they must be state-based (compare before they
 * move anything), so events arriving out of order end in the right state.
 */
@Injectable()
export class StripeWebhooks {
  private readonly handlers = new Map<string, StripeEventHandler[]>();

  constructor(
    private readonly setup: StripeSetup,
    private readonly tx: TransactionRunner,
  ) {}

  on(type: string, handler: StripeEventHandler): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Verifies, stores and applies; answers whether this delivery applied it (false for a replay). */
  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<{ id: string; applied: boolean }> {
    const s = this.setup.settings;
    if (!s?.webhookSecret) throw stripeNotConfigured();
    if (!rawBody || !signature) throw webhookSignatureInvalid();
    let event: Stripe.Event;
    try {
      event = this.setup.stripe!.webhooks.constructEvent(rawBody, signature, s.webhookSecret);
    } catch {
      throw webhookSignatureInvalid();
    }
    return { id: event.id, applied: await this.apply(event) };
  }

  /** Stores and applies one event in one transaction (also the reconciliation's way in). */
  async apply(event: Stripe.Event): Promise<boolean> {
    return this.tx.run(async (m) => {
      const inserted = await m.query<{ id: string }[]>(
        `INSERT INTO stripe_event (id, type, stripe_created, payload, received_at, applied_at) VALUES ($1, $2, $3, $4::jsonb, now(), NULL)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [event.id, event.type, String(event.created), JSON.stringify(event)],
      );
      if (inserted.length === 0) return false; // a replay: applied when it first came
      for (const h of this.handlers.get(event.type) ?? []) await h(m, event);
      await m.update(StripeEvent, { id: event.id }, { appliedAt: new Date() });
      return true;
    });
  }
}
