// A throwaway Meilisearch server for the tests and the benchmarks (plain ESM JavaScript: Jest's
// global setup and bench/*.js load it without the TypeScript build).
//
// The binary is `<repository>/../shared/bin/meilisearch` (the version the project is tested on,
// see MEILISEARCH_VERSION in libs/search/src/meilisearch/meili-version.ts), or MEILI_BINARY.
// Each server gets a free port, its own temporary data directory and a random master key, and
// sends no analytics; stop() ends it and removes the directory.
import { execFileSync, spawn } from 'node:child_process';
import { freePort } from './test-server-support.js';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Where the binary is expected (whether or not it exists). */
export function meilisearchBinaryPath() {
  return process.env.MEILI_BINARY || path.resolve(root, '..', 'shared', 'bin', 'meilisearch');
}

/** The binary's version ("1.50.0"), or null when there is no binary. */
export function meilisearchBinaryVersion(binary = meilisearchBinaryPath()) {
  if (!existsSync(binary)) return null;
  const out = execFileSync(binary, ['--version'], { encoding: 'utf8' });
  const m = /(\d+\.\d+\.\d+)/.exec(out);
  if (!m) throw new Error(`${binary} --version printed no version: ${out}`);
  return m[1];
}


/**
 * Starts a server and waits until /health answers. Resolves to { host, masterKey, stop }.
 * `indexingThreads` defaults to 1: the test machines are small and shared with PostgreSQL.
 */
export async function startMeilisearch({ binary = meilisearchBinaryPath(), indexingThreads = 1, startTimeoutMs = 30_000, log = 'WARN' } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-meili-'));
  const port = await freePort();
  const masterKey = randomBytes(24).toString('hex');
  const host = `http://127.0.0.1:${port}`;
  let stderr = '';
  const child = spawn(
    binary,
    [
      '--db-path', path.join(dir, 'data.ms'),
      '--dump-dir', path.join(dir, 'dumps'),
      '--snapshot-dir', path.join(dir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--master-key', masterKey,
      '--env', 'development',
      '--no-analytics',
      '--max-indexing-threads', String(indexingThreads),
      '--log-level', log,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr.on('data', (c) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  // a crashed test run must not leave the server behind
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`meilisearch (${binary}) exited with ${child.exitCode} while starting:\n${stderr}`);
    }
    try {
      const res = await fetch(`${host}/health`);
      if (res.ok && (await res.json()).status === 'available') break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`meilisearch (${binary}) not healthy after ${startTimeoutMs} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { host, masterKey, pid: child.pid, stop };
}
