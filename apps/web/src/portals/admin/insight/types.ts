// The shapes of the reports and the audit API as libs/reports and libs/audit answer them (the
// OpenAPI document carries no response schema for these yet: these mirror ProgramReport,
// ScopedReport and AuditEntryView field for field).

export interface SourceFigures {
  source: string;
  name: string;
  regionCode: string | null;
  budgetFen: number;
  grantedFen: number;
  heldFen: number;
  payableFen: number;
  disbursedFen: number;
  lapsedFen: number;
  voidedFen: number;
  forfeitedFen: number;
  clawedBackFen: number;
  repaidFen: number;
  returnedFen: number;
  availableFen: number;
}

export interface Indicator {
  key: string;
  nameZh: string;
  nameEn: string;
  value: number | null;
  formula: string;
}

export interface ProgramReport {
  programId: string;
  name: string;
  fiscalYear: number;
  status: string;
  sources: SourceFigures[];
  byCounty: { regionCode: string; nameZh: string; ordersCompleted: number; enterprises: number; subsidyFen: number; redeemedFen: number }[];
  byCategory: { categoryId: string; nameZh: string; ordersCompleted: number; spendFen: number; subsidyFen: number }[];
  claimPipeline: { status: string; levelKind: string | null; count: number; amountFen: number }[];
  reviewTimes: { levelKind: string; decisions: number; p50Hours: number | null; p90Hours: number | null }[];
  providers: { providerId: string; name: string; ordersCompleted: number; redeemedFen: number; rating: number | null; flaggedClaims: number }[];
  participation: { enterprisesServed: number; firstTimeBuyers: number; microSmallShareBp: number | null };
  indicators: Indicator[];
  scope: 'program' | 'county';
  regionCodes: string[] | null;
  cityShare?: { source: string; name: string; grantedFen: number; heldFen: number; payableFen: number; disbursedFen: number }[];
}

/** A program as GET /admin/programs lists it (the fields the dashboard needs). */
export interface ProgramItem {
  id: string;
  name: string;
  fiscalYear: number;
  status: string;
}

export interface AuditEntry {
  id: string;
  streamType: string;
  streamId: string;
  streamSeq: number;
  action: string;
  actorId: string | null;
  occurredAt: string;
  before?: unknown;
  after?: unknown;
  reason: string | null;
  prevHash: string;
  hash: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
