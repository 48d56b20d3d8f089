import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import { BP_SCALE, addDays } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';
import { NOT_A_PURCHASE_SQL, ceilDiv } from './rule-support.js';

interface Row {
  id: string;
  order_no: string;
  price_fen: string;
  contracted_at: Date;
}

/** A pair rarely signs more than a handful of orders a month; past this many the flag is certain anyway. */
const SHOWN = 50;

/**
 * split_orders: one purchase cut into pieces to stay under the per-order cap. Flagged when the
 * same enterprise and provider signed other orders in the same program within splitWindowDays of
 * this order's contract (before or after), each of them and this one priced under the price at
 * which the subsidy reaches the cap (cap ÷ ratio), and together above it. Compared exactly:
 * price × ratio against cap × 10,000. An order at or above that price is a whole purchase, not a piece.
 * Cost: one range scan of the pair's orders in the window (index enterprise, provider, contracted_at).
 */
export class SplitOrdersRule implements RiskRule {
  readonly key = 'split_orders' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    if (claim.ratioBp <= 0 || claim.perOrderCapFen <= 0n) return null;
    const ratio = BigInt(claim.ratioBp);
    const capScaled = claim.perOrderCapFen * BP_SCALE;
    if (claim.priceFen * ratio >= capScaled) return null; // this order alone reaches the cap
    const rows = await queryPrepared<Row>(m, 
      `SELECT id, order_no, price_fen::text AS price_fen, contracted_at
         FROM service_order
        WHERE enterprise_id = $1 AND provider_id = $2
          AND contracted_at BETWEEN $3 AND $4
          AND id <> $5 AND program_id = $6 AND ${NOT_A_PURCHASE_SQL}
          AND price_fen * $7::bigint < $8::bigint
        ORDER BY contracted_at
        LIMIT ${SHOWN}`,
      [
        claim.enterpriseId,
        claim.providerId,
        addDays(claim.contractedAt, -t.splitWindowDays),
        addDays(claim.contractedAt, t.splitWindowDays),
        claim.orderId,
        claim.programId,
        ratio.toString(),
        capScaled.toString(),
      ],
    );
    if (rows.length === 0) return null;
    const total = rows.reduce((sum, r) => sum + BigInt(r.price_fen), claim.priceFen);
    if (total * ratio <= capScaled) return null;
    return {
      rule: this.key,
      severity: rows.length >= 2 ? 'high' : 'medium',
      evidence: {
        otherOrders: rows.map((r) => ({ orderId: r.id, orderNo: r.order_no, priceFen: r.price_fen, contractedAt: r.contracted_at.toISOString() })),
        priceFen: claim.priceFen.toString(),
        totalFen: total.toString(),
        capPriceFen: ceilDiv(capScaled, ratio).toString(),
        windowDays: t.splitWindowDays,
      },
    };
  }
}
