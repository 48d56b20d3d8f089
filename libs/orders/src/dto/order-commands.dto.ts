import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { DecisionVersionField, PageQuery } from '@innoserve/core';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-state-machine.js';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const IfPresent = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);

/** A trimmed, non-blank string of at most `max` characters. */
function Text(max: number, required = true, description?: string): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: String, maxLength: max, ...(description ? { description } : {}) }),
    ...(required ? [] : [IfPresent()]),
    Transform(trim),
    IsString(),
    MaxLength(max),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}

/** A positive (or non-negative) amount in fen, a JSON safe integer. */
function Fen(o: { required?: boolean; min?: number; description: string }): PropertyDecorator {
  const required = o.required ?? true;
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: 'integer', minimum: o.min ?? 1, maximum: Number.MAX_SAFE_INTEGER, description: o.description }),
    ...(required ? [] : [IfPresent()]),
    IsInt(),
    Min(o.min ?? 1),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

function Uuid(required = true, description?: string): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({ type: String, format: 'uuid', ...(description ? { description } : {}) }),
    ...(required ? [] : [IfPresent()]),
    IsUUID('all'),
  );
}

/** POST /orders: a request (RFQ), or a direct order of a fixed-price or per-unit offering. */
export class CreateOrderDto {
  @Uuid() offeringId!: string;
  @Uuid(true, 'The buying enterprise (the caller must be a member)') enterpriseId!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10000, description: 'Per-unit offerings only; default 1' })
  @IfPresent()
  @IsInt()
  @Min(1)
  @Max(10_000)
  quantity?: number;

  @Text(4000, true, 'What the enterprise needs') requirements!: string;
}

/** POST /orders/:id/quote (provider). */
export class QuoteDto {
  @Fen({ description: 'Contract price' }) priceFen!: number;
  @Text(4000) scope!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 3650 })
  @IsInt()
  @Min(1)
  @Max(3650)
  leadTimeDays!: number;

  @ApiProperty({ type: String, format: 'date', description: 'Last valid day (Asia/Shanghai), today … today + 90' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a valid date' })
  validUntil!: string;
}

/** POST /orders/:id/accept (enterprise). */
export class AcceptDto {
  @Uuid(false, 'The grant that pays; default the covering active grant that expires first') grantId?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The quote version the enterprise saw' })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quoteVersion?: number;

  @Fen({ required: false, min: 0, description: 'The subsidy the enterprise saw; 409 SUBSIDY_CHANGED when it differs under lock' }) expectedSubsidyFen?: number;
}

export class ReasonDto {
  @Text(1000) reason!: string;
}

export class OptionalReasonDto {
  @Text(1000, false) reason?: string;
}

/** POST /orders/:id/deliver (provider). */
export class DeliverDto {
  @Uuid(true, 'The delivery report (POST /api/v1/files)') reportFileId!: string;
  @Text(4000, false) note?: string;
}

export const DISPUTE_OUTCOMES = ['complete', 'refund'] as const;

/** POST /admin/orders/:id/dispute-resolution (program officer). */
export class DisputeResolutionDto {
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES)
  outcome!: (typeof DISPUTE_OUTCOMES)[number];

  @Fen({ required: false, description: 'R: refund (outcome refund), 1 … the contract price' }) refundFen?: number;

  @Text(1000) reason!: string;

  @DecisionVersionField()
  version?: number;
}

export const PAYMENT_METHOD_VALUES = ['offline', 'stripe'] as const;

/** POST /orders/:id/payments (enterprise). */
export class CreatePaymentDto {
  @ApiProperty({ enum: PAYMENT_METHOD_VALUES, description: 'offline: bank transfer confirmed by the provider; stripe: card (only when the provider has a connected account)' })
  @IsIn(PAYMENT_METHOD_VALUES)
  method!: (typeof PAYMENT_METHOD_VALUES)[number];
}

/** POST /orders/:id/payments/:paymentId/confirm (provider confirms a bank transfer it received). */
export class ConfirmPaymentDto {
  @Text(100, true, "The bank's transaction reference (流水号)") reference!: string;
  @Text(200, true, "The payer's account name: must be the enterprise's registered name") payerName!: string;

  @ApiProperty({ type: String, maxLength: 40, description: "The payer's account number" })
  @Transform(trim)
  @IsString()
  @Matches(/^[0-9 -]{6,40}$/, { message: '$property must be 6–40 digits' })
  payerAccountNo!: string;

  @Uuid(false, 'A scan of the bank slip (POST /api/v1/files)') slipFileId?: string;
}

export class ListOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['buyer', 'seller'], description: 'buyer: orders of my enterprises; seller: of my providers; default both' })
  @IsOptional()
  @IsIn(['buyer', 'seller'])
  as?: 'buyer' | 'seller';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the orders of this one of my organizations (as buyer or seller); another organization answers an empty list' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class AdminOrdersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

/** POST /orders/:id/contract/registration. */
export class ContractRegistrationDto {
  @ApiProperty({ maxLength: 40, example: '2026350500001234', description: '技术合同认定登记号 as the registry issued it' })
  @Transform(trim)
  @IsString()
  @Matches(/^[0-9A-Za-z-]{6,40}$/, { message: '$property must be 6–40 letters, digits or hyphens' })
  registrationNo!: string;
}
