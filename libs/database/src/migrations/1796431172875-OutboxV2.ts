import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxV21796431172875 implements MigrationInterface {
  name = 'OutboxV21796431172875';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_pending"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "lane" character varying(4) NOT NULL DEFAULT 'user'`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "ordering_key" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "lease_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD "lease_token" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_done" ON "outbox_message"  ("processed_at") WHERE status = 'done'`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_ordering" ON "outbox_message"  ("ordering_key", "id") WHERE status IN ('pending','processing') AND ordering_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_claimable" ON "outbox_message"  ("lane", "id") WHERE status IN ('pending','processing')`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_lane" CHECK (lane IN ('user','bulk','jobs'))`);
    // TypeORM does not see a changed CHECK expression under the same name: written by hand
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_status"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_status" CHECK (status IN ('pending','processing','done','dead'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "outbox_message" SET status = 'pending' WHERE status = 'processing'`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_status"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" ADD CONSTRAINT "ck_outbox_status" CHECK (status IN ('pending','done','dead'))`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP CONSTRAINT "ck_outbox_lane"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_claimable"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_ordering"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_done"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "lease_token"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "lease_until"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "ordering_key"`);
    await queryRunner.query(`ALTER TABLE "outbox_message" DROP COLUMN "lane"`);
    await queryRunner.query(`CREATE INDEX "ix_outbox_pending" ON "outbox_message" USING btree ("available_at", "id") WHERE ((status)::text = 'pending'::text)`);
  }
}
