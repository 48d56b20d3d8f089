import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HoldRelease1796495986528 implements MigrationInterface {
  name = 'HoldRelease1796495986528';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subsidy_claim" ADD "hold_released_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subsidy_claim" DROP COLUMN "hold_released_at"`);
  }
}
