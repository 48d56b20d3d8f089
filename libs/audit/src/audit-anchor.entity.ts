import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A seal over the global log. Anchor k covers exactly the entries whose xact_id lies in
 * [anchor k-1's uptoXactId, uptoXactId) (the first anchor: every xact_id below uptoXactId).
 * uptoXactId is never above the sealer's snapshot xmin, so every transaction it covers had
 * finished: the covered set can no longer grow, whatever order the ids were drawn in.
 * hash = sha256(previous anchor hash, then the covered entries' hashes in id order).
 */
@Entity('audit_anchor')
export class AuditAnchor {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Highest entry id this anchor covers (entries are hashed in id order). */
  @Column({ type: 'bigint' })
  uptoEntryId!: string;

  /** Exclusive upper bound of the covered transactions (xid8 as bigint). */
  @Column({ type: 'bigint' })
  uptoXactId!: string;

  @Column({ type: 'int' })
  entryCount!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
