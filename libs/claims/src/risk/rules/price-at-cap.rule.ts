import type { EntityManager } from 'typeorm';
import { BP_SCALE } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';

/**
 * price_at_cap: a price chosen so that the subsidy lands on the per-order cap — price × ratio
 * within atCapToleranceBp of the cap, above or below (both ends included). Exact in integers:
 * |price × ratio − cap × 10,000| (fen·bp) ≤ tolerance × cap, which is the deviation in basis points
 * of the cap. A price far above the cap's price is capped like any other and is not flagged.
 * No query: everything is on the claim.
 */
export class PriceAtCapRule implements RiskRule {
  readonly key = 'price_at_cap' as const;

  async evaluate(_m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    const cap = claim.perOrderCapFen;
    if (claim.ratioBp <= 0 || cap <= 0n) return null;
    const raw = claim.priceFen * BigInt(claim.ratioBp);
    const target = cap * BP_SCALE;
    const deviation = raw > target ? raw - target : target - raw;
    if (deviation > BigInt(t.atCapToleranceBp) * cap) return null;
    return {
      rule: this.key,
      severity: 'low',
      evidence: {
        priceFen: claim.priceFen.toString(),
        ratioBp: claim.ratioBp,
        // price × ratio before the cap, rounded down to the fen as the subsidy is
        uncappedSubsidyFen: (raw / BP_SCALE).toString(),
        perOrderCapFen: cap.toString(),
        deviationBpOfCap: (deviation / cap).toString(),
        side: raw === target ? 'exact' : raw > target ? 'above' : 'below',
        toleranceBp: t.atCapToleranceBp,
      },
    };
  }
}
