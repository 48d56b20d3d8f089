/**
 * Hand-written SQL for the generated migration (TypeORM cannot express triggers): the audit
 * tables are append-only. Idempotent, so tests may apply it on top of a synchronized schema.
 * A table owner can still `ALTER TABLE ... DISABLE TRIGGER`; `audit:verify` catches what that
 * lets through.
 */
export const AUDIT_TRIGGERS_SQL = `
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
`;

/** The migration's down() counterpart (run before the tables are dropped). */
export const AUDIT_TRIGGERS_DOWN_SQL = `
DROP TRIGGER IF EXISTS trg_audit_anchor_no_truncate ON audit_anchor;
DROP TRIGGER IF EXISTS trg_audit_anchor_append_only ON audit_anchor;
DROP TRIGGER IF EXISTS trg_audit_entry_no_truncate ON audit_entry;
DROP TRIGGER IF EXISTS trg_audit_entry_append_only ON audit_entry;
DROP FUNCTION IF EXISTS audit_forbid_change();
`;
