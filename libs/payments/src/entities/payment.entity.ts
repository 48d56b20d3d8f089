import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import type { PaymentMethod } from '../gateway/payment-gateway.js';

export const PAYMENT_STATUSES = ['initiating', 'pending', 'succeeded', 'failed', 'canceled', 'contested'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** At most one of these per order. */
export const LIVE_PAYMENT_STATUSES: readonly PaymentStatus[] = ['initiating', 'pending', 'succeeded', 'contested'];

/**
 * A payment of an order's due amount by the enterprise: a bank transfer the provider confirms, or a
 * card payment (Stripe PaymentIntent). `initiating` until the processor answered (the worker repeats
 * the call with the same key when it failed).
 */
@Entity('payment')
@Index('ux_payment_order_live', ['orderId'], { unique: true, where: `status IN ('initiating','pending','succeeded','contested')` })
@Index('ux_payment_external', ['externalId'], { unique: true, where: 'external_id IS NOT NULL' })
// the round-trip claim risk rule (libs/claims): payments between a pair in a window
@Index('ix_payment_pair_succeeded', ['enterpriseId', 'providerId', 'succeededAt'])
@Check('ck_payment_status', `status IN ('initiating','pending','succeeded','failed','canceled','contested')`)
@Check('ck_payment_amount', 'amount_fen > 0')
export class Payment {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'uuid' })
  providerId!: string;

  @Column({ type: 'varchar', length: 20 })
  method!: PaymentMethod;

  @Column({ type: 'varchar', length: 20 })
  status!: PaymentStatus;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  /** The transfer reference the enterprise quotes (offline), e.g. IS-7K2M9Q4TXA. */
  @Column({ type: 'varchar', length: 40 })
  reference!: string;

  /** Offline: where to transfer (the provider's account as the contract froze it). */
  @Column({ type: 'jsonb', nullable: true })
  payee!: { bankName: string; accountName: string; accountNo: string } | null;

  /** Stripe: the PaymentIntent id; its client secret while the enterprise pays. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  clientSecret!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  connectedAccountId!: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  applicationFeeFen!: bigint;

  /** The processor's last error while initiating (shown until a retry succeeds). */
  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** Offline confirmation by the provider: the bank's reference and who paid. */
  @Column({ type: 'jsonb', nullable: true })
  confirmation!: { reference: string; payerName: string; payerAccountNo: string; slipFileId: string | null; confirmedBy: string } | null;

  @Column({ type: 'timestamptz', nullable: true })
  succeededAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  contestedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  contestReason!: string | null;

  /** Card money returned after completion (refund or chargeback): blocks the claim's approval. */
  @Column({ type: 'bigint', transformer: bigintTransformer, default: 0 })
  reversedFen!: bigint;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * When the reconciliation last asked the processor about this payment (it asks the least recently
   * asked first, so one that never changes cannot keep the others waiting). Written by the
   * reconciliation's own statement only (update: false), never by a command's write-back.
   */
  @Column({ type: 'timestamptz', nullable: true, update: false })
  reconciledAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
