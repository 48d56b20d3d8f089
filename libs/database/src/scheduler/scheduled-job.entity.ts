import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per scheduled job: when its next instance is due. The worker that moves `next_due_at`
 * on (a row-locked UPDATE) writes that instance's outbox row, so each instance exists once
 * however many workers tick.
 */
@Entity('scheduled_job')
export class ScheduledJobRow {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'interval_ms', type: 'int' })
  intervalMs!: number;

  @Column({ name: 'next_due_at', type: 'timestamptz' })
  nextDueAt!: Date;
}
