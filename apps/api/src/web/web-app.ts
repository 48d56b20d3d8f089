/**
 * Serves the built web application (dist/web, scripts/build-web.js) at `/`:
 *  - `/assets/*` are content-hashed file names: immutable, cached for a year;
 *  - the client routes (`/`, `/offerings/…`, `/enterprise/…`, …) answer index.html, never cached,
 *    so a new deployment is picked up on the next navigation.
 * Only the listed client routes answer HTML; everything else keeps the API's problem+json 404.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The SPA's routes (apps/web/src/routes.ts): each answers index.html. */
export const WEB_ROUTES = [
  '/',
  '/search',
  '/login',
  '/register',
  '/unsubscribe',
  '/offerings/*',
  '/providers/*',
  '/programs',
  '/programs/*',
  '/enterprise',
  '/enterprise/*',
  '/provider',
  '/provider/*',
  '/account',
  '/account/*',
  '/admin',
  '/admin/*',
  // the links notifications carry (they redirect to the reader's portal)
  '/orders/*',
  '/claims/*',
  '/grants',
  '/enterprises/*',
  '/notifications',
] as const;

/** dist/web beside the running code (dist/apps/api/src when built, apps/api/src under Jest). */
export function findWebDir(from = path.dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'dist', 'web');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

export async function serveWebApp(fastify: FastifyInstance, webDir: string | null = findWebDir()): Promise<boolean> {
  if (!webDir) return false;
  const indexHtml = await readFile(path.join(webDir, 'index.html'));
  await fastify.register(fastifyStatic, {
    root: path.join(webDir, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
    // brotli/gzip siblings are not produced; fastify-static serves the files as they are
  });
  const page = (_req: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').header('content-type', 'text/html; charset=utf-8').send(indexHtml);
  for (const url of WEB_ROUTES) fastify.get(url, page);
  return true;
}
