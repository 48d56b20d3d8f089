import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export type IdempotencyStatus = 'in_progress' | 'completed';

/**
 * One Idempotency-Key use: claimed (in_progress) before the handler runs, then the answer it gave
 * (completed), replayed to repeats of the same request for 24 hours. Scoped to the caller
 * (`user:<id>` or `anonymous:<ip>`), the method and the concrete path.
 */
@Entity('idempotency_record')
@Unique('uq_idempotency_record_key', ['scope', 'method', 'url', 'key'])
@Index('ix_idempotency_record_expires_at', ['expiresAt'])
@Check('ck_idempotency_record_status', `status IN ('in_progress','completed')`)
@Check('ck_idempotency_record_answer', `status = 'in_progress' OR response_status IS NOT NULL`)
export class IdempotencyRecord {
  /** Renewed whenever a stale claim is taken over, so a late finisher cannot touch the new claim. */
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  scope!: string;

  @Column({ type: 'varchar', length: 10 })
  method!: string;

  /** The route's path template, e.g. /api/v1/enterprises/:id/resubmit (for reading the table). */
  @Column({ type: 'varchar', length: 500 })
  route!: string;

  /** The concrete path (without the query string, which is part of the request hash). */
  @Column({ type: 'varchar', length: 2000 })
  url!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  /** Hex HMAC-SHA256 of the canonical JSON of the request (query and body). */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: IdempotencyStatus;

  @Column({ type: 'int', nullable: true })
  responseStatus!: number | null;

  /** SQL NULL: the answer had no body; JSON null: it was `null`. */
  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  /** Only content-type and location. */
  @Column({ type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
