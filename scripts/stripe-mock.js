// A throwaway stripe-mock (Stripe's own mock of its API, https://github.com/stripe/stripe-mock) for
// the tests (plain ESM JavaScript: Jest's global setup loads it without the TypeScript build).
// The binary: STRIPE_MOCK_BINARY, else `$(go env GOPATH)/bin/stripe-mock` (`.ci/run` installs it with
// `go install github.com/stripe/stripe-mock@v0.203.0`), else stripe-mock on PATH.
import { spawn } from 'node:child_process';
import { freePort, goBinaryPath } from './test-server-support.js';

export const STRIPE_MOCK_INSTALL = 'go install github.com/stripe/stripe-mock@v0.203.0';

/** Where the binary is, or null. */
export function stripeMockBinaryPath() {
  return goBinaryPath('stripe-mock', 'STRIPE_MOCK_BINARY');
}


/** Starts stripe-mock over plain HTTP on a free port and waits until it answers. Resolves to { url, stop }. */
export async function startStripeMock({ binary = stripeMockBinaryPath(), startTimeoutMs = 20_000 } = {}) {
  if (!binary) throw new Error(`no stripe-mock binary (${STRIPE_MOCK_INSTALL})`);
  const port = await freePort();
  // HTTPS too, on a port of its own: left to its default (12112), two runs on one machine collide
  const httpsPort = await freePort();
  let output = '';
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`${url}/v1/balance`, { headers: { authorization: 'Bearer sk_test_123' } });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stripe-mock did not answer within ${startTimeoutMs} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
