import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { SqlParams } from './sql-params.js';

/**
 * Writes a row the caller loaded (and holds locked) back in one UPDATE by primary key: every
 * column except the primary key and the creation date, the update date set by the database.
 * TypeORM's save() first SELECTs the row again to find what changed — a round trip a command that
 * already locked the row does not need.
 */
export async function writeBack<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T): Promise<void> {
  const p = new SqlParams();
  await m.query(writeBackSql(m, target, row, p), p.values);
}

interface WriteBackPlan {
  table: string;
  /** The written columns, each with its `"column" = ` prefix. */
  set: { column: ColumnMetadata; prefix: string }[];
  /** The version column bumped by the database when the row does not say it (as TypeORM's update does). */
  version: { column: ColumnMetadata; bump: string } | null;
  /** The update date, set by the database. */
  trailer: string[];
  where: { column: ColumnMetadata; prefix: string }[];
}

/** One plan per entity: the statement's fixed parts, worked out once (TypeORM's builder re-derives them on every call). */
const plans = new WeakMap<EntityMetadata, WriteBackPlan>();

function planOf(m: EntityManager, meta: EntityMetadata): WriteBackPlan {
  let plan = plans.get(meta);
  if (plan) return plan;
  const d = m.connection.driver;
  const set = meta.columns.filter((c) => !c.isPrimary && !c.isCreateDate && !c.isUpdateDate && c.isUpdate).map((column) => ({ column, prefix: `${d.escape(column.databaseName)} = ` }));
  const v = meta.versionColumn;
  plan = {
    table: meta.tablePath.split('.').map((part) => d.escape(part)).join('.'),
    set,
    version: v ? { column: v, bump: `${d.escape(v.databaseName)} = ${d.escape(v.databaseName)} + 1` } : null,
    trailer: meta.updateDateColumn ? [`${d.escape(meta.updateDateColumn.databaseName)} = CURRENT_TIMESTAMP`] : [],
    where: meta.primaryColumns.map((column) => ({ column, prefix: `${d.escape(column.databaseName)} = ` })),
  };
  plans.set(meta, plan);
  return plan;
}

/** A column's value as TypeORM would persist it (a relation's referenced key, the column's transformer and type). */
function persisted(m: EntityManager, column: ColumnMetadata, row: ObjectLiteral): unknown {
  let value: unknown = column.getEntityValue(row);
  if (column.referencedColumn && typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array)) {
    return column.referencedColumn.getEntityValue(value);
  }
  value = m.connection.driver.preparePersistentValue(value, column);
  return value;
}

/**
 * The UPDATE by primary key of every column but the primary key and the creation date (undefined
 * properties left as they are, as TypeORM's update does), as SQL text with its parameters added to
 * `p` — run by `writeBack`, or used as a CTE of the caller's statement, so a command that writes
 * its row back beside other work saves a round trip.
 */
export function writeBackSql<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T, p: SqlParams): string {
  const plan = planOf(m, m.connection.getMetadata(target));
  const assignments: string[] = [];
  for (const { column, prefix } of plan.set) {
    if (column.getEntityValue(row) === undefined) continue;
    assignments.push(prefix + p.add(persisted(m, column, row)));
  }
  if (plan.version && plan.version.column.getEntityValue(row) === undefined) assignments.push(plan.version.bump);
  assignments.push(...plan.trailer);
  if (assignments.length === 0) throw new RangeError(`writeBack ${plan.table}: nothing to write`);
  const where = plan.where.map(({ column, prefix }) => {
    const key = persisted(m, column, row);
    if (key === undefined || key === null) throw new RangeError(`writeBack ${plan.table}: the row has no primary key`);
    return prefix + p.add(key);
  });
  return `UPDATE ${plan.table} SET ${assignments.join(', ')} WHERE ${where.join(' AND ')}`;
}

/**
 * The entity of a row read by the caller's own SQL (`SELECT t.*, …`): each column hydrated as
 * TypeORM's query builder would (transformer, dates), without its per-query alias bookkeeping —
 * for a hot statement whose text the caller writes once.
 */
export function hydrate<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, raw: Record<string, unknown>): T {
  const meta = m.connection.getMetadata(target);
  const d = m.connection.driver;
  const entity = meta.create(m.queryRunner, { fromDeserializer: true }) as T;
  for (const column of meta.columns) {
    if (column.isVirtualProperty) continue;
    const value = raw[column.databaseName];
    if (value === undefined) continue;
    column.setEntityValue(entity, d.prepareHydratedValue(value, column));
  }
  return entity;
}

/**
 * The INSERT of a new row (for a CTE of the caller's statement, with its parameters added to `p`):
 * every insertable column, a property left undefined taking the column's default (the creation and
 * update dates, a generated key), as TypeORM's insert writes it. The caller adds `RETURNING *` and
 * hydrates what the database filled in.
 */
export function insertSql<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, row: T, p: SqlParams): string {
  const meta = m.connection.getMetadata(target);
  const d = m.connection.driver;
  const names: string[] = [];
  const values: string[] = [];
  for (const column of meta.columns) {
    // a virtual join column (a foreign key known only through its relation) is written too: persisted() reads the related row's key
    if (column.isVirtualProperty || !column.isInsert) continue;
    names.push(d.escape(column.databaseName));
    if (column.getEntityValue(row) !== undefined) values.push(p.add(persisted(m, column, row)));
    else values.push(column.isVersion ? '1' : 'DEFAULT');
  }
  return `INSERT INTO ${planOf(m, meta).table} (${names.join(', ')}) VALUES (${values.join(', ')})`;
}
