// Shared by the HTTP benchmarks (bench/orders.js, bench/reports.js): the real API as its own process
// on a given database (as `npm start` runs it), a keep-alive HTTP client for it, a fixed-concurrency
// runner and percentiles.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/**
 * Starts dist/apps/api (built beforehand) on `port` against `dbUrl`, with `admin` as the bootstrap
 * administrator, and waits for a green /health. `cpuProf`: a V8 CPU profile of the API process,
 * written to bench/.profiles/ when it stops. Returns the process, the client and stop().
 */
export async function startApi({ port, dbUrl, dir, admin, env = {}, cpuProf = false }) {
  const proc = spawn(process.execPath, [...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench/.profiles')}`] : []), path.join(root, 'dist/apps/api/src/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: dbUrl,
      JWT_SECRET: 'benchmark-secret-benchmark-secret-benchmark-secret',
      ADMIN_EMAIL: admin.email,
      ADMIN_PASSWORD: admin.password,
      THROTTLE_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      CORS_ORIGINS: 'http://localhost',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
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
  async function must(method, url, body, token, raw) {
    const r = await call(method, url, body, token, raw);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${url} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
  const login = async (email, password) => (await must('POST', '/api/v1/auth/login', { email, password })).accessToken;
  async function stop() {
    agent.destroy();
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    }
  }

  for (let i = 0; ; i++) {
    try {
      if ((await fetch(base + '/health')).status === 200) break;
    } catch {
      /* starting */
    }
    if (i >= 600 || proc.exitCode !== null) {
      await stop();
      throw new Error('the API did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, base, call, must, login, stop };
}

/** Runs fn(0 … n−1) with at most `concurrency` in flight. */
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
