import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'processing' | 'done' | 'dead';

/**
 * Two lanes, each drained by its own loop in every worker: `user` carries the change one person
 * just made (an offering published, a provider suspended), `jobs` the scheduled jobs' instances, `bulk` carries fan-out that touches many
 * aggregates at once (a program opening or closing, a reindex, the demo seed, sweeps). Separate
 * loops rather than one priority queue, because a priority only orders what is claimed next: a
 * user's change would still wait for the 500-document bulk batch already in flight, which may take
 * seconds against a remote engine. With a loop per lane it waits at most one poll of its own lane.
 */
export type OutboxLane = 'user' | 'bulk' | 'jobs';
/** `jobs` carries the instances of scheduled jobs (JobScheduler): a sweep never waits behind fan-out either. */
export const OUTBOX_LANES: readonly OutboxLane[] = ['user', 'bulk', 'jobs'];

/**
 * The transactional outbox: written in the same transaction as the change it announces, handed
 * to registered handlers by the worker after commit (search indexing, mail, Stripe calls).
 * A worker claims a batch under a lease (`processing`, `lease_until`, `lease_token`) and runs the
 * handlers outside any transaction; a lease that runs out (the worker died) makes the rows
 * claimable again. Rows with one `ordering_key` (one aggregate) are handed out one at a time, in id
 * order.
 */
@Entity('outbox_message')
@Index('ix_outbox_claimable', ['lane', 'id'], { where: `status IN ('pending','processing')` })
@Index('ix_outbox_ordering', ['orderingKey', 'id'], { where: `status IN ('pending','processing') AND ordering_key IS NOT NULL` })
@Index('ix_outbox_done', ['processedAt'], { where: `status = 'done'` })
@Check('ck_outbox_status', `status IN ('pending','processing','done','dead')`)
@Check('ck_outbox_lane', `lane IN ('user','bulk','jobs')`)
export class OutboxMessage {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  topic!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'varchar', length: 4, default: 'user' })
  lane!: OutboxLane;

  /** The aggregate the message is about (`offering:<id>`): its messages are delivered one at a time, in order. */
  @Column({ name: 'ordering_key', type: 'varchar', length: 200, nullable: true })
  orderingKey!: string | null;

  /** Deliveries so far, counted when a batch is claimed (so a worker killed mid-batch counts too). */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'available_at', type: 'timestamptz', default: () => 'now()' })
  availableAt!: Date;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ name: 'lease_token', type: 'uuid', nullable: true })
  leaseToken!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt!: Date | null;
}
