import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the API's problem+json field errors next to their fields. Answers true when every error
 * found a field (nothing else to show), false when the caller should show the problem itself.
 * `aliases` maps API field paths to form field names where they differ.
 */
export function applyProblemToForm(form: FormInstance, error: unknown, aliases: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const fieldErrors = error.fieldErrors;
  const names = Object.keys(fieldErrors);
  if (names.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  let placed = 0;
  const fields = names.flatMap((apiName) => {
    const name = aliases[apiName] ?? apiName;
    if (!known.has(name)) return [];
    placed++;
    return [{ name, errors: fieldErrors[apiName] }];
  });
  form.setFields(fields);
  return placed === names.length;
}

/** A fresh Idempotency-Key for one user action (retries of the same action reuse it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
