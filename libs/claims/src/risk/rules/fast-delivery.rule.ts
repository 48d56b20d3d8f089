import type { EntityManager } from 'typeorm';
import { BP_SCALE } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';
import { DAY_MS } from './rule-support.js';

/**
 * fast_delivery: delivered in less than fastDeliveryShareBp of the contract's lead time, measured
 * from the start of work (or, when it has none, the contract) to the delivery. Exact in integers:
 * elapsed ms × 10,000 < share × lead time in ms. A lead time of 0 days promises nothing to beat.
 * No query.
 */
export class FastDeliveryRule implements RiskRule {
  readonly key = 'fast_delivery' as const;

  async evaluate(_m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    if (claim.leadTimeDays <= 0) return null;
    const from = claim.startedAt ?? claim.contractedAt;
    const elapsed = BigInt(claim.deliveredAt.getTime() - from.getTime());
    const lead = BigInt(claim.leadTimeDays) * BigInt(DAY_MS);
    if (elapsed * BP_SCALE >= BigInt(t.fastDeliveryShareBp) * lead) return null;
    const shareBp = elapsed <= 0n ? 0n : (elapsed * BP_SCALE) / lead;
    return {
      rule: this.key,
      // under a tenth of the promised time, or delivered before the work started
      severity: elapsed * 10n < lead ? 'high' : 'medium',
      evidence: {
        measuredFrom: claim.startedAt ? 'started' : 'contracted',
        from: from.toISOString(),
        deliveredAt: claim.deliveredAt.toISOString(),
        elapsedHours: Number(elapsed / 36_000n) / 100,
        leadTimeDays: claim.leadTimeDays,
        shareOfLeadTimeBp: shareBp.toString(),
        thresholdBp: t.fastDeliveryShareBp,
      },
    };
  }
}
