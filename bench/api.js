// The real API as its own process for a benchmark that wants one handle on it (bench/reports.js):
// bench/support.js's process, health wait and keep-alive client, with stop() and login().
import { httpClient, spawnApi } from './support.js';

/**
 * Starts dist/apps/api (built beforehand) on `port` against `dbUrl`, with `admin` as the bootstrap
 * administrator, and waits for a green /health (refusing when the process exits first).
 * Returns the process, the client, login() and stop().
 */
export async function startApi({ port, dbUrl, dir, admin, env = {}, webDir }) {
  const proc = spawnApi({ port, dbUrl, dir, secret: 'benchmark-secret-benchmark-secret-benchmark-secret', admin, env, webDir });
  const base = `http://127.0.0.1:${port}`;
  const { agent, call, must } = httpClient(base);
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
