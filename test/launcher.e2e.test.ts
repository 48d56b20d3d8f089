/**
 * `npm start` end to end: the launcher starts the embedded PostgreSQL on a fresh DATA_DIR,
 * migrates, seeds, runs the api and the worker as two processes, serves /health and /docs, and
 * Ctrl-C (SIGINT to the process group) stops all of them.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@innoserve/database';
import { DEMO_PASSWORD, DEMO_STAFF } from '../apps/cli/src/seed/demo-data.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push({ pid: Number(p), cmd: readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}
/** Running (a zombie waiting for init to reap it has exited). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('the launcher (npm start)', () => {
  let dataDir: string;
  let launcher: ChildProcess | undefined;
  let log = '';

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'ignore' });
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-launch-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    if (launcher?.pid && alive(launcher.pid)) process.kill(-launcher.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a green /health and /docs from embedded PostgreSQL, and Ctrl-C stops every process', async () => {
    const port = await freePort();
    launcher = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development', JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    launcher.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    launcher.stderr!.on('data', (d: Buffer) => (log += d.toString()));
    const started = Date.now();
    let health: any;
    while (Date.now() - started < 90_000) {
      if (launcher.exitCode !== null) throw new Error(`launcher exited early:\n${log}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/health`);
        if (res.status === 200) {
          health = await res.json();
          break;
        }
      } catch {
        /* not listening yet */
      }
      await sleep(100);
    }
    expect(health?.checks?.migrations).toBe('applied');
    const docs = await fetch(`http://127.0.0.1:${port}/docs`);
    expect(docs.status).toBe(200);
    // the demo seed ran and its logins work
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_STAFF[0].email, password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    expect(log).toContain('demo logins');
    const kids = childrenOf(launcher.pid!);
    expect(kids.some((k) => k.cmd.includes('apps/api/src/main.js'))).toBe(true);
    expect(kids.some((k) => k.cmd.includes('apps/worker/src/main.js'))).toBe(true);
    const postgres = kids.filter((k) => k.cmd.includes('postgres'));
    // the JWT secret was generated and kept under DATA_DIR
    expect(readFileSync(path.join(dataDir, 'jwt-secret'), 'utf8').trim().length).toBeGreaterThanOrEqual(32);

    process.kill(-launcher.pid!, 'SIGINT');
    const code = await new Promise<number | null>((r) => launcher!.once('exit', (c) => r(c)));
    expect(code).toBe(0);
    // every process is gone (allow a loaded machine a few seconds to reap them)
    const waitUntil = Date.now() + 10_000;
    while ([...kids, ...postgres].some((k) => alive(k.pid)) && Date.now() < waitUntil) await sleep(100);
    for (const k of [...kids, ...postgres]) expect({ cmd: k.cmd.slice(0, 60), alive: alive(k.pid) }).toEqual({ cmd: k.cmd.slice(0, 60), alive: false });
    const after = await fetch(`http://127.0.0.1:${port}/health`).then(() => 'up', () => 'down');
    expect(after).toBe('down');
  }, 120_000);
});
