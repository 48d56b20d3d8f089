import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { DecisionVersionField, PageQuery, QUEUE_SORTS } from '@innoserve/core';
import { DateField, TextField } from '@innoserve/organizations';
import { CLAIM_STATUSES, type ClaimStatus } from '../domain/claim-state-machine.js';
import { RISK_RULES, type RiskRuleKey } from '../risk/risk-rule.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value);
const hasCode = (i: InvoiceDto | undefined): boolean => typeof i?.code === 'string' && i.code !== '';
const TAX_ID = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * The fapiao (发票) backing a claim. An older VAT fapiao has a 10- or 12-digit code and an 8-digit
 * number; a 全电发票 has no code and a 20-digit number.
 */
export class InvoiceDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '3500231130', description: '发票代码: 10 or 12 digits, for an older VAT fapiao only (absent for a 20-digit 全电发票)' })
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null && v !== '')
  @Transform(trim)
  @IsString()
  @Matches(/^(\d{10}|\d{12})$/, { message: 'code must be 10 or 12 digits' })
  code?: string | null;

  @ApiProperty({ type: String, example: '04561234', description: '发票号码: 8 digits with a code, 20 digits without (全电发票)' })
  @Transform(trim)
  @IsString()
  @ValidateBy({
    name: 'isFapiaoNumber',
    validator: {
      validate: (v: unknown, args) => typeof v === 'string' && (hasCode(args?.object as InvoiceDto) ? /^\d{8}$/.test(v) : /^\d{20}$/.test(v)),
      defaultMessage: (args) => (hasCode(args?.object as InvoiceDto) ? 'number must be 8 digits for a fapiao with a code' : 'number must be 20 digits for a 全电发票 (no code)'),
    },
  })
  number!: string;

  @DateField({ description: '开票日期 (YYYY-MM-DD); not after the submission', example: '2026-12-01' }) issuedOn!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: '价税合计 in fen: the contract price (less a dispute refund)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;

  @ApiProperty({ type: String, example: '91350582MA2Y00001X', description: "销售方纳税人识别号: the provider's USCC" })
  @Transform(trim)
  @IsString()
  @Matches(TAX_ID, { message: 'sellerTaxId must be an 18-character unified social credit code' })
  sellerTaxId!: string;

  @ApiProperty({ type: String, example: '91350583MA2Y00002Y', description: "购买方纳税人识别号: the enterprise's USCC" })
  @Transform(trim)
  @IsString()
  @Matches(TAX_ID, { message: 'buyerTaxId must be an 18-character unified social credit code' })
  buyerTaxId!: string;
}

/** POST /claims. */
export class CreateClaimDto {
  @ApiProperty({ type: String, format: 'uuid' })
  @IsUUID('all')
  orderId!: string;

  @ApiProperty({ type: InvoiceDto })
  @ValidateNested()
  @Type(() => InvoiceDto)
  invoice!: InvoiceDto;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Extra evidence: files the caller uploaded (POST /files). The contract, the payment proof and the delivery report are attached automatically.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

/** PATCH /claims/:id (only while returned for revision). */
export class UpdateClaimDto {
  @ApiPropertyOptional({ type: InvoiceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvoiceDto)
  invoice?: InvoiceDto;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  evidenceFileIds?: string[];
}

export const CLAIM_DECISIONS = ['approve', 'reject', 'return'] as const;
export type ClaimDecision = (typeof CLAIM_DECISIONS)[number];

/** POST /admin/claims/:id/decision. */
export class ClaimDecisionDto {
  @ApiProperty({ enum: CLAIM_DECISIONS })
  @IsIn(CLAIM_DECISIONS)
  decision!: ClaimDecision;

  @TextField(1000, { presence: 'optional', description: 'Required to reject or return' }) reason?: string;

  @DecisionVersionField()
  version?: number;
}

export const REVIEW_LEVEL_KINDS = ['county', 'city'] as const;

/** The orders of the claims queue: the wait at the current level (oldest first by default, or newest), the amount (largest first), the level's due date (soonest first). */
export const CLAIM_QUEUE_SORTS = [...QUEUE_SORTS, 'amount_desc', 'due'] as const;
export type ClaimQueueSort = (typeof CLAIM_QUEUE_SORTS)[number];

/** GET /admin/claims: the reviewer's queue. */
export class AdminClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({ enum: REVIEW_LEVEL_KINDS, description: 'Claims in review waiting at a level of this kind' })
  @IsOptional()
  @IsIn(REVIEW_LEVEL_KINDS)
  level?: 'county' | 'city';

  @ApiPropertyOptional({ type: String, example: '350582', description: "The enterprise's region" })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'region must be a six-digit region code' })
  region?: string;

  @ApiPropertyOptional({ enum: [...RISK_RULES, 'review_overdue', 'payment_held'], description: 'A risk rule or a process flag' })
  @IsOptional()
  @IsIn([...RISK_RULES, 'review_overdue', 'payment_held'])
  flag?: RiskRuleKey | 'review_overdue' | 'payment_held';

  @ApiPropertyOptional({
    enum: CLAIM_QUEUE_SORTS,
    default: 'oldest',
    description: 'oldest: the longest wait at the current level first (levelSince); newest; amount_desc: the largest amount first; due: the soonest level due date first. Ties by id.',
  })
  @IsOptional()
  @IsIn(CLAIM_QUEUE_SORTS)
  sort?: ClaimQueueSort;
}

/** GET /claims: the caller's own claims (its organizations as claimant). */
export class ClaimListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the claims this one of my organizations made (another organization answers an empty list)' })
  @IsOptional()
  @IsUUID()
  claimantId?: string;

  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;
}
