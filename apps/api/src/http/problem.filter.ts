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
  408: { en: 'Request Timeout', zh: '请求超时' },
  409: { en: 'Conflict', zh: '状态冲突' },
  413: { en: 'Payload Too Large', zh: '请求体过大' },
  414: { en: 'URI Too Long', zh: '请求地址过长' },
  415: { en: 'Unsupported Media Type', zh: '不支持的媒体类型' },
  422: { en: 'Unprocessable Content', zh: '不符合业务规则' },
  429: { en: 'Too Many Requests', zh: '请求过于频繁' },
  431: { en: 'Request Header Fields Too Large', zh: '请求头过大' },
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
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * Fastify's own errors that carry the request's text in their message (the URL, the media type):
 * answered with a fixed text of ours instead, so nothing the caller sent is echoed back.
 */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; en: string; zh: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'PATH_PARAMETER_TOO_LONG',
    en: 'A path parameter is longer than 100 characters.',
    zh: '路径参数超过 100 个字符。',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'BAD_URL', en: 'The URL cannot be decoded.', zh: '无法解码请求地址。' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    en: 'The request body must be JSON (Content-Type: application/json).',
    zh: '请求体必须是 JSON（Content-Type: application/json）。',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    en: 'The Content-Length does not match the body.',
    zh: 'Content-Length 与请求体不符。',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The request body is larger than 1 MiB.', zh: '请求体超过 1 MiB。' },
};

/** The problem for a status alone (an answer some layer gave without an error object). */
export function problemForStatus(status: number, locale: 'zh' | 'en', detail?: string): Problem {
  const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
  const title = TITLES[status]?.[locale] ?? 'Error';
  return { type: `https://innoserve.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title, status, detail: detail ?? title, code };
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/**
 * The 431 for a request whose headers overflow Node's parser, written on the socket (Fastify's
 * clientErrorHandler: there is no request object yet, so no Accept-Language: both languages).
 */
export function writeClientErrorProblem(err: { code?: string }, socket: { destroyed: boolean; writable: boolean; write(s: string): unknown; destroy(e?: Error): void }): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const detail =
    status === 431
      ? 'The request headers are too large. 请求头过大。'
      : status === 408
        ? 'The request took too long to arrive. 请求超时。'
        : 'The request cannot be read. 无法解析请求。';
  const body = JSON.stringify(problemForStatus(status, 'en', detail));
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err as Error);
}

/** How an error reaches the log: `refused` is input the database refused (a 4xx, a warning), `unhandled` a 500. */
export type ProblemLog = (errorId: string, e: unknown, kind: 'refused' | 'unhandled') => void;

/**
 * Maps every error to RFC 9457 problem+json with a stable `code`. Unknown errors are 500s,
 * logged with an errorId that the client gets back.
 */
export function toProblem(error: unknown, locale: 'zh' | 'en', log: ProblemLog): { problem: Problem; headers: Record<string, string> } {
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
  const refused = pgRefusal(error);
  if (refused) {
    // bad input that slipped past validation and PostgreSQL refused: the caller's fault (a 4xx,
    // never a partial write: the transaction rolled back), logged so the validation gets fixed
    const errorId = randomUUID();
    log(errorId, error, 'refused');
    return {
      problem: {
        type: `https://innoserve.dev/problems/${refused.code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[refused.status][locale],
        status: refused.status,
        detail: `${refused.messages[locale]}${locale === 'en' ? ` (error id ${errorId})` : `（错误编号 ${errorId}）`}`,
        code: refused.code,
        errorId,
      },
      headers,
    };
  }
  const fastifyCode = (error as { code?: unknown } | null)?.code;
  const framework = typeof fastifyCode === 'string' && Object.hasOwn(FRAMEWORK_ERRORS, fastifyCode) ? FRAMEWORK_ERRORS[fastifyCode] : undefined;
  if (framework) {
    const problem = { ...problemForStatus(framework.status, locale, framework[locale]), code: framework.code };
    problem.type = `https://innoserve.dev/problems/${framework.code.toLowerCase().replace(/_/g, '-')}`;
    return { problem, headers };
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
  log(errorId, error, 'unhandled');
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

interface PgRefusal {
  status: number;
  code: string;
  messages: { en: string; zh: string };
}

const INVALID_INPUT: PgRefusal = {
  status: 400,
  code: 'INVALID_INPUT',
  messages: { en: 'A value in the request cannot be stored.', zh: '请求中的某个值无法保存。' },
};

/**
 * PostgreSQL refusals that only the request's data produces, one place for all of them: class 22
 * (data exceptions: invalid text representation 22P02, numeric out of range 22003, string too long
 * 22001, …) and class 23 (integrity constraints). A constraint is the last line behind
 * validation and the services' own checks, so reaching one means a check is missing: it is logged.
 */
const PG_REFUSALS: Record<string, PgRefusal> = {
  '23502': {
    status: 400,
    code: 'REQUIRED_VALUE_MISSING',
    messages: { en: 'A required value is missing from the request.', zh: '请求缺少必填的值。' },
  },
  '23514': {
    status: 422,
    code: 'CONSTRAINT_VIOLATED',
    messages: { en: 'A value in the request breaks a rule of the data.', zh: '请求中的某个值不符合数据规则。' },
  },
  '23505': {
    status: 409,
    code: 'ALREADY_EXISTS',
    messages: { en: 'Something with the same unique value already exists.', zh: '已存在具有相同唯一值的记录。' },
  },
  '23503': {
    status: 422,
    code: 'INVALID_REFERENCE',
    messages: { en: 'The request refers to something that does not exist, or removes something still referred to.', zh: '请求引用的对象不存在，或要删除的对象仍被引用。' },
  },
  '23P01': {
    status: 409,
    code: 'CONFLICT',
    messages: { en: 'The request conflicts with existing data.', zh: '请求与现有数据冲突。' },
  },
};

export function pgRefusal(error: unknown): PgRefusal | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null | undefined;
  const state = e?.driverError?.code ?? e?.code;
  if (typeof state !== 'string' || !/^[0-9A-Z]{5}$/.test(state)) return undefined;
  if (state.startsWith('22')) return INVALID_INPUT;
  return PG_REFUSALS[state];
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
    const { problem, headers } = toProblem(exception, localeOf(req.headers['accept-language']), (errorId, e, kind) =>
      kind === 'refused'
        ? this.logger.warn({ errorId, err: e, method: req.method, url: req.url }, `input refused by the database ${errorId} (a validation is missing)`)
        : this.logger.error({ errorId, err: e, method: req.method, url: req.url }, `unhandled error ${errorId}`),
    );
    void reply.status(problem.status).headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8' }).send(problem);
  }
}
