import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimReviewSteps1796503824298 implements MigrationInterface {
  name = 'ClaimReviewSteps1796503824298';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "claim_review_step" ("claim_id" uuid NOT NULL, "stream_seq" integer NOT NULL, "program_id" uuid NOT NULL, "level" integer NOT NULL, "level_kind" character varying(20), "decision" character varying(40) NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hours" double precision NOT NULL, CONSTRAINT "PK_803130babe3bbf54fae617cb7f1" PRIMARY KEY ("claim_id", "stream_seq"))`);
    await queryRunner.query(`CREATE INDEX "ix_claim_review_step_program" ON "claim_review_step"  ("program_id", "level_kind", "hours") `);
    // backfill from the claims' audit streams (hand-written; the same derivation as
    // REVIEW_STEPS_FROM_AUDIT_SQL in libs/claims/src/services/review-steps.ts, frozen here): every
    // decision entry with the stream's previous submission, resubmission or decision before it
    await queryRunner.query(`INSERT INTO claim_review_step (claim_id, stream_seq, program_id, level, level_kind, decision, entered_at, decided_at, hours)
      SELECT c.id, s.stream_seq, c.program_id, (s.before->>'level')::int, c.levels[(s.before->>'level')::int], s.action, s.started_at, s.occurred_at,
             (EXTRACT(EPOCH FROM s.occurred_at - s.started_at) / 3600)::double precision
        FROM subsidy_claim c
        CROSS JOIN LATERAL (
          SELECT a.stream_seq, a.action, a.occurred_at, a.before, LAG(a.occurred_at) OVER (ORDER BY a.stream_seq) AS started_at
            FROM audit_entry a
           WHERE a.stream_type = 'claim' AND a.stream_id = c.id::text
             AND a.action IN ('claim.submitted','claim.resubmitted','claim.approved_level','claim.approved','claim.rejected','claim.returned')) s
       WHERE s.action IN ('claim.approved_level','claim.approved','claim.rejected','claim.returned') AND s.started_at IS NOT NULL AND s.before ? 'level'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_claim_review_step_program"`);
    await queryRunner.query(`DROP TABLE "claim_review_step"`);
  }
}
