import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersPayments1796447821058 implements MigrationInterface {
  name = 'OrdersPayments1796447821058';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "provider_rating" ("provider_id" uuid NOT NULL, "rating_sum" bigint NOT NULL DEFAULT '0', "rating_count" integer NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_provider_rating_counts" CHECK (rating_count >= 0 AND rating_sum >= rating_count AND rating_sum <= 5 * rating_count), CONSTRAINT "PK_77242d1f82d33270a96e747bf42" PRIMARY KEY ("provider_id"))`);
    await queryRunner.query(`CREATE TABLE "file_object" ("id" uuid NOT NULL, "name" character varying(255) NOT NULL, "size_bytes" integer NOT NULL, "mime" character varying(100) NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(200) NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_file_object_size" CHECK (size_bytes >= 0), CONSTRAINT "PK_1994186c0a6bafbb6ccc8bc1853" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_file_object_uploaded_by" ON "file_object"  ("uploaded_by", "created_at") `);
    await queryRunner.query(`CREATE TABLE "payment" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "amount_fen" bigint NOT NULL, "reference" character varying(40) NOT NULL, "payee" jsonb, "external_id" character varying(100), "client_secret" character varying(200), "connected_account_id" character varying(100), "application_fee_fen" bigint NOT NULL DEFAULT '0', "last_error" text, "confirmation" jsonb, "succeeded_at" TIMESTAMP WITH TIME ZONE, "contested_at" TIMESTAMP WITH TIME ZONE, "contest_reason" text, "reversed_fen" bigint NOT NULL DEFAULT '0', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_amount" CHECK (amount_fen > 0), CONSTRAINT "ck_payment_status" CHECK (status IN ('initiating','pending','succeeded','failed','canceled','contested')), CONSTRAINT "PK_fcaec7df5adf9cac408c686b2ab" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_external" ON "payment"  ("external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_order_live" ON "payment"  ("order_id") WHERE status IN ('initiating','pending','succeeded','contested')`);
    await queryRunner.query(`CREATE TABLE "payment_refund" ("id" uuid NOT NULL, "payment_id" uuid NOT NULL, "order_id" uuid NOT NULL, "method" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "amount_fen" bigint NOT NULL, "reason" text NOT NULL, "external_id" character varying(100), "last_error" text, "succeeded_at" TIMESTAMP WITH TIME ZONE, "confirmed_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_payment_refund_amount" CHECK (amount_fen > 0), CONSTRAINT "ck_payment_refund_status" CHECK (status IN ('initiating','pending','succeeded','failed')), CONSTRAINT "PK_9bcd6c17fe1fce78631fdb79633" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_payment_refund_external" ON "payment_refund"  ("external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_payment_refund_payment" ON "payment_refund"  ("payment_id") `);
    await queryRunner.query(`CREATE TABLE "order_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "order_id" uuid NOT NULL, "author_id" uuid NOT NULL, "side" character varying(20) NOT NULL, "body" text NOT NULL, "file_ids" uuid array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca42c8faf6aebd40048957e3710" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_order_message_order" ON "order_message"  ("order_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "order_review" ("order_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "offering_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "author_id" uuid NOT NULL, "rating" smallint NOT NULL, "comment" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_order_review_rating" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_25fd11b7721c7b47ba830fe4e74" PRIMARY KEY ("order_id"))`);
    await queryRunner.query(`CREATE INDEX "ix_order_review_provider" ON "order_review"  ("provider_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "service_order" ("id" uuid NOT NULL, "order_no" character varying(32) NOT NULL, "enterprise_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "offering_id" uuid NOT NULL, "category_id" uuid NOT NULL, "region_code" character varying(6) NOT NULL, "offering_title" character varying(200) NOT NULL, "pricing_kind" character varying(20) NOT NULL, "quantity" integer NOT NULL, "requirements" text NOT NULL, "status" character varying(20) NOT NULL, "version" bigint NOT NULL DEFAULT '1', "quote_version" integer NOT NULL DEFAULT '0', "price_fen" bigint, "scope" text, "lead_time_days" integer, "quote_valid_until" date, "grant_id" uuid, "program_id" uuid, "hold_id" uuid, "subsidy_fen" bigint NOT NULL DEFAULT '0', "due_fen" bigint NOT NULL DEFAULT '0', "settlement_mode" character varying(30), "contract" jsonb, "contract_registration_no" character varying(40), "contracted_at" TIMESTAMP WITH TIME ZONE, "paid_at" TIMESTAMP WITH TIME ZONE, "started_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "delivery_report_file_id" uuid, "delivery_note" text, "completed_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" text, "disputed_at" TIMESTAMP WITH TIME ZONE, "dispute_reason" text, "due_on" date, "flags" text array NOT NULL DEFAULT '{}', "refund_fen" bigint NOT NULL DEFAULT '0', "subsidy_released_fen" bigint NOT NULL DEFAULT '0', "enterprise_actor_ids" uuid array NOT NULL DEFAULT '{}', "provider_actor_ids" uuid array NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_service_order_parties" CHECK (enterprise_id <> provider_id), CONSTRAINT "ck_service_order_amounts" CHECK ((price_fen IS NULL OR price_fen > 0) AND subsidy_fen >= 0 AND (price_fen IS NULL OR subsidy_fen <= price_fen) AND refund_fen >= 0), CONSTRAINT "ck_service_order_status" CHECK (status IN ('requested','quoted','contracted','paid','in_progress','delivered','completed','declined','disputed','refunded','cancelled')), CONSTRAINT "PK_b01a59b48a0dfbd84dd8221364a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_service_order_no" ON "service_order"  ("order_no") `);
    await queryRunner.query(`CREATE INDEX "ix_service_order_status_due" ON "service_order"  ("status", "due_on") `);
    await queryRunner.query(`CREATE INDEX "ix_service_order_provider_status" ON "service_order"  ("provider_id", "status") `);
    await queryRunner.query(`CREATE INDEX "ix_service_order_enterprise_status" ON "service_order"  ("enterprise_id", "status") `);
    await queryRunner.query(`ALTER TABLE "voucher_grant" ADD "voided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "voucher_grant" ADD "voided_fen" bigint NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voucher_grant" DROP COLUMN "voided_fen"`);
    await queryRunner.query(`ALTER TABLE "voucher_grant" DROP COLUMN "voided_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_order_enterprise_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_order_provider_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_service_order_status_due"`);
    await queryRunner.query(`DROP INDEX "public"."ux_service_order_no"`);
    await queryRunner.query(`DROP TABLE "service_order"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_review_provider"`);
    await queryRunner.query(`DROP TABLE "order_review"`);
    await queryRunner.query(`DROP INDEX "public"."ix_order_message_order"`);
    await queryRunner.query(`DROP TABLE "order_message"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_refund_payment"`);
    await queryRunner.query(`DROP INDEX "public"."ux_payment_refund_external"`);
    await queryRunner.query(`DROP TABLE "payment_refund"`);
    await queryRunner.query(`DROP INDEX "public"."ux_payment_order_live"`);
    await queryRunner.query(`DROP INDEX "public"."ux_payment_external"`);
    await queryRunner.query(`DROP TABLE "payment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_file_object_uploaded_by"`);
    await queryRunner.query(`DROP TABLE "file_object"`);
    await queryRunner.query(`DROP TABLE "provider_rating"`);
  }
}
