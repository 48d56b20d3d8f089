// A throwaway S3-compatible server for the tests: SeaweedFS (`weed mini`, Apache-2.0), a real S3
// implementation rather than an imitation of one. Plain ESM JavaScript for Jest's global setup.
// The binary: WEED_BINARY, else `$(go env GOPATH)/bin/weed` (.ci/run builds it from the Go module
// proxy; see SEAWEEDFS_VERSION), else weed on PATH. One server per test run, anonymous access,
// one bucket, its own data directory.
import { spawn } from 'node:child_process';
import { freeLowPort, goBinaryPath } from './test-server-support.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';

export function weedBinaryPath() {
  return goBinaryPath('weed', 'WEED_BINARY');
}


/** Starts `weed mini` with an S3 endpoint on a free port and waits until the bucket answers. Resolves to { endpoint, bucket, stop }. */
export async function startS3Server({ binary = weedBinaryPath(), bucket = 'innoserve-test', startTimeoutMs = 60_000 } = {}) {
  if (!binary) throw new Error('no SeaweedFS binary (weed)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'innoserve-s3-'));
  // every port picked free (and the gRPC ones too: their default is the HTTP port + 10000, which
  // may not exist), the extra services (WebDAV, Iceberg, Lance) off, so parallel runs never collide;
  // below the ephemeral range, as weed binds some of them late (it refuses to start otherwise)
  const ports = [];
  while (ports.length < 10) {
    const p = await freeLowPort();
    if (!ports.includes(p)) ports.push(p);
  }
  const [s3, master, volume, filer, adminPort, s3Grpc, masterGrpc, volumeGrpc, filerGrpc, adminGrpc] = ports;
  let output = '';
  const child = spawn(
    binary,
    [
      'mini', `-dir=${dir}`, '-ip=127.0.0.1', '-ip.bind=127.0.0.1',
      `-s3.port=${s3}`, `-s3.port.grpc=${s3Grpc}`, '-s3.port.iceberg=0', '-s3.port.lance=0',
      `-master.port=${master}`, `-master.port.grpc=${masterGrpc}`,
      `-volume.port=${volume}`, `-volume.port.grpc=${volumeGrpc}`,
      `-filer.port=${filer}`, `-filer.port.grpc=${filerGrpc}`,
      '-admin.ui=false', `-admin.port=${adminPort}`, `-admin.port.grpc=${adminGrpc}`, '-admin.port.legacy=0',
      '-webdav=false', `-bucket=${bucket}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' } },
  );
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  const endpoint = `http://127.0.0.1:${s3}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`weed exited (${child.exitCode}): ${output}`);
    try {
      const res = await fetch(`${endpoint}/${bucket}`);
      if (res.status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`SeaweedFS did not serve the bucket within ${startTimeoutMs} ms: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    bucket,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
