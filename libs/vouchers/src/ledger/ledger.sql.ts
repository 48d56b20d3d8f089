/**
 * Hand-written SQL for the generated migration (TypeORM cannot express triggers): ledger
 * transactions and entries are append-only. Idempotent, so tests may apply it on top of a
 * synchronized schema. `ledger:verify` catches what a table owner could still do by disabling it.
 */
export const LEDGER_TRIGGERS_SQL = `
CREATE OR REPLACE FUNCTION ledger_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
DROP TRIGGER IF EXISTS trg_ledger_transaction_append_only ON ledger_transaction;
CREATE TRIGGER trg_ledger_transaction_append_only BEFORE UPDATE OR DELETE ON ledger_transaction
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
DROP TRIGGER IF EXISTS trg_ledger_transaction_no_truncate ON ledger_transaction;
CREATE TRIGGER trg_ledger_transaction_no_truncate BEFORE TRUNCATE ON ledger_transaction
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
DROP TRIGGER IF EXISTS trg_ledger_entry_append_only ON ledger_entry;
CREATE TRIGGER trg_ledger_entry_append_only BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_forbid_change();
DROP TRIGGER IF EXISTS trg_ledger_entry_no_truncate ON ledger_entry;
CREATE TRIGGER trg_ledger_entry_no_truncate BEFORE TRUNCATE ON ledger_entry
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_forbid_change();
`;

/** The migration's down() counterpart (run before the tables are dropped). */
export const LEDGER_TRIGGERS_DOWN_SQL = `
DROP TRIGGER IF EXISTS trg_ledger_entry_no_truncate ON ledger_entry;
DROP TRIGGER IF EXISTS trg_ledger_entry_append_only ON ledger_entry;
DROP TRIGGER IF EXISTS trg_ledger_transaction_no_truncate ON ledger_transaction;
DROP TRIGGER IF EXISTS trg_ledger_transaction_append_only ON ledger_transaction;
DROP FUNCTION IF EXISTS ledger_forbid_change();
`;
