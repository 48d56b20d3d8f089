import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag, RiskRule } from './risk-rule.js';
import { RISK_RULES } from './risk-rule.js';
import { RelatedPartyRule } from './rules/related-party.rule.js';
import { DuplicateInvoiceRule } from './rules/duplicate-invoice.rule.js';
import { SplitOrdersRule } from './rules/split-orders.rule.js';
import { PriceOutlierRule } from './rules/price-outlier.rule.js';
import { PriceAtCapRule } from './rules/price-at-cap.rule.js';
import { RoundTripRule } from './rules/round-trip.rule.js';
import { FastDeliveryRule } from './rules/fast-delivery.rule.js';
import { ProviderConcentrationRule } from './rules/provider-concentration.rule.js';
import { BackdatingRule } from './rules/backdating.rule.js';

/** The nine rules, in the order of RISK_RULES (the order flags are shown in). */
export function riskRules(): RiskRule[] {
  const rules: RiskRule[] = [
    new RelatedPartyRule(),
    new DuplicateInvoiceRule(),
    new SplitOrdersRule(),
    new PriceOutlierRule(),
    new PriceAtCapRule(),
    new RoundTripRule(),
    new FastDeliveryRule(),
    new ProviderConcentrationRule(),
    new BackdatingRule(),
  ];
  if (rules.map((r) => r.key).join() !== RISK_RULES.join()) throw new Error('riskRules() must list every rule of RISK_RULES once, in order');
  return rules;
}

/**
 * Runs the nine risk rules for a claim and returns the flags raised (none: []). The rules run one
 * after another on the caller's manager — inside the submitting transaction they see what it
 * wrote, and one connection runs one statement at a time anyway. Stateless: `new RiskEngine()`
 * works without Nest.
 */
@Injectable()
export class RiskEngine {
  readonly rules: readonly RiskRule[] = riskRules();

  async evaluate(m: EntityManager, claim: ClaimUnderReview, thresholds: RiskThresholds): Promise<RiskFlag[]> {
    const flags: RiskFlag[] = [];
    for (const rule of this.rules) {
      const flag = await rule.evaluate(m, claim, thresholds);
      if (flag) flags.push(flag);
    }
    return flags;
  }
}
