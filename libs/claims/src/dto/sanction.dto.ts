import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '@innoserve/core';
import { DateField, TextField } from '@innoserve/organizations';
import { SANCTION_KINDS, type SanctionKind } from '../entities/sanction.entity.js';

/** POST /admin/sanctions. */
export class CreateSanctionDto {
  @ApiProperty({ type: String, format: 'uuid' })
  @IsUUID('all')
  organizationId!: string;

  @ApiProperty({ enum: SANCTION_KINDS })
  @IsIn(SANCTION_KINDS)
  kind!: SanctionKind;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'void-grant: the grant' })
  @IsOptional()
  @IsUUID('all')
  grantId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'forfeit: the order whose hold (or claim) is forfeited' })
  @IsOptional()
  @IsUUID('all')
  orderId?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'clawback: the paid claim' })
  @IsOptional()
  @IsUUID('all')
  claimId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "clawback: fen, split over the claim's paid source lines" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;

  @TextField(1000, { description: 'Why: recorded and audited' }) reason!: string;

  @DateField({ presence: 'optional', description: 'blacklist: the last day of the ban (default three years)' }) until?: string;
}

/** POST /admin/sanctions/:id/repayments. */
export class RepaymentDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;

  @TextField(100, { description: "The bank's reference of the repayment" }) bankReference!: string;

  @DateField({ description: 'The value date' }) paidOn!: string;
}

export class SanctionListQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ enum: SANCTION_KINDS, description: 'Only sanctions of this kind' })
  @IsOptional()
  @IsIn(SANCTION_KINDS)
  kind?: SanctionKind;
}

/** POST /admin/claims/:id/payment-hold. */
export class PaymentHoldDto {
  @ApiProperty({ enum: ['release', 'forfeit'], description: 'release: the held lines payable again; forfeit: the hold or the approved unpaid amount back to the pools' })
  @IsIn(['release', 'forfeit'])
  action!: 'release' | 'forfeit';

  @TextField(1000) reason!: string;
}

export class SanctionPartDto {
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: 'integer' }) repaidFen!: number;
}

export class SanctionEffectsDto {
  @ApiProperty({ type: [String] }) ordersCancelled!: string[];
  @ApiProperty({ type: [String] }) ordersFlagged!: string[];
  @ApiProperty({ type: [String] }) claimsHeld!: string[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'void-grant: back to the pools; forfeit: forfeited' }) movedFen!: number | null;
}

export class SanctionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ enum: SANCTION_KINDS }) kind!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) orderId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) claimId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) programId!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) amountFen!: number | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) until!: string | null;
  @ApiProperty({ type: [SanctionPartDto] }) parts!: SanctionPartDto[];
  @ApiProperty({ type: 'integer' }) repaidFen!: number;
  @ApiProperty({ type: SanctionEffectsDto }) effects!: SanctionEffectsDto;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** A sanction in the list (GET /admin/sanctions): with the name the list shows. */
export class ListedSanctionViewDto extends SanctionViewDto {
  @ApiProperty({ description: "The sanctioned organization's registered name" }) organizationName!: string;
}

export class SanctionPageDto {
  @ApiProperty({ type: [ListedSanctionViewDto] }) items!: ListedSanctionViewDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}
