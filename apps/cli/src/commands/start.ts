/**
 * The launcher behind `npm start`: when DATABASE_URL is unset it starts the embedded PostgreSQL
 * (data under DATA_DIR/postgres, a free port), migrates, seeds the demo data when DEMO_SEED is on,
 * then runs the api and the worker as two supervised child processes with the resulting
 * DATABASE_URL, and stops all three cleanly on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfigOrExit } from '@innoserve/core';
import { ensureDatabase, migrate, startEmbeddedPostgres, type EmbeddedCluster } from '@innoserve/database';
import { runDemoSeed } from '../seed/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const distRoot = path.resolve(here, '../../../..');

function log(line: string): void {
  process.stdout.write(`[launcher] ${line}\n`);
}

export async function start(): Promise<number> {
  const t0 = Date.now();
  const config = loadConfigOrExit();
  let cluster: EmbeddedCluster | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(config.DATA_DIR, 'postgres');
    log(`starting embedded PostgreSQL (data in ${dataDir})`);
    cluster = await startEmbeddedPostgres({ dataDir, persistent: true, log: (l) => {
        if (/FATAL|PANIC|ERROR/.test(l) && !/administrator command/.test(l)) log(l.trim());
      },
    });
    await ensureDatabase(cluster.url('postgres'), 'innoserve');
    url = cluster.localUrl('innoserve');
    log(`embedded PostgreSQL at ${url} (DATABASE_URL for npm run audit:verify / ledger:verify)`);
  }
  const applied = await migrate(url);
  log(applied.length ? `migrations applied: ${applied.length}` : 'database schema up to date');
  if (config.DEMO_SEED) await runDemoSeed({ ...config, DATABASE_URL: url }, log);

  const env = { ...process.env, DATABASE_URL: url, JWT_SECRET: config.JWT_SECRET, DATA_DIR: config.DATA_DIR };
  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const restarts: Record<string, number[]> = {};
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((r) => (resolveExit = r));

  const launch = (name: string, script: string): void => {
    const child = spawn(process.execPath, ['--enable-source-maps', path.join(distRoot, script)], { env, stdio: 'inherit' });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (stopping) {
        if (children.size === 0) resolveExit(0);
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
      setTimeout(() => launch(name, script), 1000);
    });
  };

  const shutdown = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log('stopping api and worker');
    for (const child of children.values()) child.kill('SIGTERM');
    const timer = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 10_000);
    if (children.size > 0) await exited;
    clearTimeout(timer);
    if (cluster) {
      log('stopping embedded PostgreSQL');
      await cluster.stop();
    }
    resolveExit(code);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  launch('api', 'apps/api/src/main.js');
  launch('worker', 'apps/worker/src/main.js');
  log(`ready to serve in ${Date.now() - t0} ms; api on http://localhost:${config.PORT} (docs: /docs)`);
  return exited;
}
