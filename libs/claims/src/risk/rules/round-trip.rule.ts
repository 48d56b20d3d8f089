import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import { addDays } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';
import { DAY_MS, NOT_A_PURCHASE_SQL } from './rule-support.js';

interface Row {
  kind: 'order' | 'payment';
  id: string;
  ref: string;
  at: Date;
  amount_fen: string;
}

const SHOWN = 10;

/**
 * round_trip: the roles reversed around the same time — within roundTripDays (before or after)
 * of this order's contract, the provider organization contracted an order as the buyer from the
 * enterprise organization, or paid it. Money that goes out as a subsidised purchase and comes
 * back as a purchase the other way. Orders declined or cancelled are no purchase.
 * Cost: two range scans on the reversed pair (service_order: enterprise, provider, contracted_at;
 * payment: enterprise, provider, succeeded_at), bounded by that pair's activity in the window.
 */
export class RoundTripRule implements RiskRule {
  readonly key = 'round_trip' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    const from = addDays(claim.contractedAt, -t.roundTripDays);
    const to = addDays(claim.contractedAt, t.roundTripDays);
    const rows = await queryPrepared<Row>(m, 
      `(SELECT 'order' AS kind, id, order_no AS ref, contracted_at AS at, price_fen::text AS amount_fen
          FROM service_order
         WHERE enterprise_id = $1 AND provider_id = $2 AND contracted_at BETWEEN $3 AND $4 AND ${NOT_A_PURCHASE_SQL}
         ORDER BY contracted_at LIMIT ${SHOWN})
       UNION ALL
       (SELECT 'payment', id, reference, succeeded_at, amount_fen::text
          FROM payment
         WHERE enterprise_id = $1 AND provider_id = $2 AND succeeded_at BETWEEN $3 AND $4 AND status IN ('succeeded','contested')
         ORDER BY succeeded_at LIMIT ${SHOWN})`,
      [claim.providerId, claim.enterpriseId, from, to],
    );
    if (rows.length === 0) return null;
    const days = (at: Date): number => Math.round((at.getTime() - claim.contractedAt.getTime()) / DAY_MS);
    return {
      rule: this.key,
      severity: 'high',
      evidence: {
        reversedOrders: rows.filter((r) => r.kind === 'order').map((r) => ({ orderId: r.id, orderNo: r.ref, priceFen: r.amount_fen, contractedAt: r.at.toISOString(), daysFromContract: days(r.at) })),
        paymentsToEnterprise: rows.filter((r) => r.kind === 'payment').map((r) => ({ paymentId: r.id, reference: r.ref, amountFen: r.amount_fen, succeededAt: r.at.toISOString(), daysFromContract: days(r.at) })),
        windowDays: t.roundTripDays,
      },
    };
  }
}
