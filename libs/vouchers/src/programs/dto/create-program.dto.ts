import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ALLOCATION_MODES, REVIEW_LEVELS, SETTLEMENT_MODES, type AllocationMode, type ReviewLevel, type SettlementMode } from '../program-types.js';
import { EligibilityDto } from './eligibility.dto.js';
import { FundingSourceDto } from './funding-source.dto.js';
import { SubsidyRuleDto } from './subsidy-rule.dto.js';
import { RiskThresholdsDto } from './risk-thresholds.dto.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** POST /admin/programs. */
export class CreateProgramDto {
  @ApiProperty({ example: '2026年泉州市科技创新券' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiPropertyOptional({ example: '350500', description: "Default: the caller's (first) program-officer jurisdiction" })
  @IsOptional()
  @IsString()
  @MaxLength(6)
  @Matches(/^\d{6}$/)
  issuingRegionCode?: string;

  @ApiProperty({ example: '2026-03-01' })
  @IsString()
  @MaxLength(10)
  @Matches(DATE)
  @IsISO8601({ strict: true })
  applicationOpensOn!: string;

  @ApiProperty({ example: '2026-06-30' })
  @IsString()
  @MaxLength(10)
  @Matches(DATE)
  @IsISO8601({ strict: true })
  applicationClosesOn!: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Default: Dec 31 of the fiscal year' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  @Matches(DATE)
  @IsISO8601({ strict: true })
  grantExpiresOn?: string;

  @ApiProperty({ enum: ALLOCATION_MODES })
  @IsIn(ALLOCATION_MODES)
  allocationMode!: AllocationMode;

  @ApiProperty({ enum: SETTLEMENT_MODES })
  @IsIn(SETTLEMENT_MODES)
  settlementMode!: SettlementMode;

  @ApiProperty({ type: [FundingSourceDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FundingSourceDto)
  fundingSources!: FundingSourceDto[];

  @ApiProperty({ type: EligibilityDto })
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility!: EligibilityDto;

  @ApiProperty({ type: [SubsidyRuleDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SubsidyRuleDto)
  subsidyRules!: SubsidyRuleDto[];

  @ApiProperty({ type: 'integer', example: 20_000_000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  enterpriseAnnualCapFen!: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 30_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  highTechAnnualCapFen?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 100_000_000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  providerAnnualCapFen?: number | null;

  @ApiProperty({ type: 'integer', example: 10_000_000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  maxGrantFen!: number;

  @ApiPropertyOptional({ example: 90, description: 'Default 90' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  claimDeadlineDays?: number;

  @ApiPropertyOptional({ enum: REVIEW_LEVELS, isArray: true, description: 'Default [county, city]' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(REVIEW_LEVELS, { each: true })
  reviewLevels?: ReviewLevel[];

  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 5_000_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  secondApprovalAboveFen?: number | null;

  @ApiPropertyOptional({ example: 10, description: 'Each claim review level\'s deadline in working days on the holiday calendar (default 10)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(120)
  reviewDeadlineWorkingDays?: number;

  @ApiPropertyOptional({ type: RiskThresholdsDto, description: 'Changes to the risk-rule thresholds; omitted ones keep the defaults' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RiskThresholdsDto)
  riskThresholds?: RiskThresholdsDto;
}
