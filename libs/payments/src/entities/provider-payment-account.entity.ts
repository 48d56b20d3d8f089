import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A provider's Stripe Connect (Express) account. The row commits before Stripe is called; the
 * account id arrives after (or from the worker's retry). Stripe is offered to a provider's buyers
 * only once `chargesEnabled`.
 */
@Entity('provider_payment_account')
export class ProviderPaymentAccount {
  @PrimaryColumn('uuid')
  providerId!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  stripeAccountId!: string | null;

  @Column({ type: 'boolean', default: false })
  chargesEnabled!: boolean;

  @Column({ type: 'boolean', default: false })
  detailsSubmitted!: boolean;

  /** Stripe's `created` of the account event applied last: an older event arriving late changes nothing. */
  @Column({ type: 'bigint', default: 0 })
  lastEventCreated!: string;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
