import type { EntityManager } from 'typeorm';
import { queryPrepared } from '@innoserve/database';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';
import { NO_CLAIM_ID } from './rule-support.js';

interface Row {
  id: string;
  claim_no: string;
  order_id: string;
  enterprise_id: string;
  status: string;
  invoice_code: string;
  invoice_number: string;
  issued_on: string;
  why: 'same_number' | 'same_content';
}

/** Enough to show a reviewer; a fapiao seen more often than this is flagged all the same. */
const SHOWN = 10;

/**
 * duplicate_invoice: what the live (code, number) unique index cannot see —
 *  - the same (code, number) on another claim that is no longer live (rejected, expired): the
 *    same fapiao presented again;
 *  - the same seller, buyer, amount and issue date under another number on another claim: one
 *    fapiao renumbered. The buyer is this claim's enterprise (a claim's fapiao must name it), and
 *    it is part of the match because a lab that invoices two clients the same fixed price on the
 *    same day issues two genuine fapiao, not one twice.
 * Claims of the same order are not "another claim": a fapiao reissued after a red-letter reversal
 * (红冲) for the same order is how corrections are made.
 * Cost: two index lookups (invoice_number; seller_tax_id + issued_on + amount), each bounded by the
 * few claims that match, whatever the number of claims.
 */
export class DuplicateInvoiceRule implements RiskRule {
  readonly key = 'duplicate_invoice' as const;

  async evaluate(m: EntityManager, claim: ClaimUnderReview, _t: RiskThresholds): Promise<RiskFlag | null> {
    const inv = claim.invoice;
    const rows = await queryPrepared<Row>(m, 
      `(SELECT id, claim_no, order_id, enterprise_id, status, invoice_code, invoice_number, invoice_issued_on::text AS issued_on, 'same_number' AS why
          FROM subsidy_claim
         WHERE invoice_number = $1 AND invoice_code = $2 AND id <> $3 AND order_id <> $4
         LIMIT ${SHOWN})
       UNION ALL
       (SELECT id, claim_no, order_id, enterprise_id, status, invoice_code, invoice_number, invoice_issued_on::text, 'same_content'
          FROM subsidy_claim
         WHERE seller_tax_id = $5 AND invoice_issued_on = $6::date AND invoice_amount_fen = $7::bigint AND enterprise_id = $8
           AND NOT (invoice_number = $1 AND invoice_code = $2) AND id <> $3 AND order_id <> $4
         LIMIT ${SHOWN})`,
      [inv.number, inv.code, claim.claimId ?? NO_CLAIM_ID, claim.orderId, inv.sellerTaxId, inv.issuedOn, inv.amountFen.toString(), claim.enterpriseId],
    );
    if (rows.length === 0) return null;
    const sameNumber = rows.filter((r) => r.why === 'same_number');
    const sameContent = rows.filter((r) => r.why === 'same_content');
    const show = (r: Row) => ({
      claimId: r.id,
      claimNo: r.claim_no,
      orderId: r.order_id,
      status: r.status,
      invoiceCode: r.invoice_code,
      invoiceNumber: r.invoice_number,
      sameEnterprise: r.enterprise_id === claim.enterpriseId,
    });
    return {
      rule: this.key,
      severity: 'high',
      evidence: {
        ...(sameNumber.length > 0 ? { sameNumberOnOtherClaims: sameNumber.map(show) } : {}),
        ...(sameContent.length > 0
          ? {
              sameSellerAmountDateOtherNumber: sameContent.map(show),
              sellerTaxId: inv.sellerTaxId,
              amountFen: inv.amountFen.toString(),
              issuedOn: inv.issuedOn,
            }
          : {}),
      },
    };
  }
}
