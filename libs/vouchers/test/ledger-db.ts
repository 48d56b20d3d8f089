// Test support: a fresh real PostgreSQL database (cloned template) with the ledger's append-only triggers.
import { DataSource } from 'typeorm';
import { newId } from '@innoserve/core';
import { TransactionRunner, dataSourceOptions } from '@innoserve/database';
import { createTestDatabase, type TemplateOptions, type TestDatabase } from '@innoserve/database/testing';
import { LEDGER_TRIGGERS_SQL, LedgerService, LedgerVerifier } from '@innoserve/vouchers';

export interface LedgerTestDb {
  db: TestDatabase;
  ds: DataSource;
  tx: TransactionRunner;
  ledger: LedgerService;
  verifier: LedgerVerifier;
  close(): Promise<void>;
}

/** `entities`: every entity of the app (ALL_ENTITIES), for the TEST_SCHEMA_SYNC template. */
export async function openLedgerTestDb(entities: TemplateOptions['entities'], poolSize = 10): Promise<LedgerTestDb> {
  const db = await createTestDatabase({ entities });
  const ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities, poolSize }), logging: false });
  await ds.initialize();
  // migrations will carry these; on a synchronized template they are applied here
  await ds.query(LEDGER_TRIGGERS_SQL);
  return {
    db,
    ds,
    tx: new TransactionRunner(ds),
    ledger: new LedgerService(),
    verifier: new LedgerVerifier(ds),
    async close() {
      await ds.destroy();
      await db.drop();
    },
  };
}

/** A unique idempotency key. */
export const key = (label = 'k'): string => `${label}:${newId()}`;

/** The common command fields of a test movement. */
export const cmd = (reference = 'test', actorId: string | null = null) => ({ reference, actorId, idempotencyKey: key(reference) });
