/**
 * The launcher behind `npm start`: when DATABASE_URL is unset it starts the embedded PostgreSQL
 * (data under DATA_DIR/postgres, a free port), migrates, seeds the demo data when DEMO_SEED is on,
 * then runs the api and the worker as two supervised child processes with the resulting
 * DATABASE_URL, and stops all three cleanly on Ctrl-C or SIGTERM.
 *
 * No process of a start outlives the launcher: the signal handlers are installed before anything
 * is started; once shutdown has begun nothing is launched any more (a pending restart is
 * cancelled, and launch() refuses anyway); the startup step in progress finishes and the next is
 * skipped; the children are stopped first, then the embedded PostgreSQL, and only then does
 * start() resolve (and the process exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '@innoserve/core';
import { ensureDatabase, migrate, startEmbeddedPostgres, type EmbeddedCluster } from '@innoserve/database';
import { runDemoSeed } from '../seed/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const distRoot = path.resolve(here, '../../../..');

/** A child that exits is started again after this delay. */
const RESTART_DELAY_MS = 1000;
/** A child still running this long after SIGTERM is killed. */
const CHILD_STOP_GRACE_MS = 10_000;

function log(line: string): void {
  process.stdout.write(`[launcher] ${line}\n`);
}

export async function start(): Promise<number> {
  const t0 = Date.now();
  const config = loadConfigOrExit();
  let cluster: EmbeddedCluster | undefined;
  const children = new Map<string, ChildProcess>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const restarts: Record<string, number[]> = {};
  let stopping = false;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveDone = r));
  let resolveChildrenGone: () => void = () => undefined;
  const childrenGone = new Promise<void>((r) => (resolveChildrenGone = r));
  // settles when the startup steps (database, migrations, seed) are over or abandoned
  let startup: Promise<unknown> = Promise.resolve();

  const launch = (name: string, script: string, env: NodeJS.ProcessEnv): void => {
    if (stopping) return;
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(distRoot, script)], { env, stdio: 'inherit' });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (stopping) {
        if (children.size === 0) resolveChildrenGone();
        return;
      }
      const recent = (restarts[name] ?? []).filter((t) => Date.now() - t < 60_000);
      if (recent.length >= 5) {
        log(`${name} keeps failing (exit ${code ?? signal}); stopping`);
        void shutdown(1);
        return;
      }
      restarts[name] = [...recent, Date.now()];
      log(`${name} exited (${code ?? signal}); restarting`);
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer);
        launch(name, script, env);
      }, RESTART_DELAY_MS);
      pendingRestarts.add(timer);
    });
  };

  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // a restart scheduled before the signal must never fire now
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    if (children.size > 0) {
      log('stopping api and worker');
      for (const child of children.values()) child.kill('SIGTERM');
      const timer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), CHILD_STOP_GRACE_MS);
      await childrenGone;
      clearTimeout(timer);
    }
    // a startup step in progress (PostgreSQL starting, migrating, seeding) cannot be interrupted:
    // let it finish, so that the cluster it may have started is known and stopped below
    await startup.catch(() => undefined);
    try {
      if (cluster) {
        log('stopping embedded PostgreSQL');
        await cluster.stop();
      }
    } catch (e) {
      // the launcher must still end (a second shutdown call would return at once and never settle)
      log(`could not stop PostgreSQL cleanly: ${e instanceof Error ? e.message : String(e)}`);
      code = code || 1;
    } finally {
      resolveDone(code);
    }
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // a fault in the launcher itself still stops what it started before the process ends
  const fault = (e: unknown): void => {
    log(`launcher error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    void shutdown(1);
  };
  process.on('uncaughtException', fault);
  process.on('unhandledRejection', fault);

  const startUp = async (): Promise<NodeJS.ProcessEnv | undefined> => {
    let url = config.DATABASE_URL;
    if (!url) {
      const dataDir = path.resolve(config.DATA_DIR, 'postgres');
      log(`starting embedded PostgreSQL (data in ${dataDir})`);
      cluster = await startEmbeddedPostgres({
        dataDir,
        persistent: true,
        log: (l) => {
          if (/FATAL|PANIC|ERROR/.test(l) && !/administrator command/.test(l)) log(l.trim());
        },
      });
      if (stopping) return undefined;
      await ensureDatabase(cluster.url('postgres'), 'innoserve');
      url = cluster.localUrl('innoserve');
      log(`embedded PostgreSQL at ${url} (DATABASE_URL for npm run audit:verify / ledger:verify)`);
    }
    if (stopping) return undefined;
    const applied = await migrate(url);
    log(applied.length ? `migrations applied: ${applied.length}` : 'database schema up to date');
    if (stopping) return undefined;
    if (config.DEMO_SEED) await runDemoSeed({ ...config, DATABASE_URL: url }, log);
    if (stopping) return undefined;
    return { ...process.env, DATABASE_URL: url, JWT_SECRET: config.JWT_SECRET, DATA_DIR: config.DATA_DIR };
  };
  const started = startUp();
  startup = started;
  let env: NodeJS.ProcessEnv | undefined;
  try {
    env = await started;
  } catch (e) {
    if (stopping) return done; // the shutdown under way stops the cluster
    // a failed startup still stops the cluster it started before reporting the error
    await shutdown(1);
    throw e;
  }
  if (!env) return done; // shutdown began during startup; it stops the cluster

  launch('api', 'apps/api/src/main.js', env);
  launch('worker', 'apps/worker/src/main.js', env);
  log(`ready to serve in ${Date.now() - t0} ms; web app on http://localhost:${config.PORT}/ (API docs: /docs)`);
  return done;
}
