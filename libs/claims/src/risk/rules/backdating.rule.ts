import type { EntityManager } from 'typeorm';
import { shanghaiDate } from '@innoserve/core';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from '../risk-rule.js';

export type BackdatingFinding = 'invoice_before_grant' | 'invoice_before_contract' | 'request_before_grant';

/**
 * backdating: a service that existed before the voucher or the contract — the fapiao issued
 * before the grant or before the contract, or the order requested before the grant (a deal made
 * first and fitted to the voucher afterwards). Compared by Asia/Shanghai calendar day, as a fapiao
 * is dated: the same day is not before. The request always precedes its own contract, so only the
 * grant is compared with it. No query.
 */
export class BackdatingRule implements RiskRule {
  readonly key = 'backdating' as const;

  async evaluate(_m: EntityManager, claim: ClaimUnderReview, _t: RiskThresholds): Promise<RiskFlag | null> {
    const grantedOn = shanghaiDate(claim.grantedAt);
    const contractedOn = shanghaiDate(claim.contractedAt);
    const requestedOn = shanghaiDate(claim.requestedAt);
    const issuedOn = claim.invoice.issuedOn;
    const findings: BackdatingFinding[] = [];
    // YYYY-MM-DD strings order as dates
    if (issuedOn < grantedOn) findings.push('invoice_before_grant');
    if (issuedOn < contractedOn) findings.push('invoice_before_contract');
    if (requestedOn < grantedOn) findings.push('request_before_grant');
    if (findings.length === 0) return null;
    return {
      rule: this.key,
      severity: findings.some((f) => f.startsWith('invoice_')) ? 'high' : 'medium',
      evidence: { findings, invoiceIssuedOn: issuedOn, requestedOn, grantedOn, contractedOn },
    };
  }
}
