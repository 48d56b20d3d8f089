import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { bigintTransformer } from '@innoserve/database';
import type { PaymentMethod } from '../gateway/payment-gateway.js';

export const REFUND_STATUSES = ['initiating', 'pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/**
 * Money going back to the enterprise: on a cancellation before work starts (all it paid) or after
 * a dispute refund (docs/product.md "Refund R"). A card refund goes through Stripe (reverse_transfer);
 * an offline refund is a transfer by the provider that the enterprise confirms it received.
 */
@Entity('payment_refund')
@Index('ix_payment_refund_payment', ['paymentId'])
@Index('ux_payment_refund_external', ['externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Check('ck_payment_refund_status', `status IN ('initiating','pending','succeeded','failed')`)
@Check('ck_payment_refund_amount', 'amount_fen > 0')
export class PaymentRefund {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'uuid' })
  orderId!: string;

  @Column({ type: 'varchar', length: 20 })
  method!: PaymentMethod;

  @Column({ type: 'varchar', length: 20 })
  status!: RefundStatus;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountFen!: bigint;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  externalId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  succeededAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /**
   * When the reconciliation last asked the processor about this refund (it asks the least recently
   * asked first, so one that never changes cannot keep the others waiting). Written by the
   * reconciliation's own statement only (update: false), never by a command's write-back.
   */
  @Column({ type: 'timestamptz', nullable: true, update: false })
  reconciledAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
