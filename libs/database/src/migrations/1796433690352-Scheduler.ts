import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduler1796433690352 implements MigrationInterface {
  name = 'Scheduler1796433690352';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scheduled_job" ("name" character varying(100) NOT NULL, "interval_ms" integer NOT NULL, "next_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e9fa2da896f3bb1da2821312e47" PRIMARY KEY ("name"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "scheduled_job"`);
  }
}
