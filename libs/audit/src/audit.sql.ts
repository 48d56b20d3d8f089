/**
 * Hand-written SQL for the generated migration (TypeORM cannot express triggers): the audit
 * tables are append-only. Idempotent, so tests may apply it on top of a synchronized schema.
 * A table owner can still `ALTER TABLE ... DISABLE TRIGGER`; `audit:verify` catches what that
 * lets through.
 */
import { appendOnlyTriggersDownSql, appendOnlyTriggersSql, type AppendOnlySpec } from '@innoserve/database';

const SPEC: AppendOnlySpec = { prefix: 'audit', subject: 'the audit log', tables: ['audit_entry', 'audit_anchor'] };

export const AUDIT_TRIGGERS_SQL = appendOnlyTriggersSql(SPEC);

/** The migration's down() counterpart (run before the tables are dropped). */
export const AUDIT_TRIGGERS_DOWN_SQL = appendOnlyTriggersDownSql(SPEC);
