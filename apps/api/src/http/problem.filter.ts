import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, TooManyRequestsError } from '@innoserve/core';
import { localeOf } from './locale.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
  errorId?: string;
  [key: string]: unknown;
}

const TITLES: Record<number, { en: string; zh: string }> = {
  400: { en: 'Bad Request', zh: '请求无效' },
  401: { en: 'Unauthorized', zh: '未登录' },
  403: { en: 'Forbidden', zh: '无权访问' },
  404: { en: 'Not Found', zh: '未找到' },
  405: { en: 'Method Not Allowed', zh: '不支持的方法' },
  406: { en: 'Not Acceptable', zh: '无法接受' },
  409: { en: 'Conflict', zh: '状态冲突' },
  413: { en: 'Payload Too Large', zh: '请求体过大' },
  415: { en: 'Unsupported Media Type', zh: '不支持的媒体类型' },
  422: { en: 'Unprocessable Content', zh: '不符合业务规则' },
  429: { en: 'Too Many Requests', zh: '请求过于频繁' },
  500: { en: 'Internal Server Error', zh: '服务器内部错误' },
  503: { en: 'Service Unavailable', zh: '服务暂不可用' },
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Maps every error to RFC 9457 problem+json with a stable `code`. Unknown errors are 500s,
 * logged with an errorId that the client gets back.
 */
export function toProblem(error: unknown, locale: 'zh' | 'en', log: (errorId: string, e: unknown) => void): { problem: Problem; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  if (error instanceof DomainError) {
    if (error instanceof TooManyRequestsError) headers['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    const problem: Problem = {
      type: `https://innoserve.dev/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
      title: TITLES[error.status]?.[locale] ?? 'Error',
      status: error.status,
      detail: error.messages[locale],
      code: error.code,
      ...(error.extra ?? {}),
    };
    if (error.errors?.length) problem.errors = error.errors;
    return { problem, headers };
  }
  const pgState = pgDataException(error);
  if (pgState) {
    // bad input that slipped past validation and PostgreSQL refused: the caller's fault, logged to fix the validation
    const errorId = randomUUID();
    log(errorId, error);
    return {
      problem: {
        type: 'https://innoserve.dev/problems/invalid-input',
        title: TITLES[400][locale],
        status: 400,
        detail: locale === 'en' ? `A value in the request cannot be stored (error id ${errorId}).` : `请求中的某个值无法保存（错误编号 ${errorId}）。`,
        code: 'INVALID_INPUT',
        errorId,
      },
      headers,
    };
  }
  const status = httpStatusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    const code = HTTP_CODES[status] ?? 'BAD_REQUEST';
    const detail =
      status === 404
        ? locale === 'en' ? 'No such resource.' : '请求的资源不存在。'
        : status === 400
          ? locale === 'en' ? `The request could not be read: ${messageOf(error)}` : `无法解析请求：${messageOf(error)}`
          : messageOf(error);
    return {
      problem: { type: `https://innoserve.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[status]?.[locale] ?? 'Error', status, detail, code },
      headers,
    };
  }
  const errorId = randomUUID();
  log(errorId, error);
  return {
    problem: {
      type: 'https://innoserve.dev/problems/internal-error',
      title: TITLES[500][locale],
      status: 500,
      detail: locale === 'en' ? `Something went wrong on our side. Quote error id ${errorId}.` : `服务器出现错误，请提供错误编号 ${errorId}。`,
      code: 'INTERNAL_ERROR',
      errorId,
    },
    headers,
  };
}

/** PostgreSQL "data exception" states that only bad input produces (class 22). */
const PG_INPUT_STATES = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22012']);
function pgDataException(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && PG_INPUT_STATES.has(code) ? code : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const e = error as { statusCode?: unknown; status?: unknown };
  if (typeof e?.statusCode === 'number') return e.statusCode;
  return undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof HttpException) {
    const r = error.getResponse();
    if (typeof r === 'string') return r;
    const m = (r as { message?: unknown }).message;
    return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { problem, headers } = toProblem(exception, localeOf(req.headers['accept-language']), (errorId, e) =>
      this.logger.error({ errorId, err: e, method: req.method, url: req.url }, `unhandled error ${errorId}`),
    );
    void reply.status(problem.status).headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8' }).send(problem);
  }
}
