import { DomainError, ValidationFailedError, type FieldError } from '@innoserve/core';

/**
 * How deeply a request's JSON may nest. Our deepest DTO is four levels; 64 leaves room for
 * free-form JSON and stops a body nested thousands of levels deep before anything recursive
 * (class-transformer, class-validator, the pipes' own walks, canonical JSON) sees it.
 */
export const MAX_INPUT_DEPTH = 64;

/** A body (or query) nested deeper than MAX_INPUT_DEPTH: 400 INPUT_TOO_DEEP. */
export class InputTooDeepError extends DomainError {
  constructor(field: string) {
    super(
      400,
      'INPUT_TOO_DEEP',
      {
        en: `The request nests deeper than ${MAX_INPUT_DEPTH} levels.`,
        zh: `请求的嵌套层级超过 ${MAX_INPUT_DEPTH} 层。`,
      },
      [{ field, message: `${field} nests deeper than ${MAX_INPUT_DEPTH} levels` }],
    );
  }
}

const MAX_REPORTED = 20;

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the input is refused up front with a
 * 400 naming the field, before any validation or SQL sees it. The walk keeps its own stack: its
 * depth never becomes the call stack's, and nesting beyond MAX_INPUT_DEPTH is refused.
 */
export function findNulFields(root: unknown, rootPath = ''): FieldError[] {
  const out: FieldError[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0 && out.length < MAX_REPORTED) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) out.push({ field: path || '(body)', message: `${path || 'value'} must not contain the NUL character` });
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw new InputTooDeepError(path || '(body)');
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    const entries: [string, unknown][] = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i];
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) out.push({ field: p, message: 'field names must not contain the NUL character' });
      stack.push({ value: v, path: p, depth: depth + 1 });
    }
  }
  return out;
}

/** Refuses input nested too deeply (400 INPUT_TOO_DEEP) or holding a NUL (400 VALIDATION_FAILED). */
export function assertNoNul(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const errors = [...findNulFields(parts.body), ...findNulFields(parts.query), ...findNulFields(parts.params)];
  if (errors.length) throw new ValidationFailedError(errors.slice(0, MAX_REPORTED));
}
