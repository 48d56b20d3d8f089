import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
/** The four statutory technology-contract types (技术开发 / 技术转让 / 技术咨询 / 技术服务). */
export type ContractTypeKey = 'development' | 'transfer' | 'consulting' | 'service';
import type { OrderStatus } from '../domain/order-state-machine.js';

/** The parties as the contract froze them at acceptance (later identity edits do not change a contract). */
export interface ContractParty {
  name: string;
  uscc: string;
  legalRepresentative: string;
  registeredAddress: string;
  contactPhone: string;
  bankAccount: { bankName: string; accountName: string; accountNo: string } | null;
}

/** What accepting froze: the terms, the subsidy and the parties. */
export interface ContractTerms {
  contractNo: string;
  contractType: ContractTypeKey;
  signedAt: string;
  enterprise: ContractParty;
  provider: ContractParty;
  offeringTitle: string;
  categoryName: string;
  scope: string;
  quantity: number;
  unitName: string | null;
  leadTimeDays: number;
  priceFen: string;
  subsidyFen: string;
  ownShareFen: string;
  programName: string | null;
  settlementMode: 'provider_redeems' | 'enterprise_reimbursed' | null;
}

/**
 * An order (服务订单): one enterprise buying one offering from one provider. Its version moves with
 * every change (If-Match on a dispute resolution). Amounts are fen.
 */
@Entity('service_order')
@Index('ix_service_order_enterprise_status', ['enterpriseId', 'status'])
@Index('ix_service_order_provider_status', ['providerId', 'status'])
@Index('ix_service_order_status_due', ['status', 'dueOn'])
@Index('ux_service_order_no', ['orderNo'], { unique: true })
// claim risk rules (libs/claims): split orders (the pair in a window) and round trip (the reversed pair)
@Index('ix_service_order_pair_contracted', ['enterpriseId', 'providerId', 'contractedAt'])
@Check(
  'ck_service_order_status',
  `status IN ('requested','quoted','contracted','paid','in_progress','delivered','completed','declined','disputed','refunded','cancelled')`,
)
@Check('ck_service_order_amounts', `(price_fen IS NULL OR price_fen > 0) AND subsidy_fen >= 0 AND (price_fen IS NULL OR subsidy_fen <= price_fen) AND refund_fen >= 0`)
@Check('ck_service_order_parties', `enterprise_id <> provider_id`)
export class ServiceOrder {
  @PrimaryColumn('uuid')
  id!: string;

  /** Human-readable number, e.g. SO20261205-000123. */
  @Column({ type: 'varchar', length: 32 })
  orderNo!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'uuid' })
  offeringId!: string;

  @Column({ type: 'uuid' })
  categoryId!: string;

  /** The enterprise's region (jurisdiction of the staff who see the order). */
  @Column({ type: 'varchar', length: 6 })
  regionCode!: string;

  @Column({ type: 'varchar', length: 200 })
  offeringTitle!: string;

  @Column({ type: 'varchar', length: 20 })
  pricingKind!: 'fixed' | 'per_unit' | 'quote';

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ type: 'text' })
  requirements!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: OrderStatus;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 1 })
  version!: bigint;

  // ---- the quote (a fixed-price or per-unit offering is quoted at creation) ----
  @Column({ type: 'int', default: 0 })
  quoteVersion!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer, nullable: true })
  priceFen!: bigint | null;

  @Column({ type: 'text', nullable: true })
  scope!: string | null;

  @Column({ type: 'int', nullable: true })
  leadTimeDays!: number | null;

  /** Last valid day of the quote (Asia/Shanghai, inclusive). */
  @Column({ type: 'date', nullable: true })
  quoteValidUntil!: string | null;

  // ---- the contract (frozen at acceptance) ----
  @Column({ type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  programId!: string | null;

  /** The ledger hold of the subsidy (its transaction id). */
  @Column({ type: 'uuid', nullable: true })
  holdId!: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  subsidyFen!: bigint;

  /** What the enterprise pays the provider at checkout: the own share (通兑) or the full price (通用, or without a grant). */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  dueFen!: bigint;

  @Column({ type: 'varchar', length: 30, nullable: true })
  settlementMode!: 'provider_redeems' | 'enterprise_reimbursed' | null;

  @Column({ type: 'jsonb', nullable: true })
  contract!: ContractTerms | null;

  /** 技术合同认定登记号, once the contract is registered. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  contractRegistrationNo!: string | null;

  // ---- progress ----
  @Column({ type: 'timestamptz', nullable: true }) contractedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) paidAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) deliveryReportFileId!: string | null;
  @Column({ type: 'text', nullable: true }) deliveryNote!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) closeReason!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) disputedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) disputeReason!: string | null;

  /**
   * The date the next timed step is due (Asia/Shanghai): while contracted, the last day to pay
   * (then the worker cancels); while paid, the last day to start (then it is flagged); while
   * delivered, the last day to accept or dispute (then it completes). Null otherwise.
   */
  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  /** Flags for staff (e.g. paid but not started within 30 days; a payment contested). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  flags!: string[];

  // ---- a dispute refund R (docs/product.md "Refund R") ----
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  refundFen!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  subsidyReleasedFen!: bigint;

  /** Users who acted for each side: nobody acts for both sides of one order. */
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  enterpriseActorIds!: string[];

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  providerActorIds!: string[];

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
