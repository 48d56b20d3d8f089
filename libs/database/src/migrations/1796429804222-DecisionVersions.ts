import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DecisionVersions1796429804222 implements MigrationInterface {
  name = 'DecisionVersions1796429804222';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider_change_request" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "voucher_application" ADD "version" integer NOT NULL DEFAULT '1'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "voucher_application" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "provider_change_request" DROP COLUMN "version"`);
  }
}
