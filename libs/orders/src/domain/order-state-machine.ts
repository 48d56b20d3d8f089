/**
 * The order lifecycle (docs/product.md "Rules in detail", Order), as data:
 * requested --quote (provider; may re-quote while quoted)--> quoted; requested --decline (provider,
 * reason)--> declined; quoted --accept (enterprise, before validUntil)--> contracted; quoted
 * --reject (enterprise)--> cancelled; contracted --confirm_payment (provider for a bank transfer,
 * system for a card or when nothing is due)--> paid; paid --start (provider)--> in_progress
 * --deliver (provider)--> delivered --complete (enterprise, or the system 14 days after delivery)-->
 * completed; delivered --dispute (enterprise, reason, within the 14 days)--> disputed --resolve
 * (program officer: complete, or refund R)--> completed / refunded;
 * requested/quoted/contracted/paid --cancel (either party; the system for an unpaid contract)--> cancelled.
 *
 * The party and eligibility guards (`partiesEligible`) sit on request, quote and accept only: once
 * contracted an order runs to its end (an identity edit, a lapsed admission or qualification, an
 * expired grant never strand it); only a sanction stops it.
 */
import { defineMachine, type DomainError } from '@innoserve/core';
import { quoteExpired, reasonRequired, refundOutOfRange, tooEarlyToAutoComplete, disputeWindowClosed } from '../services/order-errors.js';

export const ORDER_STATUSES = [
  'requested',
  'quoted',
  'contracted',
  'paid',
  'in_progress',
  'delivered',
  'completed',
  'declined',
  'disputed',
  'refunded',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_ACTIONS = ['quote', 'decline', 'accept', 'reject', 'confirm_payment', 'start', 'deliver', 'complete', 'dispute', 'resolve_complete', 'resolve_refund', 'cancel'] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

/** Members of the enterprise, members of the provider, a program officer covering the order, the worker. */
export const ORDER_ACTORS = ['enterprise', 'provider', 'program_officer', 'system'] as const;
export type OrderActor = (typeof ORDER_ACTORS)[number];

/** The live states: a party may still act (the others are final). */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['completed', 'declined', 'refunded', 'cancelled'];

/** What the guards read; OrderService builds it from locked rows and the Clock. */
export interface OrderContext {
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
  /** The quote's last valid day (inclusive), or null before a quote. */
  quoteValidUntil: string | null;
  /** Why a party may not deal now (provider not admitted, offering not searchable, enterprise not verified or blacklisted, the grant), or null. */
  partyProblem: DomainError | null;
  /** The trimmed reason, or null. */
  reason: string | null;
  /** Last day the enterprise may dispute (delivery + 14 days), or null before delivery. */
  disputeUntil: string | null;
  /** True when the worker is the one completing. */
  automatic: boolean;
  /** A refund resolution: R and the price. */
  refundFen: bigint | null;
  priceFen: bigint | null;
}

export const orderMachine = defineMachine({
  entity: 'order',
  states: ORDER_STATUSES,
  actions: ORDER_ACTIONS,
  actors: ORDER_ACTORS,
  guards: {
    partiesEligible: (c: OrderContext) => c.partyProblem,
    quoteValid: (c: OrderContext) => (c.quoteValidUntil !== null && c.today <= c.quoteValidUntil ? null : quoteExpired(c.quoteValidUntil)),
    reasonGiven: (c: OrderContext, t) => (c.reason ? null : reasonRequired(t.action)),
    // the enterprise may dispute through the last day; the worker completes only after it
    withinDisputeWindow: (c: OrderContext) => (c.disputeUntil !== null && c.today <= c.disputeUntil ? null : disputeWindowClosed(c.disputeUntil)),
    autoCompleteDue: (c: OrderContext) => (!c.automatic || (c.disputeUntil !== null && c.today > c.disputeUntil) ? null : tooEarlyToAutoComplete(c.disputeUntil)),
    refundInRange: (c: OrderContext) =>
      c.refundFen !== null && c.priceFen !== null && c.refundFen > 0n && c.refundFen <= c.priceFen ? null : refundOutOfRange(c.priceFen),
  },
  transitions: [
    { from: ['requested', 'quoted'], action: 'quote', by: ['provider'], to: 'quoted', guards: ['partiesEligible'] },
    { from: 'requested', action: 'decline', by: ['provider'], to: 'declined', guards: ['reasonGiven'] },
    { from: 'quoted', action: 'accept', by: ['enterprise'], to: 'contracted', guards: ['quoteValid', 'partiesEligible'] },
    { from: 'quoted', action: 'reject', by: ['enterprise'], to: 'cancelled' },
    { from: 'contracted', action: 'confirm_payment', by: ['provider', 'system'], to: 'paid' },
    { from: 'paid', action: 'start', by: ['provider'], to: 'in_progress' },
    { from: 'in_progress', action: 'deliver', by: ['provider'], to: 'delivered' },
    { from: 'delivered', action: 'complete', by: ['enterprise', 'system'], to: 'completed', guards: ['autoCompleteDue'] },
    { from: 'delivered', action: 'dispute', by: ['enterprise'], to: 'disputed', guards: ['reasonGiven', 'withinDisputeWindow'] },
    { from: 'disputed', action: 'resolve_complete', by: ['program_officer'], to: 'completed', guards: ['reasonGiven'] },
    { from: 'disputed', action: 'resolve_refund', by: ['program_officer'], to: 'refunded', guards: ['reasonGiven', 'refundInRange'] },
    { from: ['requested', 'quoted', 'contracted', 'paid'], action: 'cancel', by: ['enterprise', 'provider', 'system'], to: 'cancelled', guards: ['reasonGiven'] },
  ],
});
