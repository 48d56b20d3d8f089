import { Injectable, Logger, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { Clock, InjectConfig, ValidationFailedError, type AppConfig } from '@innoserve/core';
import {
  IdempotencyKeyInProgressError,
  IdempotencyKeyReusedError,
  IdempotencyService,
  InvalidIdempotencyKeyError,
  SKIP_IDEMPOTENCY,
  TransactionRunner,
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotentAnswer,
} from '@innoserve/database';
import type { Principal } from '@innoserve/identity';
import { localeOf } from './locale.js';
import { toProblem } from './problem.filter.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const MAX_URL_LENGTH = 2000;

/**
 * Idempotency-Key on state-changing requests (docs/api.md): the same key with the same request replays
 * the first answer without running the handler again; with another request it is 422
 * IDEMPOTENCY_KEY_REUSED; while the first is still running, 409 IDEMPOTENCY_KEY_IN_PROGRESS.
 * Keys are scoped to the caller, the method and the concrete path. Interceptors run after the
 * guards, so the principal is known; pipes (validation) run after this, inside the handler call.
 *
 * Exactly once: the claim is autocommitted (concurrent repeats see it at once); then the handler
 * runs inside one unit of work (TransactionRunner: every transaction the handler's services open
 * joins it), and the answer — status, body, headers — is written into the claimed record in that
 * same transaction before it commits. A crash after the commit leaves a
 * completed record that replays the committed answer; a crash before it rolls the handler's writes
 * back with the answer. A serialization failure or deadlock runs the whole handler again.
 *
 * Answers kept: successes and definite refusals (4xx except 429) — a refusal after the unit of work
 * was rolled back, so it leaves no partial write. A 500 or a 429 gives the key back so the client
 * can retry with it. Ignored: reads, routes marked @SkipIdempotency(), and multipart uploads (their
 * body is a stream this cannot fingerprint).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly store: IdempotencyService;
  private readonly tx: TransactionRunner;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
  ) {
    this.store = new IdempotencyService(dataSource);
    this.tx = new TransactionRunner(dataSource);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest & { user?: Partial<Principal> }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = req.headers['idempotency-key'];
    if (header === undefined || !STATE_CHANGING.has(req.method)) return next.handle();
    if (this.reflector.getAllAndOverride<boolean | undefined>(SKIP_IDEMPOTENCY, [context.getHandler(), context.getClass()])) {
      return next.handle();
    }
    // a multipart body is streamed to the handler, so it cannot be fingerprinted: uploads ignore the key
    if (String(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/')) return next.handle();
    const key = Array.isArray(header) ? header.join(', ') : header;
    if (!isValidIdempotencyKey(key)) throw new InvalidIdempotencyKeyError();
    const url = req.url.split('?')[0];
    if (url.length > MAX_URL_LENGTH) throw new ValidationFailedError([{ field: 'url', message: `the path is longer than ${MAX_URL_LENGTH} characters` }]);

    const userId = req.user?.userId;
    const outcome = await this.store.claim(
      {
        scope: typeof userId === 'string' ? `user:${userId}` : `anonymous:${req.ip}`,
        method: req.method,
        route: (req.routeOptions.url ?? url).slice(0, 500),
        url,
        key,
        requestHash: requestFingerprint(this.config.JWT_SECRET, { query: req.query, body: req.body }),
      },
      this.clock.now(),
    );
    switch (outcome.kind) {
      case 'reused':
        throw new IdempotencyKeyReusedError();
      case 'in_progress':
        throw new IdempotencyKeyInProgressError();
      case 'replay': {
        const { status, body, headers } = outcome.answer;
        void reply.status(status).headers({ ...headers, 'idempotent-replayed': 'true' });
        return of(body);
      }
      case 'claimed':
        return from(this.runClaimed(outcome.claimId, req, reply, next));
    }
  }

  /**
   * Runs the handler in one unit of work and writes its answer into the claimed record there. A
   * handler whose answer cannot be replayed (it wrote the reply itself, or answered a stream)
   * commits its work and gives the key back.
   */
  private async runClaimed(claimId: string, req: FastifyRequest, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    try {
      return await this.tx.run(async (manager) => {
        // next.handle() is called here, inside the unit of work, so the handler's transactions join it
        const body = await lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined });
        const answer = answerOf(reply, body);
        const settled = answer ? await this.store.complete(claimId, answer, manager) : await this.store.release(claimId, manager);
        // the claim's lease ran out and another request took the key over: roll this run back, that one answers
        if (!settled) throw new IdempotencyKeyInProgressError();
        return body;
      });
    } catch (error) {
      await this.settleFailure(claimId, req, error);
      throw error;
    }
  }

  /**
   * After the unit of work failed (rolled back, or its commit's fate unknown): a 4xx is a definite
   * answer and is kept; anything else gives the key back. Neither touches a record that was
   * completed by a commit that happened after all.
   */
  private async settleFailure(claimId: string, req: FastifyRequest, error: unknown): Promise<void> {
    try {
      const { problem } = toProblem(error, localeOf(req.headers['accept-language']), () => undefined);
      if (problem.status >= 500 || problem.status === 429) await this.store.release(claimId);
      else await this.store.complete(claimId, { status: problem.status, body: problem, headers: { 'content-type': PROBLEM_CONTENT_TYPE } });
    } catch (e) {
      this.logger.error(`could not settle idempotency claim ${claimId}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** The answer to keep for replays, or null when it cannot be replayed. */
function answerOf(reply: FastifyReply, body: unknown): IdempotentAnswer | null {
  if (reply.sent || !isReplayable(body) || reply.statusCode >= 500) return null;
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'location', 'etag']) {
    const v = reply.getHeader(name);
    if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return { status: reply.statusCode, body, headers };
}

function isReplayable(body: unknown): boolean {
  if (body instanceof StreamableFile || Buffer.isBuffer(body) || body instanceof Uint8Array) return false;
  if (body !== null && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe === 'function') return false;
  return typeof body !== 'function' && typeof body !== 'symbol' && typeof body !== 'bigint';
}
