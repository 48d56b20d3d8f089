import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQuery } from '@innoserve/core';
import { DateField, TextField } from '@innoserve/organizations';
import { BATCH_STATUSES } from '../entities/disbursement-batch.entity.js';

/** POST /admin/disbursements. */
export class BuildBatchDto {
  @ApiProperty({ type: String, format: 'uuid' })
  @IsUUID('all')
  programId!: string;

  @ApiProperty({ type: String, example: 'city', description: "One of the program's funding sources" })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'sourceKey must be a funding-source key' })
  sourceKey!: string;
}

/** POST /admin/disbursements/:id/paid. */
export class MarkPaidDto {
  @TextField(100, { description: "The bank's reference of the transfer (银行流水号)", example: 'ICBC20261205000123' }) bankReference!: string;

  @DateField({ description: 'The value date the bank reported', example: '2026-12-05' }) paidOn!: string;

  @ApiPropertyOptional({ type: [String], description: 'Lines the bank returned (退票): back to payable for a later batch' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  failedLineIds?: string[];
}

export class BatchListQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  programId?: string;

  @ApiPropertyOptional({ enum: BATCH_STATUSES })
  @IsOptional()
  @IsIn(BATCH_STATUSES)
  status?: (typeof BATCH_STATUSES)[number];
}

export class ExportQuery {
  @ApiProperty({ enum: ['xlsx', 'csv'] })
  @IsIn(['xlsx', 'csv'])
  format!: 'xlsx' | 'csv';
}

export class BatchLineViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty() claimNo!: string;
  @ApiProperty({ format: 'uuid' }) payeeId!: string;
  @ApiProperty() accountName!: string;
  @ApiProperty() accountNo!: string;
  @ApiProperty() bankName!: string;
  @ApiProperty() cnapsCode!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() memo!: string;
  @ApiProperty({ enum: ['included', 'paid', 'failed', 'cancelled'] }) status!: string;
}

export class SkippedLineDto {
  @ApiProperty({ format: 'uuid' }) claimId!: string;
  @ApiProperty() claimNo!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ enum: ['bank_account_unverified', 'bank_account_changed', 'bank_account_name_mismatch', 'cnaps_code_missing', 'payment_held'] }) reason!: string;
}

export class BatchViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() batchNo!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'integer' }) fiscalYear!: number;
  @ApiProperty({ enum: BATCH_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: 'integer' }) totalFen!: number;
  @ApiProperty({ type: 'integer' }) lineCount!: number;
  @ApiProperty({ type: 'integer', description: 'What was paid (lines not failed), once paid' }) paidFen!: number;
  @ApiProperty({ format: 'uuid' }) builtBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) paidBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) paidAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) paidOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) bankReference!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) cancelledAt!: string | null;
  @ApiPropertyOptional({ type: [BatchLineViewDto] }) lines?: BatchLineViewDto[];
  @ApiPropertyOptional({ type: [SkippedLineDto], description: 'When building: payable lines left out, and why' }) skipped?: SkippedLineDto[];
}

export class BatchPageDto {
  @ApiProperty({ type: [BatchViewDto] }) items!: BatchViewDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}
