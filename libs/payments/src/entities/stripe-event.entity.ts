import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Stripe webhook event, stored by its id: a replay finds it and changes nothing. */
@Entity('stripe_event')
@Index('ix_stripe_event_type_created', ['type', 'stripeCreated'])
export class StripeEvent {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  /** Stripe's `created` (seconds). */
  @Column({ type: 'bigint' })
  stripeCreated!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;
}
