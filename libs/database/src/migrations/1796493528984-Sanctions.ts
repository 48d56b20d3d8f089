import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sanctions1796493528984 implements MigrationInterface {
  name = 'Sanctions1796493528984';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sanction" ("id" uuid NOT NULL, "organization_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "grant_id" uuid, "order_id" uuid, "claim_id" uuid, "program_id" uuid, "amount_fen" bigint, "reason" text NOT NULL, "until" date, "parts" jsonb NOT NULL DEFAULT '[]', "repaid_fen" bigint NOT NULL DEFAULT '0', "effects" jsonb NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sanction_amounts" CHECK ((amount_fen IS NULL OR amount_fen > 0) AND repaid_fen >= 0), CONSTRAINT "ck_sanction_kind" CHECK (kind IN ('void-grant','forfeit','clawback','suspend','delist','blacklist')), CONSTRAINT "PK_8e0d7d8cef573a237bb11a61c8a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sanction_organization" ON "sanction"  ("organization_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "sanction_repayment" ("id" uuid NOT NULL, "sanction_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "bank_reference" character varying(100) NOT NULL, "paid_on" date NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_sanction_repayment_amount" CHECK (amount_fen > 0), CONSTRAINT "PK_a49b84a8271bd40f7c92d22aba7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_sanction_repayment_sanction" ON "sanction_repayment"  ("sanction_id") `);
    // changed CHECK expressions and partial-index predicates (TypeORM's diff compares them by name only)
    await queryRunner.query(`ALTER TABLE "voucher_grant" DROP CONSTRAINT "ck_voucher_grant_status"`);
    await queryRunner.query(`ALTER TABLE "voucher_grant" ADD CONSTRAINT "ck_voucher_grant_status" CHECK (status IN ('active','lapsed','voided'))`);
    await queryRunner.query(`ALTER TABLE "ledger_transaction" DROP CONSTRAINT "ck_ledger_transaction_type"`);
    await queryRunner.query(`ALTER TABLE "ledger_transaction" ADD CONSTRAINT "ck_ledger_transaction_type" CHECK (type IN ('fund','grant','hold','release','redeem','disburse','lapse','forfeit','void','clawback','repaid','forfeit_payable','return'))`);
    await queryRunner.query(`ALTER TABLE "subsidy_claim" DROP CONSTRAINT "ck_subsidy_claim_status"`);
    await queryRunner.query(`ALTER TABLE "subsidy_claim" ADD CONSTRAINT "ck_subsidy_claim_status" CHECK (status IN ('in_review','returned','approved','rejected','expired','batched','paid','forfeited'))`);
    await queryRunner.query(`ALTER TABLE "claim_line" DROP CONSTRAINT "ck_claim_line_status"`);
    await queryRunner.query(`ALTER TABLE "claim_line" ADD CONSTRAINT "ck_claim_line_status" CHECK (status IN ('payable','batched','paid','held','forfeited'))`);
    await queryRunner.query(`ALTER TABLE "disbursement_line" DROP CONSTRAINT "ck_disbursement_line_status"`);
    await queryRunner.query(`ALTER TABLE "disbursement_line" ADD CONSTRAINT "ck_disbursement_line_status" CHECK (status IN ('included','paid','failed','cancelled','held'))`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_order_live"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_order_live" ON "subsidy_claim" ("order_id") WHERE status IN ('in_review','returned','approved','batched','paid','forfeited')`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_invoice_live"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_invoice_live" ON "subsidy_claim" ("invoice_code", "invoice_number") WHERE status IN ('in_review','returned','approved','batched','paid','forfeited')`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_program_provider_enterprise_live"`);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_program_provider_enterprise_live" ON "subsidy_claim" ("program_id", "provider_id", "enterprise_id") WHERE status IN ('in_review','returned','approved','batched','paid','forfeited')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_invoice_live"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_invoice_live" ON "subsidy_claim" ("invoice_code", "invoice_number") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_program_provider_enterprise_live"`);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_program_provider_enterprise_live" ON "subsidy_claim" ("program_id", "provider_id", "enterprise_id") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`DROP INDEX "public"."ux_subsidy_claim_order_live"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_subsidy_claim_order_live" ON "subsidy_claim" ("order_id") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`ALTER TABLE "disbursement_line" DROP CONSTRAINT "ck_disbursement_line_status"`);
    await queryRunner.query(`ALTER TABLE "disbursement_line" ADD CONSTRAINT "ck_disbursement_line_status" CHECK (status IN ('included','paid','failed','cancelled'))`);
    await queryRunner.query(`ALTER TABLE "claim_line" DROP CONSTRAINT "ck_claim_line_status"`);
    await queryRunner.query(`ALTER TABLE "claim_line" ADD CONSTRAINT "ck_claim_line_status" CHECK (status IN ('payable','batched','paid','held'))`);
    await queryRunner.query(`ALTER TABLE "subsidy_claim" DROP CONSTRAINT "ck_subsidy_claim_status"`);
    await queryRunner.query(`ALTER TABLE "subsidy_claim" ADD CONSTRAINT "ck_subsidy_claim_status" CHECK (status IN ('in_review','returned','approved','rejected','expired','batched','paid'))`);
    await queryRunner.query(`ALTER TABLE "ledger_transaction" DROP CONSTRAINT "ck_ledger_transaction_type"`);
    await queryRunner.query(`ALTER TABLE "ledger_transaction" ADD CONSTRAINT "ck_ledger_transaction_type" CHECK (type IN ('fund','grant','hold','release','redeem','disburse','lapse','forfeit','void','clawback','repaid'))`);
    await queryRunner.query(`ALTER TABLE "voucher_grant" DROP CONSTRAINT "ck_voucher_grant_status"`);
    await queryRunner.query(`ALTER TABLE "voucher_grant" ADD CONSTRAINT "ck_voucher_grant_status" CHECK (status IN ('active','lapsed'))`);
    await queryRunner.query(`DROP INDEX "public"."ix_sanction_repayment_sanction"`);
    await queryRunner.query(`DROP TABLE "sanction_repayment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_sanction_organization"`);
    await queryRunner.query(`DROP TABLE "sanction"`);
  }
}
