/**
 * Boots the real API (Fastify, every module, global pipes and filters) on a fresh database cloned
 * from the migrated template, and talks to it over HTTP injection (no port needed).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type AppConfig, type Clock } from '@innoserve/core';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { ALL_ENTITIES } from '../../apps/cli/src/schema.js';

export interface TestResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
  text: string;
  /** The body as sent (a file's bytes). */
  bytes: Buffer;
}

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: AppConfig;
  request<T = any>(method: string, url: string, opts?: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string | Buffer }): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

export async function testConfig(url: string, env: Record<string, string> = {}): Promise<AppConfig> {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'innoserve-data-')),
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    LOG_LEVEL: 'silent',
    THROTTLE_ENABLED: 'false',
    DB_POOL_SIZE: '5',
    ...env,
  });
}

export async function startTestApp(opts: { env?: Record<string, string>; clock?: Clock; webDir?: string } = {}): Promise<TestApp> {
  const db = await createTestDatabase({ entities: ALL_ENTITIES });
  const config = await testConfig(db.url, opts.env);
  const app = await createApiApp(config, { clock: opts.clock, quiet: true, webDir: opts.webDir ?? process.env.INNOSERVE_TEST_WEB_DIR });
  const fastify = app.getHttpAdapter().getInstance();
  return {
    app,
    db,
    config,
    async request(method, url, o = {}) {
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      let payload: string | Buffer | undefined;
      if (o.rawBody !== undefined) payload = o.rawBody;
      else if (o.body !== undefined) {
        payload = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fastify.inject({ method: method as 'GET', url, headers, payload });
      let body: any = undefined;
      try {
        body = res.body ? JSON.parse(res.body) : undefined;
      } catch {
        body = undefined;
      }
      return { status: res.statusCode, headers: res.headers, body, text: res.body, bytes: res.rawPayload };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
