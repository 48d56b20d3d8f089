import { canonicalJson, isValidIdempotencyKey, requestFingerprint } from './idempotency-key.js';

describe(isValidIdempotencyKey.name, () => {
  it('accepts 1 to 200 visible ASCII characters', () => {
    expect(isValidIdempotencyKey('a')).toBe(true);
    expect(isValidIdempotencyKey('3f9c1a2e-7d4b-4c1e-9a0b-1c2d3e4f5a6b')).toBe(true);
    expect(isValidIdempotencyKey('!~#$%&*+/=?^_`{|}')).toBe(true);
    expect(isValidIdempotencyKey('k'.repeat(200))).toBe(true);
  });

  it('refuses empty, oversized, spaced, control and non-ASCII keys', () => {
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('k'.repeat(201))).toBe(false);
    expect(isValidIdempotencyKey('two words')).toBe(false);
    expect(isValidIdempotencyKey('tab\there')).toBe(false);
    expect(isValidIdempotencyKey('line\nbreak')).toBe(false);
    expect(isValidIdempotencyKey('幂等')).toBe(false);
    expect(isValidIdempotencyKey('del\x7f')).toBe(false);
  });
});

describe(canonicalJson.name, () => {
  it('sorts object keys at every level but keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
    expect(canonicalJson({ a: { c: null, d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], c: null } }));
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('drops undefined properties like JSON does and renders a missing body as null', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('renders dates and bigints as strings', () => {
    expect(canonicalJson({ at: new Date('2026-01-02T03:04:05.000Z'), fen: 12n })).toBe('{"at":"2026-01-02T03:04:05.000Z","fen":"12"}');
  });

  it('reads objects without a prototype (parsed query strings)', () => {
    const q = Object.assign(Object.create(null) as Record<string, string>, { z: '1', a: '2' });
    expect(canonicalJson(q)).toBe('{"a":"2","z":"1"}');
  });
});

describe(requestFingerprint.name, () => {
  it('is the same for the same request whatever the key order', () => {
    expect(requestFingerprint('s', { body: { a: 1, b: 2 } })).toBe(requestFingerprint('s', { body: { b: 2, a: 1 } }));
    expect(requestFingerprint('s', { body: { a: 1 } })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when the body, the query or the secret differs', () => {
    const base = requestFingerprint('s', { query: {}, body: { a: 1 } });
    expect(requestFingerprint('s', { query: {}, body: { a: 2 } })).not.toBe(base);
    expect(requestFingerprint('s', { query: { dryRun: 'true' }, body: { a: 1 } })).not.toBe(base);
    expect(requestFingerprint('other', { query: {}, body: { a: 1 } })).not.toBe(base);
  });

  it('treats a missing body and a missing query as empty', () => {
    expect(requestFingerprint('s', {})).toBe(requestFingerprint('s', { query: {}, body: null }));
  });
});
