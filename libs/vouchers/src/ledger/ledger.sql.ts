/**
 * Hand-written SQL for the generated migration (TypeORM cannot express triggers): ledger
 * transactions and entries are append-only. Idempotent, so tests may apply it on top of a
 * synchronized schema. `ledger:verify` catches what a table owner could still do by disabling it.
 */
import { appendOnlyTriggersDownSql, appendOnlyTriggersSql, type AppendOnlySpec } from '@innoserve/database';

const SPEC: AppendOnlySpec = { prefix: 'ledger', subject: 'the ledger', tables: ['ledger_transaction', 'ledger_entry'] };

export const LEDGER_TRIGGERS_SQL = appendOnlyTriggersSql(SPEC);

/** The migration's down() counterpart (run before the tables are dropped). */
export const LEDGER_TRIGGERS_DOWN_SQL = appendOnlyTriggersDownSql(SPEC);
