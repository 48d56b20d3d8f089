import { createHmac } from 'node:crypto';

/** An Idempotency-Key is 1–200 visible ASCII characters (no spaces, no control characters). */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 200;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

function canonical(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(canonical);
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return canonical(withToJson.toJSON()); // Date, Buffer
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
  return out;
}

/** JSON with object keys sorted at every level, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value)) ?? 'null';
}

/**
 * What identifies "the same request" behind one key: the parsed query and body. Keyed with a
 * server secret (HMAC) because bodies can carry passwords and an unkeyed hash of one is a
 * guessable password hash.
 */
export function requestFingerprint(secret: string, request: { query?: unknown; body?: unknown }): string {
  return createHmac('sha256', secret)
    .update(canonicalJson({ query: request.query ?? {}, body: request.body ?? null }))
    .digest('hex');
}
