import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/**
 * Puts the API's problem+json field errors next to their fields. Answers true when every error
 * found a field (nothing else to show), false when the caller should show the problem itself.
 * `aliases` maps API field paths to form field names where they differ. Paths into lists
 * (`qualifications[0].certificateFileId`) reach the list's field when the form has the list.
 * `messages` replaces the API's (English, technical) field message for a problem code with the
 * reader's words (e.g. FILE_NOT_FOUND → "upload the file again").
 */
export function applyProblemToForm(form: FormInstance, error: unknown, aliases: Record<string, string> = {}, messages: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError)) return false;
  const fieldErrors = error.fieldErrors;
  const names = Object.keys(fieldErrors);
  if (names.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const override = messages[error.code];
  let placed = 0;
  const fields = names.flatMap((apiName) => {
    const path = fieldPath(aliases[apiName] ?? apiName);
    if (!known.has(String(path[0]))) return [];
    placed++;
    return [{ name: path.length === 1 ? path[0] : path, errors: override ? [override] : fieldErrors[apiName] }];
  });
  form.setFields(fields);
  return placed === names.length;
}

/** `a[0].b` → ['a', 0, 'b'] (a form's name path). */
export function fieldPath(apiName: string): (string | number)[] {
  return apiName
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** A fresh Idempotency-Key for one user action (retries of the same action reuse it). */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * An Idempotency-Key for one user action: kept while the answer is unknown (a network failure, a
 * 5xx, 429, or the first request still running may be retried with it: the API replays or waits),
 * renewed once the API answered a 4xx (the key is spent on that answer; corrected input is another
 * request, which the same key would have refused as IDEMPOTENCY_KEY_REUSED).
 */
export function useIdempotencyKey(): { key: string; settle(error: unknown): void } {
  const [key, setKey] = useState(idempotencyKey);
  return {
    key,
    settle: (error: unknown) => {
      if (keySpentOn(error)) setKey(idempotencyKey());
    },
  };
}

/** Whether the API stored this answer under the key (a decided 4xx), so a retry needs a new key. */
export function keySpentOn(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429 && error.code !== 'IDEMPOTENCY_KEY_IN_PROGRESS';
}
