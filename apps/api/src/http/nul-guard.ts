import { ValidationFailedError, type FieldError } from '@innoserve/core';

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the input is refused up front with a
 * 400 naming the field, before any validation or SQL sees it.
 */
export function findNulFields(value: unknown, path = '', out: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path || '(body)', message: `${path || 'value'} must not contain the NUL character` });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNulFields(v, `${path}[${i}]`, out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) out.push({ field: p, message: 'field names must not contain the NUL character' });
      findNulFields(v, p, out);
    }
  }
  return out;
}

export function assertNoNul(parts: { body?: unknown; query?: unknown; params?: unknown }): void {
  const errors = [...findNulFields(parts.body), ...findNulFields(parts.query), ...findNulFields(parts.params)];
  if (errors.length) throw new ValidationFailedError(errors.slice(0, 20));
}
