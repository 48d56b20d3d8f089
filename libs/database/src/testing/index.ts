/**
 * Test database helpers: the Jest global setup starts one PostgreSQL cluster per run (embedded,
 * or the server in TEST_DATABASE_URL); the first file that asks builds a migrated template
 * database (under an advisory lock), and each test file clones it with CREATE DATABASE ... TEMPLATE,
 * so files run in parallel on real PostgreSQL.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { dataSourceOptions, migrate } from '../data-source.js';

function serverUrl(): string {
  const url = process.env.INNOSERVE_TEST_PG_SERVER;
  if (!url) throw new Error('INNOSERVE_TEST_PG_SERVER is not set: run tests through jest (global setup)');
  return url;
}

export function templateName(): string {
  return process.env.INNOSERVE_TEST_TEMPLATE ?? 'innoserve_template';
}

export function databaseUrl(name: string): string {
  const u = new URL(serverUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TemplateOptions {
  /**
   * Development aid only, while entities run ahead of the committed migrations: set
   * TEST_SCHEMA_SYNC=1 to synchronize these entities onto the template. CI never sets it, and
   * the drift check fails when entities and migrations disagree.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
}

async function ensureTemplate(opts: TemplateOptions): Promise<void> {
  const tpl = templateName();
  await admin(async (c) => {
    await c.query('SELECT pg_advisory_lock(4242)');
    try {
      const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [tpl]);
      if (rowCount) return;
      const building = `${tpl}_building`;
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}"`);
      const url = databaseUrl(building);
      await migrate(url);
      if (process.env.TEST_SCHEMA_SYNC === '1' && opts.entities) {
        const ds = new DataSource({ ...dataSourceOptions({ url, entities: opts.entities }), synchronize: true });
        await ds.initialize();
        await ds.destroy();
      }
      await c.query(`ALTER DATABASE "${building}" RENAME TO "${tpl}"`);
    } finally {
      await c.query('SELECT pg_advisory_unlock(4242)');
    }
  });
}

/** A fresh database cloned from the migrated template. */
export async function createTestDatabase(opts: TemplateOptions = {}): Promise<TestDatabase> {
  await ensureTemplate(opts);
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(async (c) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName()}"`);
        return;
      } catch (e) {
        // another file cloning at the same instant holds the template: try again shortly
        if ((e as { code?: string }).code === '55006' && attempt < 100) {
          await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
          continue;
        }
        throw e;
      }
    }
  });
  return {
    name,
    url: databaseUrl(name),
    drop: () => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

export { seededRandom, insertRows, type Queryable } from './bulk.js';
