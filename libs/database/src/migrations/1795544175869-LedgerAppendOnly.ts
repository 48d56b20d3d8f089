import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (TypeORM cannot express triggers): ledger transactions and entries are
 * append-only. Mirrors LEDGER_TRIGGERS_SQL in libs/vouchers/src/ledger/ledger.sql.ts;
 * test/db-harness.test.ts checks the migrated database has the triggers.
 */
export class LedgerAppendOnly1795544175869 implements MigrationInterface {
  name = 'LedgerAppendOnly1795544175869';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
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
`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
DROP TRIGGER IF EXISTS trg_ledger_entry_no_truncate ON ledger_entry;
DROP TRIGGER IF EXISTS trg_ledger_entry_append_only ON ledger_entry;
DROP TRIGGER IF EXISTS trg_ledger_transaction_no_truncate ON ledger_transaction;
DROP TRIGGER IF EXISTS trg_ledger_transaction_append_only ON ledger_transaction;
DROP FUNCTION IF EXISTS ledger_forbid_change();
`);
  }
}
