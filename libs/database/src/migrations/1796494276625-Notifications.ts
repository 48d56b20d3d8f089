import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796494276625 implements MigrationInterface {
  name = 'Notifications1796494276625';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notification" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "category" character varying(20) NOT NULL, "type" character varying(60) NOT NULL, "event_key" character varying(120) NOT NULL, "title_zh" character varying(200) NOT NULL, "title_en" character varying(200) NOT NULL, "body_zh" text NOT NULL, "body_en" text NOT NULL, "link" character varying(300), "entity_type" character varying(40), "entity_id" character varying(64), "emailed" boolean NOT NULL DEFAULT false, "emailed_at" TIMESTAMP WITH TIME ZONE, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "ix_notification_user_unread" ON "notification"  ("user_id", "read_at", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_notification_user_event" ON "notification"  ("user_id", "event_key") `);
    await queryRunner.query(`CREATE TABLE "notification_cursor" ("name" character varying(40) NOT NULL, "upto_xact_id" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8fda2f50b1fd0860a05286f5bf" PRIMARY KEY ("name"))`);
    await queryRunner.query(`CREATE TABLE "notification_preference" ("user_id" uuid NOT NULL, "category" character varying(20) NOT NULL, "in_app" boolean NOT NULL DEFAULT true, "email" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d0eaf0cc3621cba401ec57d1df7" PRIMARY KEY ("user_id", "category"))`);
    // the feed starts from now: an existing installation's history is not mailed out again
    await queryRunner.query(`INSERT INTO "notification_cursor" ("name", "upto_xact_id", "updated_at") VALUES ('audit', pg_snapshot_xmin(pg_current_snapshot())::text::bigint, now()) ON CONFLICT ("name") DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "notification_preference"`);
    await queryRunner.query(`DROP TABLE "notification_cursor"`);
    await queryRunner.query(`DROP INDEX "public"."ux_notification_user_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user_unread"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
