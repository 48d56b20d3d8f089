import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisbursementBatches1796492740325 implements MigrationInterface {
  name = 'DisbursementBatches1796492740325';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "disbursement_batch" ("id" uuid NOT NULL, "batch_no" character varying(30) NOT NULL, "program_id" uuid NOT NULL, "source" character varying(40) NOT NULL, "fiscal_year" integer NOT NULL, "status" character varying(20) NOT NULL, "total_fen" bigint NOT NULL, "line_count" integer NOT NULL, "paid_fen" bigint NOT NULL DEFAULT '0', "built_by" uuid NOT NULL, "paid_by" uuid, "paid_at" TIMESTAMP WITH TIME ZONE, "paid_on" date, "bank_reference" character varying(100), "cancelled_by" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_disbursement_batch_total" CHECK (total_fen >= 0 AND line_count >= 0), CONSTRAINT "ck_disbursement_batch_status" CHECK (status IN ('open','paid','cancelled')), CONSTRAINT "PK_2ff8bfbd5bb983f87897e2b5913" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_disbursement_batch_program" ON "disbursement_batch"  ("program_id", "source", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_disbursement_batch_no" ON "disbursement_batch"  ("batch_no") `);
    await queryRunner.query(`CREATE TABLE "disbursement_line" ("id" uuid NOT NULL, "batch_id" uuid NOT NULL, "seq" integer NOT NULL, "claim_line_id" uuid NOT NULL, "claim_id" uuid NOT NULL, "claim_no" character varying(30) NOT NULL, "payee_id" uuid NOT NULL, "account_name" character varying(200) NOT NULL, "account_no" character varying(40) NOT NULL, "bank_name" character varying(100) NOT NULL, "cnaps_code" character varying(12) NOT NULL, "amount_fen" bigint NOT NULL, "memo" character varying(100) NOT NULL, "status" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_disbursement_line_amount" CHECK (amount_fen > 0), CONSTRAINT "ck_disbursement_line_status" CHECK (status IN ('included','paid','failed','cancelled')), CONSTRAINT "PK_5bb2c69eec281c21a391d25b5d6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_disbursement_line_batch" ON "disbursement_line"  ("batch_id", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_disbursement_line_claim_line_live" ON "disbursement_line"  ("claim_line_id") WHERE status IN ('included','paid')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_disbursement_line_claim_line_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disbursement_line_batch"`);
    await queryRunner.query(`DROP TABLE "disbursement_line"`);
    await queryRunner.query(`DROP INDEX "public"."ux_disbursement_batch_no"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disbursement_batch_program"`);
    await queryRunner.query(`DROP TABLE "disbursement_batch"`);
  }
}
