/**
 * The subsidy of an order and the split of a dispute refund (docs/product.md "Money rules"). Pure:
 * the callers read the grant's available amount and the provider's remaining cap under a lock in
 * the same transaction, then hold exactly what this returns.
 */
import { Money, type Fen } from '@innoserve/core';

export interface SubsidyInput {
  priceFen: Fen;
  /** The deepest category rule's ratio, basis points 0…10,000. */
  ratioBp: number;
  /** The rule's cap per order; null when the rule has none. */
  perOrderCapFen: Fen | null;
  /** What the enterprise's grant has free right now (all sources together). */
  grantAvailableFen: Fen;
  /** The provider's annual cap left in this program; null when the program sets none. A negative value (cap lowered below usage) counts as used up. */
  providerCapRemainingFen: Fen | null;
}

/** Which bound decided the subsidy (the first in this order on a tie). */
export type SubsidyLimit = 'ratio' | 'per_order_cap' | 'grant_available' | 'provider_cap';

export interface Subsidy {
  subsidyFen: Fen;
  /** price − subsidy: what the enterprise pays itself. */
  ownShareFen: Fen;
  /** floor(price × ratio), before any cap. */
  ratioAmountFen: Fen;
  limitedBy: SubsidyLimit;
}

export interface DisputeRefundInput {
  priceFen: Fen;
  subsidyFen: Fen;
  /** R: what the officer refunds to the enterprise side, 0 … price. */
  refundFen: Fen;
}

export interface DisputeRefund {
  /** floor(R × subsidy / price): released from the hold back to the grant. */
  subsidyReleasedFen: Fen;
  /** R − subsidy released: paid back to the enterprise by the provider. */
  ownShareRefundedFen: Fen;
  /** subsidy − subsidy released: what the claim may still ask for. */
  claimableSubsidyFen: Fen;
}

function nonNegative(name: string, v: Fen): void {
  if (v < 0n) throw new RangeError(`${name} must not be negative`);
}

export class SubsidyCalculator {
  /** subsidy = min(floor(price × ratioBp / 10,000), perOrderCap, grant available, provider cap remaining). */
  calculate(input: SubsidyInput): Subsidy {
    nonNegative('price', input.priceFen);
    nonNegative('grant available', input.grantAvailableFen);
    if (input.perOrderCapFen !== null) nonNegative('per-order cap', input.perOrderCapFen);
    if (!Number.isInteger(input.ratioBp) || input.ratioBp < 0 || input.ratioBp > 10_000) {
      throw new RangeError('ratio must be an integer of basis points between 0 and 10000');
    }
    const ratioAmountFen = Money.applyBp(input.priceFen, input.ratioBp);
    const bounds: [SubsidyLimit, Fen][] = [['ratio', ratioAmountFen]];
    if (input.perOrderCapFen !== null) bounds.push(['per_order_cap', input.perOrderCapFen]);
    bounds.push(['grant_available', input.grantAvailableFen]);
    if (input.providerCapRemainingFen !== null) {
      bounds.push(['provider_cap', input.providerCapRemainingFen < 0n ? 0n : input.providerCapRemainingFen]);
    }
    let [limitedBy, subsidyFen] = bounds[0];
    for (const [name, value] of bounds) {
      if (value < subsidyFen) [limitedBy, subsidyFen] = [name, value];
    }
    return { subsidyFen, ownShareFen: input.priceFen - subsidyFen, ratioAmountFen, limitedBy };
  }

  /** See {@link disputeRefund}. */
  disputeRefund(input: DisputeRefundInput): DisputeRefund {
    return disputeRefund(input);
  }
}

/**
 * Refund R after a dispute: subsidy released = floor(R × subsidy / price), own share refunded =
 * R − that. Together they are exactly R, and the own-share refund never exceeds the own share
 * paid (R − floor(R·s/p) = ceil(R·(p−s)/p) ≤ p − s).
 */
export function disputeRefund(input: DisputeRefundInput): DisputeRefund {
  const { priceFen, subsidyFen, refundFen } = input;
  nonNegative('price', priceFen);
  nonNegative('subsidy', subsidyFen);
  nonNegative('refund', refundFen);
  if (subsidyFen > priceFen) throw new RangeError('subsidy cannot exceed the price');
  if (refundFen > priceFen) throw new RangeError('refund cannot exceed the price');
  const subsidyReleasedFen = priceFen === 0n ? 0n : Money.prorate(refundFen, subsidyFen, priceFen);
  return {
    subsidyReleasedFen,
    ownShareRefundedFen: refundFen - subsidyReleasedFen,
    claimableSubsidyFen: subsidyFen - subsidyReleasedFen,
  };
}
