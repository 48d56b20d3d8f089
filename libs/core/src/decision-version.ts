/**
 * Staff decisions tied to the version the reviewer saw (optimistic concurrency, docs/api.md): a decision
 * may carry that version as `If-Match: "<version>"` or as `version` in the body; the service
 * compares it with the row's version under the row lock, in the decision's own transaction, and a
 * stale one is 409 STALE_VERSION with who decided meanwhile, so nothing changes. Without either,
 * the decision goes through as before (the check is optional for API clients).
 *
 * Every staff-decidable GET answers with `version` in the body and the same value as a strong
 * `ETag` (`VersionEtag()`), so a client can send back exactly what it read.
 */
import { Injectable, UseInterceptors, applyDecorators, createParamDecorator, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiHeader, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { map, type Observable } from 'rxjs';
import { ConflictError, ValidationFailedError, msg } from './errors.js';

/** What a stale decision tells the reviewer: the row as it is now and the last decision on it. */
export interface CurrentDecisionState {
  version: number;
  status: string;
  /** Who took the last decision (null: the system, or nobody yet). */
  decidedBy: string | null;
  decidedAt: Date | null;
}

export class StaleVersionError extends ConflictError {
  constructor(entity: string, seen: number, current: CurrentDecisionState) {
    super(
      'STALE_VERSION',
      msg(
        `This ${entity} changed since you opened it (you saw version ${seen}, it is now ${current.version} and ${current.status}). Reload it and decide again.`,
        `该记录在您查看后已被修改（您看到的是第 ${seen} 版，当前为第 ${current.version} 版，状态为 ${current.status}）。请刷新后重新决定。`,
      ),
      {
        currentVersion: current.version,
        // `status` is the problem's HTTP status; the entity's status goes under its own name
        currentStatus: current.status,
        decidedBy: current.decidedBy,
        decidedAt: current.decidedAt?.toISOString() ?? null,
      },
    );
  }
}

/** A version is a positive integer that fits a JSON number exactly. */
const VERSION = /^"([1-9]\d{0,14})"$/;

/**
 * The version in an `If-Match` header: undefined when absent or `*` (any version); 400 when it is
 * not one strong entity tag of ours (a weak `W/"3"`, a list, an unquoted number).
 */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).trim();
  if (value === '*') return undefined;
  const m = VERSION.exec(value);
  if (!m) {
    throw new ValidationFailedError(
      [{ field: 'If-Match', message: 'must be one entity tag of the form "<version>", e.g. "3"' }],
      msg('The If-Match header is not a version this API issued (expected "<version>", e.g. "3").', 'If-Match 请求头格式不正确，应为 "<版本号>"，例如 "3"。'),
    );
  }
  return Number(m[1]);
}

/** The version a decision expects: from If-Match or the body's `version` (400 when both are given and differ). */
export function expectedVersionOf(ifMatch: number | undefined, bodyVersion: number | undefined | null): number | undefined {
  const body = bodyVersion ?? undefined;
  if (ifMatch !== undefined && body !== undefined && ifMatch !== body) {
    throw new ValidationFailedError(
      [{ field: 'version', message: `differs from the If-Match header (${ifMatch})` }],
      msg('The If-Match header and the version in the body disagree.', 'If-Match 请求头与请求体中的 version 不一致。'),
    );
  }
  return ifMatch ?? body;
}

/**
 * Throws STALE_VERSION when `expected` is given and differs from the row's `current` version; call
 * it after locking the row. `describe` is only asked on the stale path (it may read the audit log).
 */
export async function assertCurrentVersion(entity: string, expected: number | undefined, current: number, describe: () => Promise<CurrentDecisionState>): Promise<void> {
  if (expected === undefined || expected === current) return;
  throw new StaleVersionError(entity, expected, await describe());
}

/** The strong entity tag of a version. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The parsed `If-Match` header of the request (see parseIfMatch); 400 when malformed. */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>();
  return parseIfMatch(req.headers['if-match']);
});

/** Sets `ETag: "<version>"` when the answer has a numeric `version`. */
@Injectable()
export class VersionEtagInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = ctx.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null)?.version;
        if (typeof version === 'number') reply.header('ETag', etagOf(version));
        return body;
      }),
    );
  }
}

/** A GET (or decision) whose answer carries `version`: the same value goes out as the ETag. */
export const VersionEtag = (): MethodDecorator & ClassDecorator => UseInterceptors(VersionEtagInterceptor);

/** Documents the optional If-Match of a staff decision. */
export const DecisionIfMatch = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiHeader({
      name: 'If-Match',
      required: false,
      description:
        'The version the reviewer saw, as "<version>" (the ETag of the GET). A stale one is 409 STALE_VERSION (with currentVersion, currentStatus, decidedBy, decidedAt) and changes nothing; a malformed one 400.',
    }),
    UseInterceptors(VersionEtagInterceptor),
  );

/** The optional `version` of a decision body (the same meaning as If-Match). */
export const DecisionVersionField = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The version the reviewer saw (instead of If-Match); a stale one is 409 STALE_VERSION' }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(Number.MAX_SAFE_INTEGER),
  );
