import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import { BP_SCALE } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';

interface Row {
  pricing_kind: 'fixed' | 'per_unit' | 'quote' | null;
  price_fen: string | null;
  max_fen: string | null;
  quantity: number | null;
  peers: number;
  lo: string | null;
  hi: string | null;
}

/**
 * price_outlier: the contract price above outlierMultipleBp / 10,000 × the offering's list price
 * (the unit price × quantity for a per-unit offering, the top of the range for a quote), or above
 * that multiple × the median list price of the published offerings of the same leaf category —
 * the median only when there are at least outlierMinPeers of them. A per-unit order is compared
 * with the median by its price per unit. Compared exactly in integers: price × 10,000 against
 * multiple × list (× 2 on both sides for a median halfway between two prices).
 * Cost: one primary-key read of the offering and of the order, and the category's published
 * offerings (partial index on category_id): it grows with the catalog, never with the order history.
 */
export class PriceOutlierRule implements RiskRule {
  readonly key = 'price_outlier' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, t: RiskThresholds): Promise<RiskFlag | null> {
    const [row] = await queryPrepared<Row>(m, 
      `SELECT f.pricing_kind, f.price_fen::text AS price_fen, f.max_fen::text AS max_fen,
              (SELECT quantity FROM service_order WHERE id = $2) AS quantity,
              p.peers, p.lo::text AS lo, p.hi::text AS hi
         FROM (SELECT count(*)::int AS peers,
                      percentile_disc(0.5) WITHIN GROUP (ORDER BY l) AS lo,
                      percentile_disc(0.5) WITHIN GROUP (ORDER BY l DESC) AS hi
                 FROM (SELECT CASE pricing_kind WHEN 'quote' THEN max_fen ELSE price_fen END AS l
                         FROM offering WHERE category_id = $3 AND status = 'published') s) p
         LEFT JOIN offering f ON f.id = $1`,
      [claim.offeringId, claim.orderId, claim.categoryId],
    );
    const multiple = BigInt(t.outlierMultipleBp);
    const price = claim.priceFen;
    const quantity = BigInt(Math.max(1, row.quantity ?? 1));
    const perUnit = row.pricing_kind === 'per_unit';

    let listPrice: bigint | null = null;
    if (row.pricing_kind === 'quote' && row.max_fen !== null) listPrice = BigInt(row.max_fen);
    else if (row.price_fen !== null) listPrice = BigInt(row.price_fen) * (perUnit ? quantity : 1n);
    const aboveList = listPrice !== null && listPrice > 0n && price * BP_SCALE > multiple * listPrice;

    // the median is (lo + hi) / 2; a per-unit order is compared by its price per unit: price / quantity
    let aboveMedian = false;
    if (row.peers >= t.outlierMinPeers && row.lo !== null && row.hi !== null) {
      const twiceMedian = BigInt(row.lo) + BigInt(row.hi);
      aboveMedian = twiceMedian > 0n && 2n * price * BP_SCALE > multiple * twiceMedian * (perUnit ? quantity : 1n);
    }
    if (!aboveList && !aboveMedian) return null;

    const evidence: Record<string, unknown> = { priceFen: price.toString(), multipleBp: t.outlierMultipleBp };
    if (perUnit) evidence.quantity = Number(quantity);
    if (listPrice !== null && listPrice > 0n) {
      evidence.listPriceFen = listPrice.toString();
      evidence.priceToListBp = ((price * BP_SCALE) / listPrice).toString();
    }
    if (row.peers >= t.outlierMinPeers && row.lo !== null && row.hi !== null) {
      const twiceMedian = BigInt(row.lo) + BigInt(row.hi);
      // the median rounded down to the fen for display; the comparison above is exact
      evidence.categoryMedianFen = (twiceMedian / 2n).toString();
      evidence.categoryPeers = row.peers;
      if (twiceMedian > 0n) evidence.priceToMedianBp = ((2n * price * BP_SCALE) / (twiceMedian * (perUnit ? quantity : 1n))).toString();
    }
    evidence.above = [...(aboveList ? ['list_price'] : []), ...(aboveMedian ? ['category_median'] : [])];
    return { rule: this.key, severity: aboveList && aboveMedian ? 'high' : 'medium', evidence };
  }
}
