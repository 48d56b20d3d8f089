import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS, IdempotencyService, type IdempotencyTarget } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';

describe(IdempotencyService.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: IdempotencyService;
  const t0 = new Date('2026-03-01T08:00:00.000Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  beforeAll(async () => {
    db = await createTestDatabase({ entities: ALL_ENTITIES });
    ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities: ALL_ENTITIES, poolSize: 20 }), logging: false });
    await ds.initialize();
    store = new IdempotencyService(ds, { sweepEveryMs: Number.MAX_SAFE_INTEGER });
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  const target = (over: Partial<IdempotencyTarget> = {}): IdempotencyTarget => ({
    scope: `user:${randomUUID()}`,
    method: 'POST',
    route: '/api/v1/enterprises/:id/resubmit',
    url: `/api/v1/enterprises/${randomUUID()}/resubmit`,
    key: randomUUID(),
    requestHash: 'a'.repeat(64),
    ...over,
  });
  const rows = async (t: IdempotencyTarget) =>
    ds.query<{ id: string; status: string; request_hash: string }[]>(
      `SELECT id, status, request_hash FROM idempotency_record WHERE scope = $1 AND "key" = $2`,
      [t.scope, t.key],
    );

  it('claims a fresh key once: a repeat is in progress and another request is a reuse', async () => {
    const t = target();
    const first = await store.claim(t, t0);
    expect(first).toEqual({ kind: 'claimed', claimId: expect.any(String) });
    expect(await store.claim(t, at(1000))).toEqual({ kind: 'in_progress' });
    expect(await store.claim({ ...t, requestHash: 'b'.repeat(64) }, at(1000))).toEqual({ kind: 'reused' });
    expect(await rows(t)).toEqual([{ id: (first as { claimId: string }).claimId, status: 'in_progress', request_hash: 'a'.repeat(64) }]);
  });

  it('replays the stored status, body and headers of a completed request', async () => {
    const t = target();
    const claim = await store.claim(t, t0);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    const body = { id: 'e1', nested: { list: [1, 'two', null] }, amountFen: 12345 };
    expect(await store.complete(claim.claimId, { status: 201, body, headers: { location: '/api/v1/enterprises/e1' } })).toBe(true);
    expect(await store.claim(t, at(60_000))).toEqual({ kind: 'replay', answer: { status: 201, body, headers: { location: '/api/v1/enterprises/e1' } } });
    expect(await store.claim({ ...t, requestHash: 'c'.repeat(64) }, at(60_000))).toEqual({ kind: 'reused' });
  });

  it('tells an answer without a body from a null body', async () => {
    const empty = target();
    const nul = target();
    const c1 = await store.claim(empty, t0);
    const c2 = await store.claim(nul, t0);
    if (c1.kind !== 'claimed' || c2.kind !== 'claimed') throw new Error('not claimed');
    await store.complete(c1.claimId, { status: 204, body: undefined, headers: {} });
    await store.complete(c2.claimId, { status: 200, body: null, headers: {} });
    const r1 = await store.claim(empty, t0);
    const r2 = await store.claim(nul, t0);
    expect(r1).toEqual({ kind: 'replay', answer: { status: 204, body: undefined, headers: {} } });
    expect(r1.kind === 'replay' && 'body' in r1.answer && r1.answer.body === undefined).toBe(true);
    expect(r2).toEqual({ kind: 'replay', answer: { status: 200, body: null, headers: {} } });
  });

  it('gives a released key back so the same request can claim it again', async () => {
    const t = target();
    const first = await store.claim(t, t0);
    if (first.kind !== 'claimed') throw new Error('not claimed');
    expect(await store.release(first.claimId)).toBe(true);
    expect(await rows(t)).toEqual([]);
    const again = await store.claim(t, at(10));
    expect(again.kind).toBe('claimed');
  });

  it('scopes a key to the caller, the method and the concrete path', async () => {
    const t = target();
    expect((await store.claim(t, t0)).kind).toBe('claimed');
    expect((await store.claim({ ...t, scope: 'anonymous:10.0.0.1' }, t0)).kind).toBe('claimed');
    expect((await store.claim({ ...t, method: 'PATCH' }, t0)).kind).toBe('claimed');
    expect((await store.claim({ ...t, url: `/api/v1/enterprises/${randomUUID()}/resubmit` }, t0)).kind).toBe('claimed');
    expect((await store.claim(t, t0)).kind).toBe('in_progress');
  });

  it('ignores and overwrites a record once it has expired', async () => {
    const t = target();
    const first = await store.claim(t, t0);
    if (first.kind !== 'claimed') throw new Error('not claimed');
    await store.complete(first.claimId, { status: 201, body: { n: 1 }, headers: {} });
    expect((await store.claim({ ...t, requestHash: 'd'.repeat(64) }, at(IDEMPOTENCY_TTL_MS - 1))).kind).toBe('reused');
    const fresh = await store.claim({ ...t, requestHash: 'd'.repeat(64) }, at(IDEMPOTENCY_TTL_MS));
    expect(fresh.kind).toBe('claimed');
    expect(await rows(t)).toEqual([{ id: (fresh as { claimId: string }).claimId, status: 'in_progress', request_hash: 'd'.repeat(64) }]);
  });

  it('takes over an abandoned claim after its lease, and the late first claimant can no longer settle it', async () => {
    const t = target();
    const first = await store.claim(t, t0);
    if (first.kind !== 'claimed') throw new Error('not claimed');
    expect((await store.claim(t, at(IDEMPOTENCY_LEASE_MS - 1))).kind).toBe('in_progress');
    const second = await store.claim(t, at(IDEMPOTENCY_LEASE_MS));
    if (second.kind !== 'claimed') throw new Error('not taken over');
    expect(second.claimId).not.toBe(first.claimId);
    expect(await store.complete(first.claimId, { status: 201, body: { late: true }, headers: {} })).toBe(false);
    expect(await store.release(first.claimId)).toBe(false);
    expect(await store.complete(second.claimId, { status: 201, body: { second: true }, headers: {} })).toBe(true);
    expect(await store.claim(t, at(IDEMPOTENCY_LEASE_MS + 1))).toEqual({ kind: 'replay', answer: { status: 201, body: { second: true }, headers: {} } });
  });

  it('stores the answer in the caller\'s transaction: rolled back it leaves the claim in progress, committed it replays', async () => {
    const t = target();
    const claim = await store.claim(t, t0);
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    const answer = { status: 201, body: { id: 'o1' }, headers: { 'content-type': 'application/json' } };
    await expect(
      ds.transaction(async (m) => {
        expect(await store.complete(claim.claimId, answer, m)).toBe(true);
        // not visible outside the transaction until it commits (a repeat's claim would wait for it: the
        // answer is the handler's last write, so that wait is only the commit's)
        expect(await rows(t)).toEqual([{ id: claim.claimId, status: 'in_progress', request_hash: 'a'.repeat(64) }]);
        throw new Error('the handler failed after writing its answer');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await rows(t)).toEqual([{ id: claim.claimId, status: 'in_progress', request_hash: 'a'.repeat(64) }]);
    await ds.transaction(async (m) => {
      expect(await store.complete(claim.claimId, answer, m)).toBe(true);
    });
    expect(await store.claim(t, at(2000))).toEqual({ kind: 'replay', answer });
  });

  it('lets exactly one of many concurrent identical requests claim the key', async () => {
    const t = target();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => store.claim(t, t0)));
    expect(outcomes.filter((o) => o.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'in_progress')).toHaveLength(11);
    expect(await rows(t)).toHaveLength(1);
  });

  it('sweeps expired records and keeps live ones', async () => {
    const old = target();
    const live = target();
    await store.claim(old, at(-IDEMPOTENCY_TTL_MS - 1));
    await store.claim(live, t0);
    const swept = await store.sweepExpired(t0);
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await rows(old)).toEqual([]);
    expect(await rows(live)).toHaveLength(1);
  });
});
