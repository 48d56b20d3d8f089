import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimsAndReviewSettings1796491785912 implements MigrationInterface {
  name = 'ClaimsAndReviewSettings1796491785912';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "claim_line" ("id" uuid NOT NULL, "claim_id" uuid NOT NULL, "program_id" uuid NOT NULL, "source" character varying(40) NOT NULL, "amount_fen" bigint NOT NULL, "status" character varying(20) NOT NULL, "batch_id" uuid, "paid_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_claim_line_amount" CHECK (amount_fen > 0), CONSTRAINT "ck_claim_line_status" CHECK (status IN ('payable','batched','paid','held')), CONSTRAINT "PK_e151a204987b27fd0e1cbb63bc0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_claim_line_payable" ON "claim_line"  ("program_id", "source", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_claim_line_source" ON "claim_line"  ("claim_id", "source") `);
    await queryRunner.query(`CREATE TABLE "subsidy_claim" ("id" uuid NOT NULL, "claim_no" character varying(30) NOT NULL, "order_id" uuid NOT NULL, "program_id" uuid NOT NULL, "grant_id" uuid NOT NULL, "hold_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "claimant_id" uuid NOT NULL, "settlement_mode" character varying(30) NOT NULL, "region_code" character varying(6) NOT NULL, "category_id" uuid NOT NULL, "status" character varying(20) NOT NULL, "version" integer NOT NULL DEFAULT '1', "amount_fen" bigint NOT NULL, "price_fen" bigint NOT NULL, "invoice_code" character varying(12) NOT NULL DEFAULT '', "invoice_number" character varying(20) NOT NULL, "invoice_issued_on" date NOT NULL, "invoice_amount_fen" bigint NOT NULL, "seller_tax_id" character varying(18) NOT NULL, "buyer_tax_id" character varying(18) NOT NULL, "evidence" jsonb NOT NULL, "evidence_file_ids" uuid array NOT NULL DEFAULT '{}', "levels" character varying(10) array NOT NULL, "level" integer NOT NULL DEFAULT '1', "approvals" jsonb NOT NULL DEFAULT '[]'::jsonb, "level_since" TIMESTAMP WITH TIME ZONE NOT NULL, "level_due_on" date NOT NULL, "deadline_on" date NOT NULL, "risk_flags" jsonb NOT NULL DEFAULT '[]'::jsonb, "flags" text array NOT NULL DEFAULT '{}', "decision_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_subsidy_claim_level" CHECK (level >= 1 AND level <= cardinality(levels)), CONSTRAINT "ck_subsidy_claim_amount" CHECK (amount_fen > 0 AND invoice_amount_fen > 0), CONSTRAINT "ck_subsidy_claim_status" CHECK (status IN ('in_review','returned','approved','rejected','expired','batched','paid')), CONSTRAINT "PK_630c5578a36a2f5fc74b20b442f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_program_enterprise" ON "subsidy_claim"  ("program_id", "enterprise_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_program_provider" ON "subsidy_claim"  ("program_id", "provider_id") `);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_queue" ON "subsidy_claim"  ("status", "region_code", "level_since") `);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_invoice_number" ON "subsidy_claim"  ("invoice_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_invoice_live" ON "subsidy_claim"  ("invoice_code", "invoice_number") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_order_live" ON "subsidy_claim"  ("order_id") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_no" ON "subsidy_claim"  ("claim_no") `);
    await queryRunner.query(`ALTER TABLE "voucher_program" ADD "review_deadline_working_days" integer NOT NULL DEFAULT '10'`);
    await queryRunner.query(`ALTER TABLE "voucher_program" ADD "risk_thresholds" jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await queryRunner.query(`ALTER TABLE "voucher_program" ADD CONSTRAINT "ck_voucher_program_review_deadline" CHECK (review_deadline_working_days > 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voucher_program" DROP CONSTRAINT "ck_voucher_program_review_deadline"`);
    await queryRunner.query(`ALTER TABLE "voucher_program" DROP COLUMN "risk_thresholds"`);
    await queryRunner.query(`ALTER TABLE "voucher_program" DROP COLUMN "review_deadline_working_days"`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_no"`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_order_live"`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_invoice_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_invoice_number"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_queue"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_program_provider"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_program_enterprise"`);
    await queryRunner.query(`DROP TABLE "subsidy_claim"`);
    await queryRunner.query(`DROP INDEX "public"."ux_claim_line_source"`);
    await queryRunner.query(`DROP INDEX "public"."ix_claim_line_payable"`);
    await queryRunner.query(`DROP TABLE "claim_line"`);
  }
}
