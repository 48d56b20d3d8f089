import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_STATUSES, type ClaimStatus } from '../domain/claim-state-machine.js';
import { RISK_RULES } from '../risk/risk-rule.js';

export class ClaimInvoiceViewDto {
  @ApiProperty({ type: String, nullable: true, description: '发票代码; null for a 全电发票' }) code!: string | null;
  @ApiProperty() number!: string;
  @ApiProperty({ format: 'date' }) issuedOn!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty() sellerTaxId!: string;
  @ApiProperty() buyerTaxId!: string;
}

export class ClaimPaymentEvidenceDto {
  @ApiProperty({ format: 'uuid' }) paymentId!: string;
  @ApiProperty({ enum: ['offline', 'stripe'] }) method!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The Stripe PaymentIntent' }) externalId!: string | null;
  @ApiProperty({ type: Object, nullable: true, description: "The provider's confirmation of a bank transfer (reference, payer)" }) confirmation!: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) succeededAt!: string | null;
}

export class ClaimEvidenceDto {
  @ApiProperty({ type: String, nullable: true, description: 'The contract (GET /orders/:orderId/contract)' }) contractNo!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) deliveryReportFileId!: string | null;
  @ApiProperty({ type: [ClaimPaymentEvidenceDto] }) payments!: ClaimPaymentEvidenceDto[];
}

export class ClaimApprovalDto {
  @ApiProperty({ type: 'integer' }) level!: number;
  @ApiProperty({ enum: ['county', 'city'] }) kind!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only' }) userId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Staff only: the reviewer's display name" }) userName?: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class ClaimLineViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The funding source' }) source!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty({ enum: ['payable', 'batched', 'paid', 'held'] }) status!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) batchId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) paidAt!: string | null;
}

export class RiskFlagDto {
  @ApiProperty({ enum: RISK_RULES }) rule!: string;
  @ApiProperty({ enum: ['low', 'medium', 'high'] }) severity!: string;
  @ApiProperty({ type: Object, description: 'What the rule saw: the other order, the shared phone, the median compared with…' }) evidence!: Record<string, unknown>;
}

export class ClaimViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'BT20261205A1B2C3D4' }) claimNo!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) grantId!: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid', description: 'Who claims and is paid: the provider under 通兑, the enterprise under 通用' }) claimantId!: string;
  @ApiProperty({ enum: ['provider_redeems', 'enterprise_reimbursed'] }) settlementMode!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty({ enum: CLAIM_STATUSES }) status!: ClaimStatus;
  @ApiProperty({ type: 'integer', description: 'Moves with every change; decisions may send it (If-Match or version)' }) version!: number;
  @ApiProperty({ type: 'integer', description: 'The subsidy claimed, fen' }) amountFen!: number;
  @ApiProperty({ type: 'integer', description: 'The price the fapiao must show, fen' }) priceFen!: number;
  @ApiProperty({ type: ClaimInvoiceViewDto }) invoice!: ClaimInvoiceViewDto;
  @ApiProperty({ type: ClaimEvidenceDto }) evidence!: ClaimEvidenceDto;
  @ApiProperty({ type: [String] }) evidenceFileIds!: string[];
  @ApiProperty({ type: [String], enum: ['county', 'city'], description: 'The review levels in order' }) levels!: string[];
  @ApiProperty({ type: 'integer', description: 'The current level (1-based)' }) level!: number;
  @ApiProperty({ type: [ClaimApprovalDto] }) approvals!: ClaimApprovalDto[];
  @ApiProperty({ format: 'date-time' }) levelSince!: string;
  @ApiProperty({ format: 'date', description: "The current level's deadline (working days)" }) levelDueOn!: string;
  @ApiProperty({ format: 'date', description: 'The last day to claim' }) deadlineOn!: string;
  @ApiProperty({ type: String, nullable: true }) decisionReason!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt!: string | null;
  @ApiProperty({ type: [ClaimLineViewDto] }) lines!: ClaimLineViewDto[];
  @ApiPropertyOptional({ type: [RiskFlagDto], description: 'Staff only: never in an answer to the claimant' }) riskFlags?: RiskFlagDto[];
  @ApiPropertyOptional({ type: [String], description: 'Staff only: review_overdue, payment_held' }) flags?: string[];
  @ApiPropertyOptional({ type: 'integer', description: 'Staff only: whole days waited at the current level' }) waitingDays?: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Staff only: the enterprise's registered name" }) enterpriseName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: "Staff only: the provider's registered name" }) providerName?: string | null;
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimViewDto] }) items!: ClaimViewDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}
