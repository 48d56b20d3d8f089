import { createHash } from 'node:crypto';

/** prev_hash of the first entry of every stream, and the hash "before" the first anchor. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Turns what a caller recorded into the plain JSON value that is stored (jsonb) and hashed, so
 * the hash recomputed from the row read back equals the one computed before the insert:
 * bigint → decimal string, toJSON() honoured (Date → ISO), undefined/functions dropped as
 * JSON.stringify does, non-finite numbers → null, and strings made storable by jsonb
 * (no NUL, no lone surrogates).
 */
export function toJsonValue(value: unknown): JsonValue {
  const v = normalize(value, new Set());
  return v === undefined ? null : v;
}

function normalize(value: unknown, seen: Set<object>): JsonValue | undefined {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? (Object.is(value, -0) ? 0 : value) : null;
    case 'boolean':
      return value;
    case 'string':
      return storableString(value);
    case 'object': {
      if (value === null) return null;
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') return normalize(withToJson.toJSON(), seen);
      if (seen.has(value)) throw new TypeError('audit: before/after must not contain circular references');
      seen.add(value);
      try {
        if (Array.isArray(value)) return value.map((item) => normalize(item, seen) ?? null);
        const out: { [key: string]: JsonValue } = {};
        for (const [k, item] of Object.entries(value)) {
          const n = normalize(item, seen);
          if (n !== undefined) out[storableString(k)] = n;
        }
        return out;
      } finally {
        seen.delete(value);
      }
    }
  }
}

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** jsonb refuses NUL and lone surrogates: replace them with U+FFFD. */
export function storableString(s: string): string {
  return s.replace(UNSTORABLE, '\uFFFD');
}

/** Deterministic JSON: object keys sorted (by UTF-16 code units), no whitespace. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
}

/** The content an entry's hash covers (everything but id, hash and xact_id). */
export interface AuditEntryContent {
  streamType: string;
  streamId: string;
  streamSeq: number;
  action: string;
  actorId: string | null;
  /** ISO 8601 with milliseconds (Date.toISOString()). */
  occurredAt: string;
  before: JsonValue;
  after: JsonValue;
  reason: string | null;
  prevHash: string;
}

export function entryHash(c: AuditEntryContent): string {
  const doc: JsonValue = {
    streamType: c.streamType,
    streamId: c.streamId,
    streamSeq: c.streamSeq,
    action: c.action,
    actorId: c.actorId,
    occurredAt: c.occurredAt,
    before: c.before,
    after: c.after,
    reason: c.reason,
    prevHash: c.prevHash,
  };
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

/** Running anchor hash: the previous anchor's hash, then each covered entry's hash in id order. */
export function anchorHash(previousAnchorHash: string, entryHashes: Iterable<string>): string {
  const h = createHash('sha256').update(previousAnchorHash, 'utf8');
  for (const e of entryHashes) h.update(e, 'utf8');
  return h.digest('hex');
}
