import { GENESIS_HASH, anchorHash, canonicalJson, entryHash, toJsonValue, type AuditEntryContent } from './audit-hash.js';

const content: AuditEntryContent = {
  streamType: 'order',
  streamId: 'o-1',
  streamSeq: 1,
  action: 'order.placed',
  actorId: null,
  occurredAt: '2025-01-01T00:00:00.000Z',
  before: null,
  after: { priceFen: '100000', status: 'requested' },
  reason: null,
  prevHash: GENESIS_HASH,
};

describe('audit hashing', () => {
  it('serializes objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('turns bigint into a decimal string and drops undefined as JSON does', () => {
    expect(toJsonValue({ fen: 9_007_199_254_740_993n, gone: undefined, list: [undefined, 1n] })).toEqual({ fen: '9007199254740993', list: [null, '1'] });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it('honours toJSON, so dates hash as ISO strings', () => {
    expect(toJsonValue({ at: new Date('2025-05-05T01:02:03.004Z') })).toEqual({ at: '2025-05-05T01:02:03.004Z' });
  });

  it('refuses circular structures', () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(() => toJsonValue(a)).toThrow(/circular/);
  });

  it('gives the same hash whatever order the keys were written in', () => {
    const reordered = { ...content, after: { status: 'requested', priceFen: '100000' } };
    expect(entryHash(reordered)).toBe(entryHash(content));
  });

  it('changes the hash when any covered field changes', () => {
    const base = entryHash(content);
    expect(entryHash({ ...content, actorId: '00000000-0000-4000-8000-000000000000' })).not.toBe(base);
    expect(entryHash({ ...content, streamSeq: 2 })).not.toBe(base);
    expect(entryHash({ ...content, prevHash: 'f'.repeat(64) })).not.toBe(base);
    expect(entryHash({ ...content, reason: '' })).not.toBe(base);
    expect(entryHash({ ...content, after: { priceFen: '100001', status: 'requested' } })).not.toBe(base);
  });

  it('chains anchors: the running hash depends on the previous anchor and the entry order', () => {
    const [h1, h2] = [entryHash(content), entryHash({ ...content, streamSeq: 2 })];
    expect(anchorHash(GENESIS_HASH, [h1, h2])).not.toBe(anchorHash(GENESIS_HASH, [h2, h1]));
    expect(anchorHash(GENESIS_HASH, [h1])).not.toBe(anchorHash('a'.repeat(64), [h1]));
    expect(anchorHash(GENESIS_HASH, [h1])).toMatch(/^[0-9a-f]{64}$/);
  });
});
