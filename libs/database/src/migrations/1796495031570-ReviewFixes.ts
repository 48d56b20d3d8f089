import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewFixes1796495031570 implements MigrationInterface {
  name = 'ReviewFixes1796495031570';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_sanction_repayment_sanction"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_sanction_repayment_reference" ON "sanction_repayment"  ("sanction_id", "bank_reference") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_sanction_repayment_reference"`);
    await queryRunner.query(`CREATE INDEX "ix_sanction_repayment_sanction" ON "sanction_repayment" USING btree ("sanction_id") `);
  }
}
