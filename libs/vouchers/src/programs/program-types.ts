/** The shapes a program stores (jsonb) and the enumerations of its settings. */
export const ALLOCATION_MODES = ['fcfs', 'reviewed', 'lottery'] as const;
export type AllocationMode = (typeof ALLOCATION_MODES)[number];
export const SETTLEMENT_MODES = ['provider_redeems', 'enterprise_reimbursed'] as const;
export type SettlementMode = (typeof SETTLEMENT_MODES)[number];
export const REQUIRED_FLAGS = ['tech_sme', 'high_tech'] as const;
export type RequiredFlag = (typeof REQUIRED_FLAGS)[number];
export const REVIEW_LEVELS = ['county', 'city'] as const;
export type ReviewLevel = (typeof REVIEW_LEVELS)[number];

export interface FundingSource {
  key: string;
  name: string;
  /** A county pool applies only to enterprises of this region; null: applies to every grant. */
  regionCode: string | null;
  shareBp: number;
}

export interface Eligibility {
  sizeClasses: string[];
  regionCodes: string[];
  requiredFlags: RequiredFlag[];
  minMonthsRegistered: number | null;
}

export interface SubsidyRule {
  categoryId: string;
  ratioBp: number;
  /** Stored as a decimal string in jsonb (bigint fen). */
  perOrderCapFen: string;
}

/**
 * The thresholds of the claim risk rules (docs/product.md, Risk-rule thresholds), per program. A
 * program stores only what it changes; `riskThresholdsOf` fills in the defaults.
 */
export interface RiskThresholds {
  /** Provider concentration: considered once the provider has at least this many claims in the program (this one included)… */
  concentrationMinClaims: number;
  /** …and flagged when more than this share (basis points) of them come from this claim's enterprise. */
  concentrationShareBp: number;
  /** Fast delivery: delivered in less than this share (bp) of the contract's lead time. */
  fastDeliveryShareBp: number;
  /** At the cap: price × ratio within this share (bp) of the per-order cap, above or below. */
  atCapToleranceBp: number;
  /** Split orders: the same pair within this many days. */
  splitWindowDays: number;
  /** Price outlier: above this multiple (bp; 20,000 = 2×) of the offering's list price or of the category median. */
  outlierMultipleBp: number;
  /** Price outlier: the category median counts only with at least this many published offerings. */
  outlierMinPeers: number;
  /** Round trip: the roles reversed within this many days. */
  roundTripDays: number;
}

export const DEFAULT_RISK_THRESHOLDS: Readonly<RiskThresholds> = Object.freeze({
  concentrationMinClaims: 5,
  concentrationShareBp: 5_000,
  fastDeliveryShareBp: 2_500,
  atCapToleranceBp: 100,
  splitWindowDays: 30,
  outlierMultipleBp: 20_000,
  outlierMinPeers: 5,
  roundTripDays: 90,
});

export function riskThresholdsOf(stored: Partial<RiskThresholds> | null | undefined): RiskThresholds {
  return { ...DEFAULT_RISK_THRESHOLDS, ...(stored ?? {}) };
}
