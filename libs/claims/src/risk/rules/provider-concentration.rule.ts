import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';
import { LIVE_CLAIMS_SQL, NO_CLAIM_ID } from './rule-support.js';

/**
 * provider_concentration: once the provider has at least concentrationMinClaims live claims in the
 * program (this one included), flagged when more than concentrationShareBp of them come from this
 * claim's enterprise: pair × 10,000 > share × total.
 *
 * Cost: the provider's total is counted only as far as it can matter. With `pair` claims from this
 * enterprise the flag needs total < pair × 10,000 / share, so the count stops there (LIMIT): a busy
 * provider with thousands of claims costs what its claims from this one enterprise cost. Both
 * counts use the partial index (program_id, provider_id, enterprise_id) of live claims.
 */
export class ProviderConcentrationRule implements RiskRule {
  readonly key = 'provider_concentration' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    // `pair` and `total` count the other live claims; this claim is added as one more to each
    const [row] = await queryPrepared<{ pair: number; total: number; cap: number }>(m, 
      `WITH p AS (
         SELECT count(*)::int + 1 AS pair FROM subsidy_claim
          WHERE program_id = $1 AND provider_id = $2 AND enterprise_id = $3 AND ${LIVE_CLAIMS_SQL} AND id <> $4),
       c AS (
         -- the smallest total at which the share is no longer exceeded: ceil(pair × 10,000 / share)
         SELECT CASE WHEN $5::int > 0 THEN (p.pair::bigint * 10000 + $5::int - 1) / $5::int ELSE $6::int END AS cap FROM p)
       SELECT p.pair, c.cap::int AS cap,
              (SELECT count(*)::int FROM (
                 SELECT 1 FROM subsidy_claim
                  WHERE program_id = $1 AND provider_id = $2 AND ${LIVE_CLAIMS_SQL} AND id <> $4
                  -- the index's order: without it the planner may scan the table hoping the LIMIT ends it
                  -- early, which it does for a busy provider and never does for a quiet one
                  ORDER BY program_id, provider_id, enterprise_id
                  LIMIT (SELECT cap FROM c)) s) + 1 AS total
         FROM p, c`,
      [claim.programId, claim.providerId, claim.enterpriseId, claim.claimId ?? NO_CLAIM_ID, t.concentrationShareBp, t.concentrationMinClaims],
    );
    const { pair, total } = row;
    // total was counted up to cap (+1 for this claim): beyond cap the share cannot be exceeded
    if (total < t.concentrationMinClaims) return null;
    if (BigInt(pair) * 10_000n <= BigInt(t.concentrationShareBp) * BigInt(total)) return null;
    const shareBp = Math.floor((pair * 10_000) / total);
    return {
      rule: this.key,
      severity: shareBp >= 8_000 ? 'high' : 'medium',
      evidence: {
        claimsFromEnterprise: pair,
        providerClaimsInProgram: total,
        shareBp,
        thresholdBp: t.concentrationShareBp,
        minClaims: t.concentrationMinClaims,
      },
    };
  }
}
