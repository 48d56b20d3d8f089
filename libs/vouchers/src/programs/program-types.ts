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
