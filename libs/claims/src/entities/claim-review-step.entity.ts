import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A read model of the claims' audit streams (for the program report's review times): one row per
 * review decision — a level approved (`claim.approved_level`), the claim approved, rejected or
 * returned — with when the claim came to that level (the stream's previous submission,
 * resubmission or decision entry) and when it was decided. Written by ClaimsService.decide in the
 * decision's own transaction, from the audit entries that transaction wrote (the same statement as
 * the migration's backfill, REVIEW_STEP_INSERT_SQL), so it always says what the audit log says.
 */
@Entity('claim_review_step')
// the report's percentiles per level kind read this index only, each kind's durations already in order
@Index('ix_claim_review_step_program', ['programId', 'levelKind', 'hours'])
export class ClaimReviewStep {
  @PrimaryColumn('uuid')
  claimId!: string;

  /** The decision's audit entry in the claim's stream. */
  @PrimaryColumn('int')
  streamSeq!: number;

  @Column({ type: 'uuid' })
  programId!: string;

  /** The level decided (1-based), and its kind (the claim's levels[level]). */
  @Column({ type: 'int' })
  level!: number;

  @Column({ type: 'varchar', length: 20, nullable: true })
  levelKind!: string | null;

  /** The decision's audit action: claim.approved_level, claim.approved, claim.rejected or claim.returned. */
  @Column({ type: 'varchar', length: 40 })
  decision!: string;

  /** The previous submission, resubmission or decision entry of the stream: when the level's review began. */
  @Column({ type: 'timestamptz' })
  enteredAt!: Date;

  @Column({ type: 'timestamptz' })
  decidedAt!: Date;

  /** decided_at − entered_at in hours (calendar time, as the report's percentiles take it): EXTRACT(EPOCH …) / 3600 as double precision. */
  @Column({ type: 'double precision' })
  hours!: number;
}
