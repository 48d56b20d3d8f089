import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './naming.js';

export interface DbOptions {
  url: string;
  poolSize?: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  applicationName?: string;
}

/** The one place that shapes TypeORM's PostgreSQL options. `synchronize` is always off here. */
export function dataSourceOptions(opts: DbOptions): DataSourceOptions {
  return {
    type: 'postgres',
    uuidExtension: 'pgcrypto', // gen_random_uuid(), built into PostgreSQL 13+
    url: opts.url,
    entities: opts.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['error'],
    extra: {
      max: opts.poolSize ?? 10,
      application_name: opts.applicationName ?? 'innoserve',
      connectionTimeoutMillis: 10_000,
    },
  };
}

/** Runs pending migrations; returns the names applied. */
export async function migrate(url: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ url, poolSize: 2, applicationName: 'innoserve-migrate' }));
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
