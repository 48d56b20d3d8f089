import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_STATUSES_EXTENSION } from '@innoserve/core';

type Operation = {
  parameters?: { in?: string }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, unknown>;
  [PROBLEM_STATUSES_EXTENSION]?: number[];
};

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const BODY_METHODS = new Set(['put', 'post', 'patch', 'delete']);

/** RFC 9457 problem details, as every error answer of the API carries them (problem.filter.ts). */
const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', example: 'https://innoserve.dev/problems/validation-failed' },
    title: { type: 'string', example: '请求无效' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 400 },
    detail: { type: 'string', example: '请求参数不正确。' },
    code: { type: 'string', description: 'Stable machine-readable code', example: 'VALIDATION_FAILED' },
    errors: {
      type: 'array',
      description: 'The fields at fault (400 VALIDATION_FAILED and some 422s)',
      items: { type: 'object', required: ['field', 'message'], properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
    errorId: { type: 'string', format: 'uuid', description: 'Quote it to support; the server log has the details' },
  },
  additionalProperties: true,
};

/** The problem answers (4xx, and a 503 a route names) and why an operation can give them. */
const PROBLEMS: Record<string, string> = {
  '400': 'Invalid input: a parameter or the body fails validation, nests deeper than 64 levels or holds a NUL (VALIDATION_FAILED, INPUT_TOO_DEEP, INVALID_INPUT, …)',
  '401': 'No valid access token (UNAUTHENTICATED)',
  '403': 'The caller may not do this (FORBIDDEN and more specific codes)',
  '404': 'No such resource, or none the caller may see (NOT_FOUND)',
  '409': 'The state forbids it or another change came first (ILLEGAL_TRANSITION, ALREADY_EXISTS, …)',
  '413': 'The body is larger than 1 MiB (PAYLOAD_TOO_LARGE)',
  '414': 'A path parameter is longer than 100 characters (PATH_PARAMETER_TOO_LONG)',
  '415': 'The body is not JSON (UNSUPPORTED_MEDIA_TYPE)',
  '422': 'Well-formed, but a business rule refuses it (the code names the rule)',
  '429': 'Too many requests; see Retry-After (TOO_MANY_REQUESTS)',
  '503': 'The answer could not be computed in time; try again later (the code names what timed out)',
};

/** Which of PROBLEMS an operation can give, from what the document already says about it. */
export function problemStatusesOf(method: string, op: Operation): string[] {
  const statuses = ['400', '429', ...(op[PROBLEM_STATUSES_EXTENSION] ?? []).map(String)];
  const hasPathParams = (op.parameters ?? []).some((p) => p.in === 'path');
  if ((op.security ?? []).length > 0) statuses.push('401', '403');
  if (hasPathParams) statuses.push('404', '414');
  // a body names other things by id (a provider, a category), which may not exist
  if (BODY_METHODS.has(method)) statuses.push('404', '409', '413', '415', '422');
  return [...new Set(statuses)].sort();
}

/**
 * Documents the error answers of every operation: a shared `Problem` schema and one response per
 * 4xx status, added to each operation from its shape (authenticated, path parameters, a method
 * that takes a body), so a new route is covered without a decorator; @ApiProblems adds the ones
 * a route gives for reasons of its own. Answers an operation already documents are left as they are.
 */
export function documentProblems(doc: OpenAPIObject): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Problem: PROBLEM_SCHEMA };
  const responses: Record<string, unknown> = { ...doc.components.responses };
  for (const [status, description] of Object.entries(PROBLEMS)) {
    responses[`Problem${status}`] = { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
  }
  doc.components.responses = responses as NonNullable<OpenAPIObject['components']>['responses'];
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      for (const status of problemStatusesOf(method, op)) op.responses[status] ??= { $ref: `#/components/responses/Problem${status}` };
      delete op[PROBLEM_STATUSES_EXTENSION];
    }
  }
  return doc;
}
