// What the throwaway test servers (scripts/meilisearch-server.js, stripe-mock.js, s3-server.js)
// share: a free local port, and finding a binary that `go install` / `go build` put in GOPATH/bin.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * A TCP port free on 127.0.0.1 below Linux's ephemeral range (32768 up): a server that binds its
 * port some time after it was picked cannot lose it to an outbound connection meanwhile.
 */
export async function freeLowPort(from = 20_000, to = 32_000) {
  for (let tries = 0; tries < 200; tries++) {
    const port = from + Math.floor(Math.random() * (to - from));
    const free = await new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

/** A Go-built binary: the path in `envVar` when set, else $(go env GOPATH)/bin, ~/go/bin, then PATH; null when none exists. */
export function goBinaryPath(name, envVar) {
  if (process.env[envVar]) return existsSync(process.env[envVar]) ? process.env[envVar] : null;
  const candidates = [];
  try {
    candidates.push(path.join(execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim(), 'bin', name));
  } catch {
    /* no Go here */
  }
  candidates.push(path.join(os.homedir(), 'go', 'bin', name));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(path.join(dir, name));
  return candidates.find((c) => existsSync(c)) ?? null;
}
