/**
 * SQL that makes tables append-only (TypeORM cannot express triggers): a function that raises on
 * UPDATE, DELETE and TRUNCATE, and its row and statement triggers on each table. Idempotent, so
 * tests may apply it on top of a synchronized schema. Migrations keep their own frozen copy.
 */
export interface AppendOnlySpec {
  /** Name prefix of the function and triggers, e.g. 'audit' → audit_forbid_change(), trg_audit_entry_… */
  prefix: string;
  /** What the error message calls the protected data, e.g. 'the audit log'. */
  subject: string;
  tables: readonly string[];
}

export function appendOnlyTriggersSql({ prefix, subject, tables }: AppendOnlySpec): string {
  const fn = `${prefix}_forbid_change`;
  const triggers = tables
    .map(
      (t) => `DROP TRIGGER IF EXISTS trg_${t}_append_only ON ${t};
CREATE TRIGGER trg_${t}_append_only BEFORE UPDATE OR DELETE ON ${t}
  FOR EACH ROW EXECUTE FUNCTION ${fn}();
DROP TRIGGER IF EXISTS trg_${t}_no_truncate ON ${t};
CREATE TRIGGER trg_${t}_no_truncate BEFORE TRUNCATE ON ${t}
  FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();
`,
    )
    .join('');
  return `
CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '${subject} is append-only: % on % is not allowed', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$fn$;
${triggers}`;
}

/** The down() counterpart: triggers in reverse order, then the function. */
export function appendOnlyTriggersDownSql({ prefix, tables }: AppendOnlySpec): string {
  const drops = [...tables]
    .reverse()
    .map((t) => `DROP TRIGGER IF EXISTS trg_${t}_no_truncate ON ${t};
DROP TRIGGER IF EXISTS trg_${t}_append_only ON ${t};
`)
    .join('');
  return `
${drops}DROP FUNCTION IF EXISTS ${prefix}_forbid_change();
`;
}
