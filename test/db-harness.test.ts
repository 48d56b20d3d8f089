import pg from 'pg';
import { createTestDatabase } from '@innoserve/database/testing';

describe('test database harness', () => {
  it('clones a migrated template into a fresh real PostgreSQL database', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    expect(Number(rows[0].server_version.split('.')[0])).toBeGreaterThanOrEqual(14);
    await client.end();
    await db.drop();
  });
});

describe('the migrated schema', () => {
  it('makes the audit tables append-only with triggers', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'trg_audit_%' ORDER BY tgname`);
    expect(rows.map((r) => r.tgname)).toEqual([
      'trg_audit_anchor_append_only',
      'trg_audit_anchor_no_truncate',
      'trg_audit_entry_append_only',
      'trg_audit_entry_no_truncate',
    ]);
    await expect(client.query(`TRUNCATE audit_entry`)).rejects.toThrow(/append-only/);
    await client.end();
    await db.drop();
  });

  it('makes the ledger transactions and entries append-only with triggers', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ tgname: string }>(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'trg_ledger_%' ORDER BY tgname`);
    expect(rows.map((r) => r.tgname)).toEqual([
      'trg_ledger_entry_append_only',
      'trg_ledger_entry_no_truncate',
      'trg_ledger_transaction_append_only',
      'trg_ledger_transaction_no_truncate',
    ]);
    await expect(client.query(`TRUNCATE ledger_entry`)).rejects.toThrow(/append-only/);
    await client.end();
    await db.drop();
  });
});

describe('the search indexes', () => {
  it('are created by the migrations (GIN on the tsvector, trigram on terms)', async () => {
    const db = await createTestDatabase();
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE indexname IN ('search_document_tsv_idx', 'search_term_trgm_idx') ORDER BY indexname`,
    );
    expect(rows.map((r) => r.indexname)).toEqual(['search_document_tsv_idx', 'search_term_trgm_idx']);
    const ext = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext.rowCount).toBe(1);
    await client.end();
    await db.drop();
  });
});
