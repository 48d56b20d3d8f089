import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StripeConnect1796448392745 implements MigrationInterface {
  name = 'StripeConnect1796448392745';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "provider_payment_account" ("provider_id" uuid NOT NULL, "stripe_account_id" character varying(100), "charges_enabled" boolean NOT NULL DEFAULT false, "details_submitted" boolean NOT NULL DEFAULT false, "last_event_created" bigint NOT NULL DEFAULT '0', "last_error" text, "requested_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1ac2330af97e20186730f318ca0" PRIMARY KEY ("provider_id"))`);
    await queryRunner.query(`CREATE TABLE "stripe_event" ("id" character varying(100) NOT NULL, "type" character varying(100) NOT NULL, "stripe_created" bigint NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "applied_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7a91ab435defe9ce0ee6fb6f7f7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_stripe_event_type_created" ON "stripe_event"  ("type", "stripe_created") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_stripe_event_type_created"`);
    await queryRunner.query(`DROP TABLE "stripe_event"`);
    await queryRunner.query(`DROP TABLE "provider_payment_account"`);
  }
}
