import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RiskRuleIndexes1796492558496 implements MigrationInterface {
  name = 'RiskRuleIndexes1796492558496';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "ix_organization_shareholders" ON "organization" USING gin ("shareholders") `);
    await queryRunner.query(`CREATE INDEX "ix_organization_legal_representative" ON "organization"  ("legal_representative") `);
    await queryRunner.query(`CREATE INDEX "ix_organization_registered_address" ON "organization"  ("registered_address") `);
    await queryRunner.query(`CREATE INDEX "ix_organization_contact_phone" ON "organization"  ("contact_phone") `);
    await queryRunner.query(`CREATE INDEX "ix_offering_category_published" ON "offering"  ("category_id") WHERE status = 'published'`);
    await queryRunner.query(`CREATE INDEX "ix_payment_pair_succeeded" ON "payment"  ("enterprise_id", "provider_id", "succeeded_at") `);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_program_provider_enterprise_live" ON "subsidy_claim"  ("program_id", "provider_id", "enterprise_id") WHERE status IN ('in_review','returned','approved','batched','paid')`);
    await queryRunner.query(`CREATE INDEX "ix_subsidy_claim_invoice_content" ON "subsidy_claim"  ("seller_tax_id", "invoice_issued_on", "invoice_amount_fen") `);
    await queryRunner.query(`CREATE INDEX "ix_service_order_pair_contracted" ON "service_order"  ("enterprise_id", "provider_id", "contracted_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_service_order_pair_contracted"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_invoice_content"`);
    await queryRunner.query(`DROP INDEX "public"."ix_subsidy_claim_program_provider_enterprise_live"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_pair_succeeded"`);
    await queryRunner.query(`DROP INDEX "public"."ix_offering_category_published"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_contact_phone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_registered_address"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_legal_representative"`);
    await queryRunner.query(`DROP INDEX "public"."ix_organization_shareholders"`);
  }
}
