import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SqlParams } from './sql-params.js';

/**
 * Writes a row the caller loaded (and holds locked) back in one UPDATE by primary key: every
 * column except the primary key and the creation date, the update date set by the database.
 * TypeORM's save() first SELECTs the row again to find what changed — a round trip a command that
 * already locked the row does not need.
 */
export async function writeBack<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T): Promise<void> {
  await writeBackQuery(m, target, row).execute();
}

/** The UPDATE by primary key of every column but the primary key and the creation date. */
function writeBackQuery<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T) {
  const meta = m.connection.getMetadata(target);
  const set: Record<string, unknown> = {};
  for (const c of meta.columns) {
    if (c.isPrimary || c.isCreateDate || c.isUpdateDate) continue;
    set[c.propertyName] = c.getEntityValue(row);
  }
  const where: Record<string, unknown> = {};
  for (const c of meta.primaryColumns) where[c.propertyName] = c.getEntityValue(row);
  return m.createQueryBuilder().update(target).set(set as never).where(where);
}

/**
 * The UPDATE `writeBack` runs, as SQL text for a CTE of the caller's statement (its parameters
 * added to `p`): a command that writes its row back beside other work saves a round trip.
 */
export function writeBackSql<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T, p: SqlParams): string {
  const [sql, params] = writeBackQuery(m, target, row).getQueryAndParameters();
  const renumbered = new Map<number, string>();
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n);
    let placeholder = renumbered.get(i);
    if (placeholder === undefined) renumbered.set(i, (placeholder = p.add(params[i - 1])));
    return placeholder;
  });
}
