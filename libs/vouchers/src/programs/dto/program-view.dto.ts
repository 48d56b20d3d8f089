import { ApiProperty } from '@nestjs/swagger';
import { SIZE_CLASSES } from '@innoserve/organizations';
import { PROGRAM_STATUSES, type ProgramStatus } from '../program-state-machine.js';
import { ALLOCATION_MODES, REQUIRED_FLAGS, REVIEW_LEVELS, SETTLEMENT_MODES, type AllocationMode, type RequiredFlag, type ReviewLevel, type SettlementMode } from '../program-types.js';

/** One funding source of a program as the API answers it. */
export class FundingSourceViewDto {
  @ApiProperty({ example: 'city' }) key!: string;
  @ApiProperty({ example: '泉州市科技局' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '350582', description: 'A county pool: applies only to enterprises of this region; null: applies to every grant' }) regionCode!: string | null;
  @ApiProperty({ type: 'integer', example: 5000, description: 'Basis points' }) shareBp!: number;
}

/** Who may apply (empty lists: no restriction). */
export class EligibilityViewDto {
  @ApiProperty({ enum: SIZE_CLASSES, isArray: true }) sizeClasses!: string[];
  @ApiProperty({ type: [String], example: ['350582', '350583'] }) regionCodes!: string[];
  @ApiProperty({ enum: REQUIRED_FLAGS, isArray: true }) requiredFlags!: RequiredFlag[];
  @ApiProperty({ type: 'integer', nullable: true, example: 12 }) minMonthsRegistered!: number | null;
}

/** A per-category subsidy rule as the API answers it. */
export class SubsidyRuleViewDto {
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty({ type: 'integer', example: 5000, description: 'Basis points of the price' }) ratioBp!: number;
  @ApiProperty({ type: 'integer', example: 2_000_000 }) perOrderCapFen!: number;
}

/** Every claim risk-rule threshold of a program: its own or the default. */
export class RiskThresholdsViewDto {
  @ApiProperty({ type: 'integer', example: 5 }) concentrationMinClaims!: number;
  @ApiProperty({ type: 'integer', example: 5000 }) concentrationShareBp!: number;
  @ApiProperty({ type: 'integer', example: 2500 }) fastDeliveryShareBp!: number;
  @ApiProperty({ type: 'integer', example: 100 }) atCapToleranceBp!: number;
  @ApiProperty({ type: 'integer', example: 30 }) splitWindowDays!: number;
  @ApiProperty({ type: 'integer', example: 20000 }) outlierMultipleBp!: number;
  @ApiProperty({ type: 'integer', example: 5 }) outlierMinPeers!: number;
  @ApiProperty({ type: 'integer', example: 90 }) roundTripDays!: number;
}

/** A voucher program as the API answers it (toProgramView). */
export class ProgramViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '2026年泉州市科技创新券' }) name!: string;
  @ApiProperty({ type: 'integer', example: 2026 }) fiscalYear!: number;
  @ApiProperty({ example: '350500' }) issuingRegionCode!: string;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: ProgramStatus;
  @ApiProperty({ format: 'date' }) applicationOpensOn!: string;
  @ApiProperty({ format: 'date' }) applicationClosesOn!: string;
  @ApiProperty({ format: 'date', description: 'Grants lapse after this day (Asia/Shanghai)' }) grantExpiresOn!: string;
  @ApiProperty({ enum: ALLOCATION_MODES }) allocationMode!: AllocationMode;
  @ApiProperty({ enum: SETTLEMENT_MODES }) settlementMode!: SettlementMode;
  @ApiProperty({ type: [FundingSourceViewDto] }) fundingSources!: FundingSourceViewDto[];
  @ApiProperty({ type: EligibilityViewDto }) eligibility!: EligibilityViewDto;
  @ApiProperty({ type: [SubsidyRuleViewDto] }) subsidyRules!: SubsidyRuleViewDto[];
  @ApiProperty({ type: 'integer' }) enterpriseAnnualCapFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) highTechAnnualCapFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) providerAnnualCapFen!: number | null;
  @ApiProperty({ type: 'integer' }) maxGrantFen!: number;
  @ApiProperty({ type: 'integer' }) claimDeadlineDays!: number;
  @ApiProperty({ enum: REVIEW_LEVELS, isArray: true }) reviewLevels!: ReviewLevel[];
  @ApiProperty({ type: 'integer', nullable: true }) secondApprovalAboveFen!: number | null;
  @ApiProperty({ type: 'integer', description: "Each claim review level's deadline in working days" }) reviewDeadlineWorkingDays!: number;
  @ApiProperty({ type: RiskThresholdsViewDto, description: 'Every threshold, the program\'s own or the default' }) riskThresholds!: RiskThresholdsViewDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the lottery was drawn' }) drawnAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ProgramPageDto {
  @ApiProperty({ type: [ProgramViewDto] }) items!: ProgramViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
