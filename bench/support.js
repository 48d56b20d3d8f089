// What the HTTP benchmarks (rush.js, orders.js) share: the build, the API as a separate process on
// the embedded PostgreSQL, a keep-alive HTTP client, a fixed-concurrency pool, percentiles and the
// CPU used by the API, PostgreSQL and the load generator.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** A numeric command-line option (`--name 400`), else `def`. */
export function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

/** Builds dist/ (the benchmarks run the compiled API, as `npm start` does). */
export function build() {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { stdio: 'ignore' });
}

/**
 * The API in production mode as a separate process on `dbUrl`, listening on `port`; with
 * `--cpu-prof` on the command line, a V8 CPU profile of it is written to bench/.profiles/ when it
 * stops. `env` adds to (or overrides) the benchmark's settings.
 */
export function spawnApi({ port, dbUrl, dir, secret, admin, env = {}, webDir }) {
  const cpuProf = process.argv.includes('--cpu-prof');
  // webDir: serve a web app built for this run (scripts/build-web.js --out-dir) rather than dist/web,
  // which a concurrent build may replace mid-run; otherwise main.js exactly as `npm start` runs it
  const entry = webDir
    ? ['--input-type=module', '-e', `
    const { loadConfigOrExit } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/libs/core/src/index.js')).href)});
    const { createApiApp } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist/apps/api/src/bootstrap.js')).href)});
    const config = loadConfigOrExit();
    const app = await createApiApp(config, { webDir: ${JSON.stringify(webDir)} });
    await app.listen({ port: config.PORT, host: config.HOST });`]
    : [path.join(root, 'dist/apps/api/src/main.js')];
  return spawn(process.execPath, [...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench/.profiles')}`] : []), ...entry], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET: secret,
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      THROTTLE_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      CORS_ORIGINS: 'http://localhost',
      ...env,
    },
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Stops the load generator's agent, the API and the cluster, and removes the run's directory. */
export async function stopAll({ agent, api, cluster, dir }) {
  agent.destroy();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Waits (up to 20 s) until the API at `base` answers /health. */
export async function waitHealthy(base) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(base + '/health')).status === 200) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The load generator's HTTP client for the API at `base`: node:http with a keep-alive agent (it
 * shares the machine: cheaper per request than fetch). `call` answers { status, body }; `must`
 * throws unless the status is in `ok` (default: any 2xx). `raw` sends a prepared body ({ body, type }).
 */
export function httpClient(base) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  function call(method, url, body, token, raw) {
    return new Promise((resolve, reject) => {
      const payload = raw ? raw.body : body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        base + url,
        {
          method,
          agent,
          headers: {
            ...(payload === undefined ? {} : { 'content-type': raw ? raw.type : 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            try {
              resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
            } catch (e) {
              reject(e);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  async function must(method, url, body, token, { ok, raw } = {}) {
    const r = await call(method, url, body, token, raw);
    if (ok ? !ok.includes(r.status) : r.status < 200 || r.status > 299) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  /** Uploads a small PDF as `token`'s user (a licence, a certificate); answers the file id. */
  async function uploadPdf(token, name = 'document.pdf') {
    const boundary = `----bench${Math.random().toString(16).slice(2)}`;
    const pdf = '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';
    const body = [`--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`, 'Content-Type: application/pdf', '', pdf, `--${boundary}--`, ''].join('\r\n');
    return (await must('POST', '/api/v1/files', undefined, token, { raw: { body, type: `multipart/form-data; boundary=${boundary}` } })).id;
  }
  return { agent, call, must, uploadPdf };
}

/** Runs fn(0 … n-1) with `concurrency` calls in flight. */
export async function pool(n, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
}

/** The p-th percentile of an ascending array. */
export const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

const TICK = 100; // USER_HZ
function statOf(pid) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(rest[1]), self: (Number(rest[11]) + Number(rest[12])) / TICK, reaped: (Number(rest[13]) + Number(rest[14])) / TICK };
  } catch {
    return null;
  }
}

/**
 * A function that answers the CPU seconds used so far by the API process (`apiPid`), by PostgreSQL
 * (the postmaster of the cluster in `pgDataDir`, its live and reaped backends) and by this load
 * generator: where the time goes.
 */
export function cpuMeter(pgDataDir, apiPid) {
  return () => {
    const pm = Number(readFileSync(path.join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    let pgCpu = 0;
    for (const e of readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      const s = statOf(Number(e));
      if (s && s.ppid === pm) pgCpu += s.self;
    }
    const pms = statOf(pm);
    pgCpu += pms ? pms.self + pms.reaped : 0;
    const u = process.cpuUsage();
    return { api: statOf(apiPid)?.self ?? 0, pg: pgCpu, loadgen: (u.user + u.system) / 1e6 };
  };
}

/** VACUUM (ANALYZE) of the database (after the setup, before the measured run). */
export async function vacuumAnalyze(dbUrl) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  await c.query('VACUUM (ANALYZE)');
  await c.end();
}
