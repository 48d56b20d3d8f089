import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VerifiedBankAccounts1796492507340 implements MigrationInterface {
  name = 'VerifiedBankAccounts1796492507340';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" ADD "bank_cnaps_code" character varying(12)`);
    await queryRunner.query(`ALTER TABLE "organization" ADD "verified_bank_account" jsonb`);
    // accounts already verified: a verified enterprise's, an admitted provider's (identity edits of either pass by staff)
    await queryRunner.query(`UPDATE "organization" o SET "verified_bank_account" = jsonb_build_object('bankName', o.bank_name, 'accountName', o.bank_account_name, 'accountNo', o.bank_account_no, 'cnapsCode', NULL, 'verifiedAt', now(), 'verifiedBy', NULL)
      WHERE o.bank_account_no IS NOT NULL AND o.bank_name IS NOT NULL AND o.bank_account_name IS NOT NULL
        AND (EXISTS (SELECT 1 FROM enterprise_profile e WHERE e.organization_id = o.id AND e.status = 'verified')
          OR EXISTS (SELECT 1 FROM provider_profile p WHERE p.organization_id = o.id AND p.admission_status IN ('admitted','suspended','expired')))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "verified_bank_account"`);
    await queryRunner.query(`ALTER TABLE "organization" DROP COLUMN "bank_cnaps_code"`);
  }
}
