import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import { PROGRAM_STATUSES, type ProgramStatus } from './program-state-machine.js';
import { ALLOCATION_MODES, SETTLEMENT_MODES, type AllocationMode, type Eligibility, type FundingSource, type ReviewLevel, type RiskThresholds, type SettlementMode, type SubsidyRule } from './program-types.js';

const list = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(',');

/** A voucher program (创新券项目) of an issuing region; its money lives in the ledger under its id. */
@Entity('voucher_program')
@Index('ix_voucher_program_status', ['status'])
@Index('ix_voucher_program_issuing_region', ['issuingRegionCode'])
@Check('ck_voucher_program_status', `status IN (${list(PROGRAM_STATUSES)})`)
@Check('ck_voucher_program_allocation_mode', `allocation_mode IN (${list(ALLOCATION_MODES)})`)
@Check('ck_voucher_program_settlement_mode', `settlement_mode IN (${list(SETTLEMENT_MODES)})`)
@Check('ck_voucher_program_window', `application_opens_on <= application_closes_on`)
@Check(
  'ck_voucher_program_amounts',
  `enterprise_annual_cap_fen > 0 AND max_grant_fen > 0 AND (high_tech_annual_cap_fen IS NULL OR high_tech_annual_cap_fen > 0)
   AND (provider_annual_cap_fen IS NULL OR provider_annual_cap_fen > 0) AND (second_approval_above_fen IS NULL OR second_approval_above_fen >= 0)`,
)
@Check('ck_voucher_program_claim_deadline', `claim_deadline_days > 0`)
@Check('ck_voucher_program_review_deadline', `review_deadline_working_days > 0`)
export class VoucherProgram {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int' })
  fiscalYear!: number;

  @Column({ type: 'varchar', length: 6 })
  issuingRegionCode!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: ProgramStatus;

  /** YYYY-MM-DD, Asia/Shanghai, inclusive. */
  @Column({ type: 'date' })
  applicationOpensOn!: string;

  @Column({ type: 'date' })
  applicationClosesOn!: string;

  /** Grants lapse after this day (Asia/Shanghai). */
  @Column({ type: 'date' })
  grantExpiresOn!: string;

  @Column({ type: 'varchar', length: 20 })
  allocationMode!: AllocationMode;

  @Column({ type: 'varchar', length: 30 })
  settlementMode!: SettlementMode;

  @Column({ type: 'jsonb' })
  fundingSources!: FundingSource[];

  @Column({ type: 'jsonb' })
  eligibility!: Eligibility;

  @Column({ type: 'jsonb' })
  subsidyRules!: SubsidyRule[];

  @Column({ type: 'bigint', transformer: bigintTransformer })
  enterpriseAnnualCapFen!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  highTechAnnualCapFen!: bigint | null;

  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  providerAnnualCapFen!: bigint | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  maxGrantFen!: bigint;

  @Column({ type: 'int' })
  claimDeadlineDays!: number;

  @Column({ type: 'jsonb' })
  reviewLevels!: ReviewLevel[];

  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  secondApprovalAboveFen!: bigint | null;

  /** Each claim review level's deadline, in working days on the holiday calendar (default 10). */
  @Column({ type: 'int', default: 10 })
  reviewDeadlineWorkingDays!: number;

  /** What the program changes of the risk-rule thresholds (riskThresholdsOf fills in the defaults). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  riskThresholds!: Partial<RiskThresholds>;

  /** The lottery seed (hex), fixed at creation: the draw is reproducible from it. */
  @Column({ type: 'varchar', length: 64 })
  lotterySeed!: string;

  @Column({ type: 'timestamptz', nullable: true })
  drawnAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
