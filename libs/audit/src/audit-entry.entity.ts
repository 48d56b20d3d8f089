import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One line of the append-only audit log. Each (streamType, streamId) is its own hash chain:
 * streamSeq 1, 2, 3… and prevHash = hash of the previous entry of the stream (GENESIS_HASH for
 * the first). Rows are written only by AuditService.record (raw SQL); triggers forbid UPDATE,
 * DELETE and TRUNCATE (AUDIT_TRIGGERS_SQL).
 */
@Entity('audit_entry')
@Unique('uq_audit_entry_stream_seq', ['streamType', 'streamId', 'streamSeq'])
@Index('ix_audit_entry_xact', ['xactId'])
@Index('ix_audit_entry_actor', ['actorId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  streamType!: string;

  @Column({ type: 'varchar', length: 200 })
  streamId!: string;

  @Column({ type: 'int' })
  streamSeq!: number;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /**
   * The writing transaction's id (pg_current_xact_id(), a 64-bit xid8 stored as bigint because
   * TypeORM has no xid8 type); the sealer anchors only entries of transactions older than its
   * snapshot's xmin.
   */
  @Column({ type: 'bigint' })
  xactId!: string;
}
