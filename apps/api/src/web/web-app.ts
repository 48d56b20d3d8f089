/**
 * Serves the built web application (dist/web, scripts/build-web.js) at `/`:
 *  - `/assets/*` are content-hashed file names: immutable, cached for a year;
 *  - the client routes (`/`, `/offerings/…`, `/enterprise/…`, …) answer index.html, never cached,
 *    so a new deployment is picked up on the next navigation.
 * Only the listed client routes answer HTML; everything else keeps the API's problem+json 404.
 */
import { createHash } from 'node:crypto';
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
  '/statistics',
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

/**
 * The Content-Security-Policy of the app's pages: scripts only from this origin plus the inline
 * scripts index.html carries, by their SHA-256 (no 'unsafe-inline': an injected script could
 * otherwise trade the refresh cookie for a token); Stripe.js when card payments are configured.
 */
export function webAppCsp(indexHtml: string, stripe: boolean): string {
  const hashes = [...indexHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  const stripeJs = stripe ? ' https://js.stripe.com' : '';
  return [
    `default-src 'self'`,
    `base-uri 'self'`,
    `object-src 'none'`,
    `frame-ancestors 'self'`,
    `form-action 'self'`,
    `script-src 'self' ${hashes.join(' ')}${stripeJs}`.trimEnd(),
    `style-src 'self' 'unsafe-inline'`, // Ant Design writes its styles at run time
    `img-src 'self' data:${stripe ? ' https://*.stripe.com' : ''}`,
    `font-src 'self' data:`,
    `connect-src 'self'${stripe ? ' https://api.stripe.com' : ''}`,
    `frame-src ${stripe ? 'https://js.stripe.com https://hooks.stripe.com' : `'none'`}`,
  ].join('; ');
}

export async function serveWebApp(fastify: FastifyInstance, webDir: string | null = findWebDir(), opts: { stripe?: boolean } = {}): Promise<boolean> {
  if (!webDir) return false;
  const indexHtml = await readFile(path.join(webDir, 'index.html'));
  const csp = webAppCsp(indexHtml.toString('utf8'), !!opts.stripe);
  await fastify.register(fastifyStatic, {
    root: path.join(webDir, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    cacheControl: true,
    // the build writes .br and .gz siblings of the JS and CSS: sent by Accept-Encoding (Vary set)
    preCompressed: true,
  });
  const page = (_req: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').header('content-type', 'text/html; charset=utf-8').header('content-security-policy', csp).send(indexHtml);
  for (const url of WEB_ROUTES) fastify.get(url, page);
  return true;
}
