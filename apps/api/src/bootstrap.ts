import 'reflect-metadata';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import { NestFactory } from '@nestjs/core';
import fastifyMultipart from '@fastify/multipart';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import { createPino, PinoNestLogger } from '@innoserve/core';
import type { Clock, AppConfig } from '@innoserve/core';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './http/validation.js';
import { documentProblems } from './http/openapi-problems.js';
import { writeClientErrorProblem } from './http/problem.filter.js';
import { frameworkErrorHandler, installRequestGuards } from './http/request-guards.js';
import { securityHeaders } from './http/security-headers.js';
import { findWebDir, serveWebApp } from './web/web-app.js';

export interface ApiAppOptions {
  clock?: Clock;
  /** Keep Nest's own logger quiet (tests). */
  quiet?: boolean;
  /** Do not serve dist/web at `/` (tests that need the API alone). */
  noWebApp?: boolean;
  /** Serve the web app from this directory instead of dist/web (browser tests building their own). */
  webDir?: string;
}

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Innoserve API')
    .setDescription('Innovation-service marketplace with government voucher subsidies (科技创新券). Amounts are integer fen; errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  return documentProblems(SwaggerModule.createDocument(app, config));
}

export interface ServedRoute {
  method: string;
  url: string;
}
const servedRoutes = new WeakMap<object, ServedRoute[]>();

/** Every method + path the application serves (for the route-walking tests). */
export function listRoutes(app: NestFastifyApplication): ServedRoute[] {
  return [...(servedRoutes.get(app) ?? [])];
}

/** The Content-Security-Policy: our own origin, plus Stripe.js when card payments are configured. */
function helmetOptions(stripe: boolean): FastifyHelmetOptions {
  const stripeJs = stripe ? ['https://js.stripe.com'] : [];
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: [`'self'`],
        styleSrc: [`'self'`, `'unsafe-inline'`],
        imgSrc: [`'self'`, 'data:', ...(stripe ? ['https://*.stripe.com'] : [])],
        scriptSrc: [`'self'`, `'unsafe-inline'`, ...stripeJs],
        frameSrc: stripe ? ['https://js.stripe.com', 'https://hooks.stripe.com'] : [`'none'`],
        connectSrc: [`'self'`, ...(stripe ? ['https://api.stripe.com'] : [])],
      },
    },
  };
}

/** Trust the first n proxies in front of the api (a hop count). */
const hops = (n: number) => (_address: string, hop: number) => hop < n;

/** Builds the configured API application (used by main.ts and by the e2e tests). */
export async function createApiApp(config: AppConfig, opts: ApiAppOptions = {}): Promise<NestFastifyApplication> {
  if (!config.DATABASE_URL) throw new Error('createApiApp needs DATABASE_URL (the launcher provides it)');
  const logger = createPino(opts.quiet ? { ...config, LOG_LEVEL: 'silent' } : config);
  const adapter = new FastifyAdapter({
    trustProxy: typeof config.trustProxy === 'number' ? hops(config.trustProxy) : config.trustProxy,
    bodyLimit: 1024 * 1024,
    loggerInstance: logger,
    // a bad URL, an over-long path parameter (414) and oversize headers (431) are problem+json too
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler: writeClientErrorProblem,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { clock: opts.clock }), adapter, {
    // req.rawBody: Stripe's webhook signature is computed over the exact bytes
    rawBody: true,
    logger: opts.quiet ? false : new PinoNestLogger(logger),
  });
  // multipart bodies (POST /files) are streamed by the route itself, within FILES_MAX_BYTES
  await app.register(fastifyMultipart, { limits: { fileSize: config.FILES_MAX_BYTES, files: 2, parts: 12 } });
  // answers over 1 KB go compressed when the client accepts it (a page of 50 claims is ~10× smaller
  // on a slow line); brotli at a quality cheap enough to run per request; the web app's assets are
  // sent precompressed by serveWebApp and left alone (they carry their Content-Encoding already)
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });
  const fastify = app.getHttpAdapter().getInstance();
  const routes: ServedRoute[] = [];
  fastify.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  servedRoutes.set(app, routes);
  installRequestGuards(fastify);
  // @fastify/helmet's headers, computed once (the plugin would rebuild them on every request)
  const helmetHeaders = await securityHeaders(helmetOptions(!!config.STRIPE_SECRET_KEY));
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of helmetHeaders) reply.raw.setHeader(name, value);
    done();
  });
  app.enableCors({ origin: config.corsOrigins, credentials: true });
  app.setGlobalPrefix('api/v1', { exclude: ['health', 'health/live'] });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  // the web application (dist/web), when it has been built
  if (!opts.noWebApp) await serveWebApp(fastify, opts.webDir ?? findWebDir(), { stripe: !!config.STRIPE_SECRET_KEY });
  SwaggerModule.setup('docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  await fastify.ready();
  return app;
}
