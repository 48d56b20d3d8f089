import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-state-machine.js';

const fen = (description: string) => ({ type: 'integer', description: `${description} (fen)` }) as const;
const nullableDate = (description?: string) => ({ type: String, nullable: true, format: 'date-time', ...(description ? { description } : {}) }) as const;

export class SubsidyPreviewDto {
  @ApiProperty(fen('What the voucher would pay now')) subsidyFen!: number;
  @ApiProperty(fen('price − subsidy')) ownShareFen!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The grant that would pay (named, or the covering one that expires first)' }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) programId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['provider_redeems', 'enterprise_reimbursed'] }) settlementMode!: string | null;
  @ApiProperty(fen('What the enterprise would pay the provider at checkout: the own share (通兑) or the full price (通用)')) dueFen!: number;
  @ApiProperty({ type: String, nullable: true, enum: ['no_grant', 'per_order_cap', 'grant_balance', 'provider_cap'], description: 'Why a cap cut the subsidy' })
  capReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'capReason in words (Chinese)' }) capReasonText!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'capReason in words (English)' }) capReasonTextEn!: string | null;
}

export class QuoteViewDto {
  @ApiProperty({ type: 'integer', description: 'Moves with every quote; accept may send the one it saw' }) quoteVersion!: number;
  @ApiProperty(fen('Contract price')) priceFen!: number;
  @ApiProperty() scope!: string;
  @ApiProperty({ type: 'integer' }) leadTimeDays!: number;
  @ApiProperty({ format: 'date', description: 'Last valid day (Asia/Shanghai, until 24:00)' }) validUntil!: string;
}

export class ContractViewDto {
  @ApiProperty() contractNo!: string;
  @ApiProperty({ enum: ['development', 'transfer', 'consulting', 'service'], description: '技术开发 / 技术转让 / 技术咨询 / 技术服务' }) contractType!: string;
  @ApiProperty({ type: String, nullable: true, description: '技术合同认定登记号, once registered' }) registrationNo!: string | null;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty(fen('Frozen price')) priceFen!: number;
  @ApiProperty(fen('Subsidy held on the grant')) subsidyFen!: number;
  @ApiProperty(fen('price − subsidy')) ownShareFen!: number;
  @ApiProperty(fen('Paid by the enterprise at checkout')) dueFen!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) grantId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) programId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['provider_redeems', 'enterprise_reimbursed'] }) settlementMode!: string | null;
  @ApiProperty({ description: 'GET /api/v1/orders/:id/contract renders the PDF' }) documentUrl!: string;
}

export class PaymentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['offline', 'stripe'] }) method!: string;
  @ApiProperty({ enum: ['initiating', 'pending', 'succeeded', 'failed', 'canceled', 'contested'] }) status!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ description: 'Quote it on the bank transfer' }) reference!: string;
  @ApiPropertyOptional({ nullable: true, description: 'Offline: where to transfer' }) payee!: { bankName: string; accountName: string; accountNo: string } | null;
  @ApiProperty({ type: String, nullable: true, description: 'Stripe: for Stripe.js (the enterprise only)' }) clientSecret!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The processor could not be reached yet; the worker retries' }) lastError!: string | null;
  @ApiProperty(nullableDate()) succeededAt!: string | null;
  @ApiProperty(nullableDate()) contestedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) contestReason!: string | null;
  @ApiProperty({ type: 'integer', description: 'Card money returned after the fact (refund or chargeback)' }) reversedFen!: number;
}

export class RefundViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ enum: ['offline', 'stripe'] }) method!: string;
  @ApiProperty({ enum: ['initiating', 'pending', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty(nullableDate()) succeededAt!: string | null;
}

export class OrderHistoryEntryDto {
  @ApiProperty() action!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true }) status!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
}

/** An order as its parties and the staff covering it see it. */
export class OrderViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() orderNo!: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status!: OrderStatus;
  @ApiProperty({ type: 'integer', description: 'Moves with every change (If-Match on the dispute resolution)' }) version!: number;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty() offeringTitle!: string;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty({ enum: ['fixed', 'per_unit', 'quote'] }) pricingKind!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty() requirements!: string;
  @ApiProperty({ type: QuoteViewDto, nullable: true }) quote!: QuoteViewDto | null;
  @ApiProperty({ type: SubsidyPreviewDto, nullable: true, description: 'While quoted: the amounts the enterprise would get on accepting now' }) subsidyPreview!: SubsidyPreviewDto | null;
  @ApiProperty({ type: ContractViewDto, nullable: true }) contract!: ContractViewDto | null;
  @ApiProperty({ type: [PaymentViewDto] }) payments!: PaymentViewDto[];
  @ApiProperty({ type: [RefundViewDto] }) refunds!: RefundViewDto[];
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) deliveryReportFileId!: string | null;
  @ApiProperty({ type: String, nullable: true }) deliveryNote!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'The date the next timed step is due: pay by (contracted), start by (paid), accept or dispute by (delivered)' })
  dueOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) disputeReason!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was declined, cancelled or how the dispute was resolved' }) closeReason!: string | null;
  @ApiProperty({ type: 'integer', description: 'R of a dispute refund' }) refundFen!: number;
  @ApiProperty({ type: 'integer', description: 'Subsidy released from the hold by the dispute refund' }) subsidyReleasedFen!: number;
  @ApiProperty({ type: [String], description: 'Staff only (e.g. start_overdue, payment_contested); empty for the parties' }) flags!: string[];
  @ApiProperty(nullableDate()) contractedAt!: string | null;
  @ApiProperty(nullableDate()) paidAt!: string | null;
  @ApiProperty(nullableDate()) startedAt!: string | null;
  @ApiProperty(nullableDate()) deliveredAt!: string | null;
  @ApiProperty(nullableDate()) completedAt!: string | null;
  @ApiProperty(nullableDate()) closedAt!: string | null;
  @ApiPropertyOptional({ type: [OrderHistoryEntryDto], description: 'GET /orders/:id only' }) history?: OrderHistoryEntryDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderViewDto] }) items!: OrderViewDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}
