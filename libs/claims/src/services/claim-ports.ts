import type { EntityManager } from 'typeorm';
import type { RiskThresholds } from '@innoserve/vouchers';
import type { ClaimUnderReview, RiskFlag } from '../risk/risk-rule.js';

/** Working-day arithmetic on the official holiday calendar (review deadlines). */
export interface ReviewCalendar {
  /** The date of the n-th working day after `from` (YYYY-MM-DD, Asia/Shanghai). */
  addWorkingDays(from: string, n: number): Promise<string> | string;
}
export const REVIEW_CALENDAR = Symbol('REVIEW_CALENDAR');

/** Runs the risk rules on a claim being (re)submitted: the flags with their evidence (never a rejection). */
export interface ClaimRiskAssessor {
  evaluate(m: EntityManager, claim: ClaimUnderReview, thresholds: RiskThresholds): Promise<RiskFlag[]>;
}
export const CLAIM_RISK = Symbol('CLAIM_RISK');
