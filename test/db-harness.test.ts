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
