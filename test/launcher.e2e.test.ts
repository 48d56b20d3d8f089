/**
 * `npm start` end to end: the launcher starts the embedded PostgreSQL on a fresh DATA_DIR,
 * migrates, seeds, runs the api and the worker as two processes, serves /health and /docs, and
 * Ctrl-C (SIGINT to the process group) stops all of them. A SIGTERM to the launcher while a child's
 * restart is pending leaves no process of that start behind.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/** Processes whose command line or environment names `dataDir`: every api, worker and postgres of a start there. */
function processesOf(dataDir: string): { pid: number; cmd: string }[] {
  const out: { pid: number; cmd: string }[] = [];
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const env = readFileSync(`/proc/${p}/environ`, 'utf8').split('\0');
      if ((cmd.includes(dataDir) || env.includes(`DATA_DIR=${dataDir}`)) && alive(Number(p))) out.push({ pid: Number(p), cmd });
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
  return out;
}

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

  const startLauncher = async (): Promise<{ launcher: ChildProcess; port: number; output: () => string }> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), DATABASE_URL: '', LOG_LEVEL: 'warn', NODE_ENV: 'development', JWT_SECRET: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    launcher = child;
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const until = Date.now() + 90_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`launcher exited early:\n${out}`);
      if (Date.now() > until) throw new Error(`launcher not ready:\n${out}`);
      const kids = childrenOf(child.pid!);
      const health = await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status, () => 0);
      if (health === 200 && kids.some((k) => k.cmd.includes('apps/worker/src/main.js'))) break;
      await sleep(100);
    }
    return { launcher: child, port, output: () => out };
  };

  // the restart of a child is scheduled 1 s after it exits: SIGTERM lands before, around and after it
  it.each([
    ['api', 200],
    ['worker', 600],
    ['api', 950],
    ['worker', 1050],
    ['api', 1500],
  ])('leaves no process behind when the %s is killed and the launcher gets SIGTERM %i ms later', async (name, delayMs) => {
    const { launcher: l, port, output } = await startLauncher();
    const before = processesOf(dataDir);
    expect(before.some((p) => p.cmd.includes('postgres'))).toBe(true);
    const victim = childrenOf(l.pid!).find((k) => k.cmd.includes(`apps/${name}/src/main.js`))!;
    expect(victim).toBeDefined();
    process.kill(victim.pid, 'SIGTERM');
    await sleep(delayMs);
    process.kill(l.pid!, 'SIGTERM'); // the launcher alone, not its process group
    const code = await new Promise<number | null>((r) => (l.exitCode !== null ? r(l.exitCode) : l.once('exit', (c) => r(c))));
    expect(code).toBe(0);
    // the launcher waits for its children and the postmaster: nothing may be left once it has exited
    const left = processesOf(dataDir);
    expect({ left: left.map((p) => p.cmd.slice(0, 80)), output: left.length ? output() : '' }).toEqual({ left: [], output: '' });
    for (const p of before) expect(alive(p.pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    await sleep(1500); // past any restart that was pending when the signal came
    expect(processesOf(dataDir)).toEqual([]);
    expect(await fetch(`http://127.0.0.1:${port}/health/live`).then(() => 'up', () => 'down')).toBe('down');
  }, 120_000);
});
