// Test support: a fresh real PostgreSQL database (cloned template) with SEARCH_SQL applied.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TemplateOptions, type TestDatabase } from '@innoserve/database/testing';
import { SEARCH_ENTITIES, SEARCH_SQL } from '@innoserve/search';

export interface SearchTestDb {
  db: TestDatabase;
  ds: DataSource;
  close(): Promise<void>;
}

/** `all`: every entity of the app (ALL_ENTITIES), for the TEST_SCHEMA_SYNC template. */
export async function openSearchTestDb(all: TemplateOptions['entities'], poolSize = 12): Promise<SearchTestDb> {
  // the search entities even if the app's list lacks them for a moment
  const entities: TemplateOptions['entities'] = Array.isArray(all) ? [...new Set([...(all as unknown[]), ...SEARCH_ENTITIES])] as typeof all : all;
  const db = await createTestDatabase({ entities });
  const ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities, poolSize }), logging: false });
  await ds.initialize();
  // the migration will carry this; on a synchronized template it is applied here
  await ds.query(SEARCH_SQL);
  return {
    db,
    ds,
    async close() {
      await ds.destroy();
      await db.drop();
    },
  };
}
