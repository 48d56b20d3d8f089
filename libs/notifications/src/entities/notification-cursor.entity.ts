import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * How far the notification feed has read the audit log: every entry whose transaction id is below
 * `uptoXactId` has been turned into notifications (the sealer's bound, see libs/audit: a
 * transaction below the reader's snapshot xmin has committed or aborted, so nothing is missed).
 */
@Entity('notification_cursor')
export class NotificationCursor {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'bigint', nullable: true })
  uptoXactId!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
