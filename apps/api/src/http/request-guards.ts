import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCEPTED_MEDIA_TYPES_KEY, DomainError } from '@innoserve/core';
import { localeOf } from './locale.js';
import { assertNoNul } from './nul-guard.js';
import { PROBLEM_CONTENT_TYPE, problemForStatus, toProblem } from './problem.filter.js';

/** A body in a media type the route does not take: 415. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor() {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', {
      en: 'The request body must be JSON (Content-Type: application/json).',
      zh: '请求体必须是 JSON（Content-Type: application/json）。',
    });
  }
}

const JSON_MEDIA_TYPE = /^application\/(?:[a-z0-9.!#$&^_-]+\+)?json$/;

function mediaTypeOf(request: FastifyRequest): string | undefined {
  const header = request.headers['content-type'];
  return typeof header === 'string' ? header.split(';')[0].trim().toLowerCase() : undefined;
}

/**
 * JSON only, unless the route opts in with @AcceptsMediaTypes: Fastify parses a form (Nest
 * registers that parser for every route) or plain text, and class-transformer would then build a
 * DTO from it — a cross-site form post would reach a JSON route without a CORS preflight.
 */
export function assertMediaType(request: FastifyRequest): void {
  const type = mediaTypeOf(request);
  // a multipart body is not parsed before the handler (the route streams it), so it is checked even without a body
  if (request.body === undefined && type !== 'multipart/form-data') return;
  if (type === undefined || JSON_MEDIA_TYPE.test(type)) return;
  const accepted = (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[ACCEPTED_MEDIA_TYPES_KEY];
  if (Array.isArray(accepted) && accepted.includes(type)) return;
  throw new UnsupportedMediaTypeError();
}

function hasProblemShape(json: string): boolean {
  try {
    const body = JSON.parse(json) as { code?: unknown; status?: unknown } | null;
    return typeof body?.code === 'string' && typeof body.status === 'number';
  } catch {
    return false;
  }
}

function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { problem, headers } = toProblem(error, localeOf(request.headers['accept-language']), (errorId, e, kind) =>
    kind === 'refused'
      ? request.log.warn({ errorId, err: e }, `input refused by the database ${errorId} (a validation is missing)`)
      : request.log.error({ errorId, err: e }, `unhandled error ${errorId}`),
  );
  void reply.status(problem.status).headers({ ...headers, 'content-type': PROBLEM_CONTENT_TYPE }).send(problem);
}

/** Fastify's `frameworkErrors` option: a bad URL or an over-long path parameter, before any route runs. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(error, request, reply);
}

/**
 * The HTTP guards every request passes, whatever the route (anonymous ones included), before
 * Nest's pipes see the input, and the rule that every error answer is problem+json.
 */
export function installRequestGuards(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    assertMediaType(request);
    assertNoNul({ body: request.body, query: request.query, params: request.params });
  });
  // errors Fastify raises before Nest sees the request (malformed JSON, body too large) are problems too
  fastify.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
  // the last net: an error answer some plugin wrote itself (the CORS plugin's 400 to a bare
  // OPTIONS is text/plain) still leaves as problem+json with a code
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400) return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/problem+json')) return payload;
    if (type.startsWith('application/json') && typeof payload === 'string' && hasProblemShape(payload)) {
      // a problem sent with the plain JSON type (a replayed answer, say): only the type is wrong
      void reply.header('content-type', PROBLEM_CONTENT_TYPE);
      return payload;
    }
    const text = typeof payload === 'string' && type.startsWith('text/plain') && payload.length <= 200 ? payload : undefined;
    void reply.header('content-type', PROBLEM_CONTENT_TYPE);
    reply.removeHeader('content-length');
    return JSON.stringify(problemForStatus(reply.statusCode, localeOf(request.headers['accept-language']), text));
  });
}
