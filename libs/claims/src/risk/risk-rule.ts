import type { EntityManager } from 'typeorm';
import type { RiskThresholds } from '@innoserve/vouchers';

/** The nine rules of docs/product.md (Claims and disbursement; Risk-rule thresholds). */
export const RISK_RULES = [
  'related_party',
  'duplicate_invoice',
  'split_orders',
  'price_outlier',
  'price_at_cap',
  'round_trip',
  'fast_delivery',
  'provider_concentration',
  'backdating',
] as const;
export type RiskRuleKey = (typeof RISK_RULES)[number];

export type RiskSeverity = 'low' | 'medium' | 'high';

/** A flag on a claim, for staff only: the rule, how serious, and what it saw (the other order, the shared phone, the median compared with). */
export interface RiskFlag {
  rule: RiskRuleKey;
  severity: RiskSeverity;
  evidence: Record<string, unknown>;
}

/**
 * What a rule reads of the claim being evaluated (built by the claims service from the order, the
 * claim's fapiao and the program). Everything else (other orders, organizations, payments, claims)
 * a rule queries itself, through `m`, with an indexed query whose cost stays flat as history grows.
 */
export interface ClaimUnderReview {
  /** The claim's id (excluded from "other claims"); null when evaluating before it is written. */
  claimId: string | null;
  programId: string;
  orderId: string;
  enterpriseId: string;
  providerId: string;
  offeringId: string;
  categoryId: string;
  /** The contract price (before a dispute refund), and the subsidy held. */
  priceFen: bigint;
  subsidyFen: bigint;
  /** The program's rule for the order's category: ratio (bp) and per-order cap. */
  ratioBp: number;
  perOrderCapFen: bigint;
  /** The contract's lead time in days. */
  leadTimeDays: number;
  /** When the order was requested, contracted (accepted), started and delivered. */
  requestedAt: Date;
  contractedAt: Date;
  startedAt: Date | null;
  deliveredAt: Date;
  /** The grant's creation (the day it was granted). */
  grantedAt: Date;
  invoice: { code: string; number: string; issuedOn: string; amountFen: bigint; sellerTaxId: string };
  /** When the claim is (re)submitted. */
  submittedAt: Date;
}

/** One rule: a small class, quiet (null) or a flag with its evidence. Flags never reject a claim. */
export interface RiskRule {
  readonly key: RiskRuleKey;
  evaluate(m: EntityManager, claim: ClaimUnderReview, thresholds: RiskThresholds): Promise<RiskFlag | null>;
}
