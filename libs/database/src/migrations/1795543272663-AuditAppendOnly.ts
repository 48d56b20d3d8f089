import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot express triggers): the audit tables are append-only.
 * Mirrors AUDIT_TRIGGERS_SQL in libs/audit/src/audit.sql.ts; test/db-harness.test.ts checks the
 * migrated database has the triggers.
 */
export class AuditAppendOnly1795543272663 implements MigrationInterface {
  name = 'AuditAppendOnly1795543272663';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE OR REPLACE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
DROP TRIGGER IF EXISTS trg_audit_entry_append_only ON audit_entry;
CREATE TRIGGER trg_audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
DROP TRIGGER IF EXISTS trg_audit_entry_no_truncate ON audit_entry;
CREATE TRIGGER trg_audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
DROP TRIGGER IF EXISTS trg_audit_anchor_append_only ON audit_anchor;
CREATE TRIGGER trg_audit_anchor_append_only BEFORE UPDATE OR DELETE ON audit_anchor
  FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
DROP TRIGGER IF EXISTS trg_audit_anchor_no_truncate ON audit_anchor;
CREATE TRIGGER trg_audit_anchor_no_truncate BEFORE TRUNCATE ON audit_anchor
  FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();
`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER IF EXISTS trg_audit_anchor_no_truncate ON audit_anchor;
DROP TRIGGER IF EXISTS trg_audit_anchor_append_only ON audit_anchor;
DROP TRIGGER IF EXISTS trg_audit_entry_no_truncate ON audit_entry;
DROP TRIGGER IF EXISTS trg_audit_entry_append_only ON audit_entry;
DROP FUNCTION IF EXISTS audit_forbid_change();
`);
  }
}
