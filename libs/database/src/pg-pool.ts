import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg, { type Pool, type QueryResultRow } from 'pg';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';

/** The hot-path pool registered for a DataSource (HotPathPool), if any. */
const HOT_POOLS = new WeakMap<DataSource, Pool>();

/**
 * Session settings of the hot-path connections. Their statements are prepared once per connection
 * and run with one generic plan; that plan must not depend on how big the tables were when it was
 * made — on a fresh install the first program's tables are tiny when they are analyzed and grow by
 * thousands of rows within the opening minute, and a sequential-scan plan made then would stay.
 * Every hot statement is an index lookup, so sequential scans are ruled out here (and only here).
 * A statement that cannot finish in 15 s is cancelled (rolled back) rather than left to commit after
 * its client has given up.
 */
const HOT_SESSION = '-c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c statement_timeout=15s';

/**
 * A second, small pg pool beside TypeORM's for the few hot statements (preparedQuery): the
 * principal lookup, the applicant's facts, the first-come read and grant. Provided by
 * DatabaseModule; closed with the application.
 */
@Injectable()
export class HotPathPool implements OnModuleDestroy {
  private readonly logger = new Logger('HotPathPool');
  readonly pool: Pool;

  constructor(private readonly dataSource: DataSource) {
    const options = dataSource.options as { url?: string; extra?: { max?: number; application_name?: string } };
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.extra?.max ?? 10,
      application_name: `${options.extra?.application_name ?? 'innoserve'}-hot`,
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      options: HOT_SESSION,
    });
    // an idle connection the server ends (restart, DROP DATABASE … WITH (FORCE)) is dropped from
    // the pool; the next query opens another
    this.pool.on('error', (e) => this.logger.warn(`hot-path connection lost: ${e.message}`));
    HOT_POOLS.set(dataSource, this.pool);
  }

  async onModuleDestroy(): Promise<void> {
    if (HOT_POOLS.get(this.dataSource) === this.pool) HOT_POOLS.delete(this.dataSource);
    await this.pool.end();
  }
}

/** TypeORM's own pg Pool under a DataSource (postgres driver). */
export function pgPoolOf(dataSource: DataSource): Pool {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  if (!pool || typeof pool.query !== 'function') throw new Error('the DataSource has no pg pool (not connected, or not postgres)');
  return pool;
}

/**
 * Runs one statement as a named prepared statement (parsed and planned once per connection) on the
 * DataSource's hot-path pool (HotPathPool; TypeORM's pool where there is none, e.g. a bare
 * DataSource in a script). Autocommit: the statement is its own transaction. `name` must identify
 * `text` exactly: one name, one text.
 */
export async function preparedQuery<T extends QueryResultRow>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = HOT_POOLS.get(dataSource) ?? pgPoolOf(dataSource);
  const result = await pool.query<T>({ name, text, values });
  return result.rows;
}

const preparedNames = new Map<string, string>();

/**
 * Runs one statement of the caller's transaction (`m`, a TransactionRunner manager) as a named
 * prepared statement on its connection: parsed once per connection, and planned generically once
 * PostgreSQL finds that as good — for the long statements a command composes from several libs'
 * CTEs, whose parse and plan cost more than their execution. The name is derived from the text, so
 * one name always means one text. Outside a transaction it falls back to `m.query`.
 */
export async function queryPrepared<T>(m: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const qr = m.queryRunner as unknown as { isTransactionActive?: boolean; connect(): Promise<pg.PoolClient> } | undefined;
  if (!qr?.isTransactionActive) return m.query(text, values);
  const client = await qr.connect();
  const result = await client.query<T & QueryResultRow>({ name: preparedNameOf(text), text, values });
  return result.rows;
}

/** The name `queryPrepared` prepares `text` under (derived from the text: one name, one text). */
export function preparedNameOf(text: string): string {
  let name = preparedNames.get(text);
  if (name === undefined) {
    name = `innoserve_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (preparedNames.size < 10_000) preparedNames.set(text, name);
  }
  return name;
}
