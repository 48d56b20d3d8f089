import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReconciledAt1796491437929 implements MigrationInterface {
  name = 'ReconciledAt1796491437929';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment" ADD "reconciled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "payment_refund" ADD "reconciled_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_refund" DROP COLUMN "reconciled_at"`);
    await queryRunner.query(`ALTER TABLE "payment" DROP COLUMN "reconciled_at"`);
  }
}
