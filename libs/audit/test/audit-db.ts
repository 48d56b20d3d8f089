// Test support: a fresh real PostgreSQL database (cloned template) with the audit triggers applied.
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TemplateOptions, type TestDatabase } from '@innoserve/database/testing';
import { AUDIT_TRIGGERS_SQL } from '@innoserve/audit';

export interface AuditTestDb {
  db: TestDatabase;
  ds: DataSource;
  close(): Promise<void>;
}

/** `entities`: every entity of the app (ALL_ENTITIES), for the TEST_SCHEMA_SYNC template. */
export async function openAuditTestDb(entities: TemplateOptions['entities'], poolSize = 30): Promise<AuditTestDb> {
  const db = await createTestDatabase({ entities });
  const ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities, poolSize }), logging: false });
  await ds.initialize();
  // migrations will carry these; on a synchronized template they are applied here
  await ds.query(AUDIT_TRIGGERS_SQL);
  return {
    db,
    ds,
    async close() {
      await ds.destroy();
      await db.drop();
    },
  };
}
