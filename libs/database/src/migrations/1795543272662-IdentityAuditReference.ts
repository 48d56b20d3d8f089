import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityAuditReference1795543272662 implements MigrationInterface {
  name = 'IdentityAuditReference1795543272662';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "idempotency_record" ("id" uuid NOT NULL, "scope" character varying(100) NOT NULL, "method" character varying(10) NOT NULL, "route" character varying(500) NOT NULL, "url" character varying(2000) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status" character varying(12) NOT NULL, "response_status" integer, "response_body" jsonb, "response_headers" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_idempotency_record_key" UNIQUE ("scope", "method", "url", "key"), CONSTRAINT "ck_idempotency_record_answer" CHECK (status = 'in_progress' OR response_status IS NOT NULL), CONSTRAINT "ck_idempotency_record_status" CHECK (status IN ('in_progress','completed')), CONSTRAINT "PK_0dc165e218120167e4a55dcc8d4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_idempotency_record_expires_at" ON "idempotency_record"  ("expires_at") `);
    await queryRunner.query(`CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "password_hash" character varying(255) NOT NULL, "display_name" character varying(100) NOT NULL, "locale" character varying(2) NOT NULL DEFAULT 'zh', "disabled" boolean NOT NULL DEFAULT false, "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_app_user_failed_login_count" CHECK (failed_login_count >= 0), CONSTRAINT "ck_app_user_locale" CHECK (locale IN ('zh','en')), CONSTRAINT "ck_app_user_email_lower" CHECK (email = lower(email)), CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_app_user_email" ON "app_user"  ("email") `);
    await queryRunner.query(`CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_refresh_token_hash" ON "refresh_token"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "staff_role" ("user_id" uuid NOT NULL, "role" character varying(30) NOT NULL, "region_codes" text array NOT NULL, CONSTRAINT "ck_staff_role_region_codes" CHECK (cardinality(region_codes) > 0), CONSTRAINT "ck_staff_role_role" CHECK (role IN ('county_reviewer','city_reviewer','program_officer','finance_officer','auditor','super_admin')), CONSTRAINT "PK_44004d4ade7635cb206c4d4a61a" PRIMARY KEY ("user_id", "role"))`);
    await queryRunner.query(`CREATE INDEX "ix_staff_role_role" ON "staff_role"  ("role") `);
    await queryRunner.query(`CREATE TABLE "audit_entry" ("id" BIGSERIAL NOT NULL, "stream_type" character varying(100) NOT NULL, "stream_id" character varying(200) NOT NULL, "stream_seq" integer NOT NULL, "action" character varying(100) NOT NULL, "actor_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "before" jsonb, "after" jsonb, "reason" text, "prev_hash" character varying(64) NOT NULL, "hash" character varying(64) NOT NULL, "xact_id" bigint NOT NULL, CONSTRAINT "uq_audit_entry_stream_seq" UNIQUE ("stream_type", "stream_id", "stream_seq"), CONSTRAINT "PK_58a130a4b9da189f46ba2a01801" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_actor" ON "audit_entry"  ("actor_id", "id") `);
    await queryRunner.query(`CREATE INDEX "ix_audit_entry_xact" ON "audit_entry"  ("xact_id") `);
    await queryRunner.query(`CREATE TABLE "audit_anchor" ("id" BIGSERIAL NOT NULL, "upto_entry_id" bigint NOT NULL, "upto_xact_id" bigint NOT NULL, "entry_count" integer NOT NULL, "hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0ea407435eebceee6956a062dda" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "region" ("code" character varying(6) NOT NULL, "name_zh" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, "level" character varying(10) NOT NULL, "parent_code" character varying(6), "is_functional_zone" boolean NOT NULL DEFAULT false, CONSTRAINT "region_parent_check" CHECK (("level" = 'city') OR ("parent_code" IS NOT NULL)), CONSTRAINT "region_code_check" CHECK ("code" ~ '^[0-9]{6}$'), CONSTRAINT "region_level_check" CHECK ("level" IN ('city', 'county')), CONSTRAINT "PK_74f7723fdff738f92929c0056cb" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_73a16baaad741cbb01fa629e95" ON "region"  ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "service_category" ("id" uuid NOT NULL, "code" character varying(64) NOT NULL, "parent_id" uuid, "name_zh" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', "path" character varying(500) NOT NULL, CONSTRAINT "service_category_parent_check" CHECK ("parent_id" IS NULL OR "parent_id" <> "id"), CONSTRAINT "service_category_code_check" CHECK ("code" ~ '^[a-z0-9-]+(\\.[a-z0-9-]+)*$'), CONSTRAINT "PK_9d513b39d251063f98f2a7b941d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_97127f0e638f9dc6c47e81fe6b" ON "service_category"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_ebb4fb22fc119963b6c27fcd43" ON "service_category"  ("parent_id") `);
    await queryRunner.query(`ALTER TABLE "refresh_token" ADD CONSTRAINT "fk_refresh_token_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "staff_role" ADD CONSTRAINT "fk_staff_role_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "region" ADD CONSTRAINT "FK_73a16baaad741cbb01fa629e95a" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "service_category" ADD CONSTRAINT "FK_ebb4fb22fc119963b6c27fcd43b" FOREIGN KEY ("parent_id") REFERENCES "service_category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "service_category" DROP CONSTRAINT "FK_ebb4fb22fc119963b6c27fcd43b"`);
    await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "FK_73a16baaad741cbb01fa629e95a"`);
    await queryRunner.query(`ALTER TABLE "staff_role" DROP CONSTRAINT "fk_staff_role_user"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "fk_refresh_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_ebb4fb22fc119963b6c27fcd43"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_97127f0e638f9dc6c47e81fe6b"`);
    await queryRunner.query(`DROP TABLE "service_category"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_73a16baaad741cbb01fa629e95"`);
    await queryRunner.query(`DROP TABLE "region"`);
    await queryRunner.query(`DROP TABLE "audit_anchor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_xact"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_entry_actor"`);
    await queryRunner.query(`DROP TABLE "audit_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_staff_role_role"`);
    await queryRunner.query(`DROP TABLE "staff_role"`);
    await queryRunner.query(`DROP INDEX "public"."ux_refresh_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_family"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_user"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."ux_app_user_email"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_idempotency_record_expires_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_record"`);
  }
}
