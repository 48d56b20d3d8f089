import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * The pg Pool under a TypeORM DataSource (postgres driver). For the few hot paths that run one
 * statement outside a TypeORM transaction and gain from a named prepared statement (parsed and
 * planned once per connection): the principal lookup, the first-come-first-served grant.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.query !== 'function') throw new Error('the DataSource has no pg pool (not connected, or not postgres)');
  return pool;
}

/**
 * Runs one statement as a named prepared statement on the DataSource's pool (autocommit: the
 * statement is its own transaction). `name` must identify `text` exactly: one name, one text.
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const result = await pgPoolOf(dataSource).query<T>({ name, text, values });
  return result.rows;
}
