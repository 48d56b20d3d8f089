// A throwaway Mailpit (a real SMTP server with an HTTP API to read what it received,
// https://github.com/axllent/mailpit) for the e-mail tests (plain ESM JavaScript: Jest's global
// setup loads it without the TypeScript build). The binary: MAILPIT_BINARY, else
// `$(go env GOPATH)/bin/mailpit` (`.ci/run` installs it with `go install github.com/axllent/mailpit@v1.33.1`).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, goBinaryPath } from './test-server-support.js';

export const MAILPIT_INSTALL = 'go install github.com/axllent/mailpit@v1.33.1';

export function mailpitBinaryPath() {
  return goBinaryPath('mailpit', 'MAILPIT_BINARY');
}

/** Starts Mailpit on free ports and waits until its API answers. Resolves to { smtpUrl, apiUrl, stop }. */
export async function startMailpit({ binary = mailpitBinaryPath(), startTimeoutMs = 20_000 } = {}) {
  if (!binary) throw new Error(`no mailpit binary (${MAILPIT_INSTALL})`);
  const smtpPort = await freePort();
  const httpPort = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-mailpit-'));
  let output = '';
  const child = spawn(binary, ['--smtp', `127.0.0.1:${smtpPort}`, '--listen', `127.0.0.1:${httpPort}`, '--database', path.join(dir, 'mail.db'), '--smtp-auth-accept-any', '--smtp-auth-allow-insecure', '--disable-version-check'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  const apiUrl = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`mailpit exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`${apiUrl}/api/v1/info`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mailpit did not start in ${startTimeoutMs} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    apiUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
