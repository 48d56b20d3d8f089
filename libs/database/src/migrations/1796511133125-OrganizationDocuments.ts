import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationDocuments1796511133125 implements MigrationInterface {
  name = 'OrganizationDocuments1796511133125';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "enterprise_profile" ADD "business_licence_file_id" uuid`);
    await queryRunner.query(`ALTER TABLE "provider_qualification" ADD "certificate_file_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_enterprise_profile_licence_file" ON "enterprise_profile"  ("business_licence_file_id") WHERE business_licence_file_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "ix_provider_qualification_certificate_file" ON "provider_qualification"  ("certificate_file_id") WHERE certificate_file_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_provider_qualification_certificate_file"`);
    await queryRunner.query(`DROP INDEX "public"."ix_enterprise_profile_licence_file"`);
    await queryRunner.query(`ALTER TABLE "provider_qualification" DROP COLUMN "certificate_file_id"`);
    await queryRunner.query(`ALTER TABLE "enterprise_profile" DROP COLUMN "business_licence_file_id"`);
  }
}
