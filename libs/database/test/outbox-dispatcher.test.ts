import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { dataSourceOptions, OutboxDispatcher, OutboxMessage, OutboxService, outboxStats, withOutboxLane } from '@innoserve/database';

describe(OutboxDispatcher.name, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const outbox = new OutboxService();

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource(dataSourceOptions({ url: db.url, entities: [OutboxMessage], poolSize: 6 }));
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });
  beforeEach(async () => {
    await ds.query('DELETE FROM outbox_message');
  });

  const rows = () => ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });

  it('hands committed rows to their handler once, in order, and marks them done', async () => {
    await ds.transaction(async (m) => {
      await outbox.enqueue(m, 'test.a', { n: 1 });
      await outbox.enqueue(m, 'test.a', { n: 2 });
    });
    const seen: unknown[] = [];
    const d = new OutboxDispatcher(ds);
    d.register('test.a', async (p) => void seen.push(p.n));
    expect(await d.runOnce()).toBe(2);
    expect(await d.runOnce()).toBe(0);
    expect(seen).toEqual([1, 2]);
    expect((await rows()).map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('never sees a row whose transaction rolled back', async () => {
    await expect(
      ds.transaction(async (m) => {
        await outbox.enqueue(m, 'test.a', { n: 1 });
        throw new Error('the command failed');
      }),
    ).rejects.toThrow('the command failed');
    expect(await rows()).toEqual([]);
  });

  it('retries a failing handler with backoff and ends in the dead-letter state after maxAttempts', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.flaky', { n: 1 }));
    let calls = 0;
    const d = new OutboxDispatcher(ds, { maxAttempts: 3, backoffMs: () => 0 });
    d.register('test.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await d.runOnce();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom 1' });
    await d.runOnce();
    await d.runOnce();
    [row] = await rows();
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'boom 3' });
    expect(calls).toBe(3);
    expect((await outboxStats(ds)).dead).toBe(1);
    await d.runOnce();
    expect(calls).toBe(3); // dead letters are not retried
  });

  it('waits out the backoff before the next attempt', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.slow', { n: 1 }));
    let calls = 0;
    const d = new OutboxDispatcher(ds, { backoffMs: () => 60_000 });
    d.register('test.slow', async () => {
      calls++;
      throw new Error('not yet');
    });
    await d.runOnce();
    await d.runOnce();
    expect(calls).toBe(1);
    const [row] = await rows();
    expect(row.availableAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('shares the queue between workers without handing a row to two of them', async () => {
    await ds.transaction(async (m) => {
      for (let i = 0; i < 40; i++) await outbox.enqueue(m, 'test.shared', { n: i });
    });
    const seen: number[] = [];
    const make = () => {
      const d = new OutboxDispatcher(ds, { batchSize: 10 });
      d.register('test.shared', async (p) => {
        await new Promise((r) => setTimeout(r, 2));
        seen.push(p.n as number);
      });
      return d;
    };
    const a = make();
    const b = make();
    for (let i = 0; i < 4; i++) await Promise.all([a.runOnce(), b.runOnce()]);
    expect(seen.length).toBe(40);
    expect(new Set(seen).size).toBe(40);
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('runs handlers outside any transaction, the batch claimed and leased before they start', async () => {
    await ds.transaction(async (m) => {
      for (let i = 0; i < 3; i++) await outbox.enqueue(m, 'test.net', { n: i });
    });
    const seen: { inTransaction: number; states: string[] }[] = [];
    const d = new OutboxDispatcher(ds);
    d.register('test.net', async () => {
      const [{ n }] = await ds.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      const states = (await rows()).map((r) => `${r.status}:${r.leaseUntil !== null}`);
      seen.push({ inTransaction: n, states });
    });
    expect(await d.runOnce('user')).toBe(3);
    expect(seen).toHaveLength(3);
    for (const s of seen) expect(s).toEqual({ inTransaction: 0, states: ['processing:true', 'processing:true', 'processing:true'] });
    expect((await rows()).map((r) => [r.status, r.leaseUntil, r.leaseToken])).toEqual([
      ['done', null, null],
      ['done', null, null],
      ['done', null, null],
    ]);
  });

  it('gives a whole batch to a batch handler and retries only the messages it reports as failed', async () => {
    await ds.transaction(async (m) => {
      for (let i = 0; i < 5; i++) await outbox.enqueue(m, 'test.batch', { n: i });
    });
    const calls: number[][] = [];
    const d = new OutboxDispatcher(ds, { backoffMs: () => 0 });
    d.register('test.batch', {
      batch: async (messages) => {
        calls.push(messages.map((x) => x.payload.n as number));
        return { failed: new Map(messages.filter((x) => x.payload.n === 3 && x.attempts === 1).map((x) => [x.id, new Error('engine refused #3')])) };
      },
    });
    expect(await d.runOnce('user')).toBe(5);
    expect((await rows()).map((r) => r.status)).toEqual(['done', 'done', 'done', 'pending', 'done']);
    expect((await rows())[3]).toMatchObject({ attempts: 1, lastError: 'engine refused #3' });
    expect(await d.runOnce('user')).toBe(1);
    expect(calls).toEqual([[0, 1, 2, 3, 4], [3]]);
    expect((await rows()).every((r) => r.status === 'done')).toBe(true);
  });

  it("hands out one aggregate's messages one at a time and in order, other aggregates in parallel, across workers", async () => {
    await ds.transaction(async (m) => {
      for (let i = 0; i < 6; i++) for (const key of ['a', 'b', 'c']) await outbox.enqueue(m, 'test.ordered', { key, n: i }, { orderingKey: `agg:${key}` });
    });
    const inFlight = new Map<string, number>();
    let overlapSameKey = 0;
    let parallelKeys = 0;
    const order: Record<string, number[]> = { a: [], b: [], c: [] };
    const make = () => {
      const d = new OutboxDispatcher(ds, { batchSize: 10 });
      d.register('test.ordered', async (p) => {
        const key = p.key as string;
        if ((inFlight.get(key) ?? 0) > 0) overlapSameKey++;
        inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
        if ([...inFlight.values()].filter((v) => v > 0).length > 1) parallelKeys++;
        await sleep(5);
        order[key].push(p.n as number);
        inFlight.set(key, inFlight.get(key)! - 1);
      });
      return d;
    };
    const a = make();
    const b = make();
    // the first claim takes only the head of each aggregate
    for (let round = 0; round < 10; round++) await Promise.all([a.runOnce('user'), b.runOnce('user')]);
    expect(overlapSameKey).toBe(0);
    expect(parallelKeys).toBeGreaterThan(0);
    expect(order).toEqual({ a: [0, 1, 2, 3, 4, 5], b: [0, 1, 2, 3, 4, 5], c: [0, 1, 2, 3, 4, 5] });
  });

  it('delivers a batch again when its worker dies (its lease is no longer renewed and runs out)', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.crash', { n: 1 }));
    // the dying worker has connections of its own, which go away with it
    const dying = new DataSource(dataSourceOptions({ url: db.url, entities: [OutboxMessage], poolSize: 2 }));
    await dying.initialize();
    let release!: () => void;
    const stuck = new OutboxDispatcher(dying, { leaseMs: 300 });
    stuck.register('test.crash', () => new Promise<void>((r) => (release = r)));
    const first = stuck.runOnce('user');
    await sleep(100);
    expect((await rows())[0]).toMatchObject({ status: 'processing', attempts: 1 });
    await dying.destroy();
    const handled: unknown[] = [];
    const second = new OutboxDispatcher(ds, { leaseMs: 60_000 });
    second.register('test.crash', async (p) => void handled.push(p.n));
    expect(await second.runOnce('user')).toBe(0); // still leased
    await sleep(400);
    expect(await second.runOnce('user')).toBe(1);
    expect(handled).toEqual([1]);
    expect((await rows())[0]).toMatchObject({ status: 'done', attempts: 2 });
    release();
    await expect(first).rejects.toThrow();
  });

  it('refuses the settle of a worker whose batch was taken from it', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.late', { n: 1 }));
    let release!: () => void;
    const late = new OutboxDispatcher(ds, { leaseMs: 3000 }); // renews every second: not within this test's window
    late.register('test.late', () => new Promise<void>((r) => (release = r)));
    const first = late.runOnce('user');
    await sleep(100);
    await ds.query(`UPDATE outbox_message SET lease_until = now() - interval '1 second'`); // as if the lease had run out
    const second = new OutboxDispatcher(ds);
    second.register('test.late', async () => undefined);
    expect(await second.runOnce('user')).toBe(1);
    const [done] = await rows();
    expect(done).toMatchObject({ status: 'done', attempts: 2 });
    release(); // the first worker comes back: its settle finds the lease gone and changes nothing
    expect(await first).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'done', attempts: 2, processedAt: done.processedAt, leaseToken: null });
  });

  it('renews the lease while a slow handler runs, so no other worker takes the batch meanwhile', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.slow-one', { n: 1 }));
    const slow = new OutboxDispatcher(ds, { leaseMs: 300 });
    let calls = 0;
    slow.register('test.slow-one', async () => {
      calls++;
      await sleep(1000); // more than three leases
    });
    const other = new OutboxDispatcher(ds, { leaseMs: 300 });
    other.register('test.slow-one', async () => void calls++);
    const first = slow.runOnce('user');
    for (let i = 0; i < 8; i++) {
      await sleep(100);
      expect(await other.runOnce('user')).toBe(0);
    }
    await first;
    expect(calls).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('ends a message that keeps killing its worker in the dead-letter state', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.poison', { n: 1 }));
    await ds.query(`UPDATE outbox_message SET status = 'processing', attempts = 3, lease_until = now() - interval '1 second', lease_token = gen_random_uuid()`);
    const d = new OutboxDispatcher(ds, { maxAttempts: 3 });
    d.register('test.poison', async () => undefined);
    expect(await d.runOnce('user')).toBe(0);
    expect((await rows())[0]).toMatchObject({ status: 'dead', lastError: 'the worker handling it stopped (lease expired)' });
  });

  it('coalesces a change into an unclaimed message of its aggregate, and a user change lifts the bulk backlog of its aggregate', async () => {
    await withOutboxLane('bulk', () =>
      ds.transaction(async (m) => {
        await outbox.enqueue(m, 'test.index', { id: 'x', v: 1 }, { orderingKey: 'offering:x', coalesce: true });
        await outbox.enqueue(m, 'test.index', { id: 'x', v: 2 }, { orderingKey: 'offering:x', coalesce: true });
        await outbox.enqueue(m, 'test.index', { id: 'y', v: 1 }, { orderingKey: 'offering:y', coalesce: true });
      }),
    );
    expect((await rows()).map((r) => [r.orderingKey, r.lane])).toEqual([
      ['offering:x', 'bulk'],
      ['offering:y', 'bulk'],
    ]);
    await ds.transaction((m) => outbox.enqueue(m, 'test.index', { id: 'x', v: 3 }, { orderingKey: 'offering:x', coalesce: true }));
    expect((await rows()).map((r) => [r.orderingKey, r.lane])).toEqual([
      ['offering:x', 'user'],
      ['offering:y', 'bulk'],
    ]);
    // another topic of the same aggregate is not coalesced, and comes after it
    await ds.transaction((m) => outbox.enqueue(m, 'test.other', { id: 'x' }, { orderingKey: 'offering:x' }));
    expect((await rows()).map((r) => [r.topic, r.lane])).toEqual([
      ['test.index', 'user'],
      ['test.index', 'bulk'],
      ['test.other', 'user'],
    ]);
    // once claimed, a message is no longer a place to coalesce into
    await ds.query(`UPDATE outbox_message SET status = 'done' WHERE ordering_key = 'offering:y'`);
    await ds.transaction((m) => outbox.enqueue(m, 'test.index', { id: 'y', v: 2 }, { orderingKey: 'offering:y', coalesce: true }));
    expect((await rows()).filter((r) => r.orderingKey === 'offering:y').map((r) => r.status)).toEqual(['done', 'pending']);
  });

  it('hands out messages of one key in commit order, even when an earlier writer commits last', async () => {
    const seen: number[] = [];
    const d = new OutboxDispatcher(ds);
    d.register('test.commit-order', async (p) => void seen.push(p.n as number));
    let commitFirst!: () => void;
    const held = new Promise<void>((r) => (commitFirst = r));
    // T1 enqueues and stays open; T2 enqueues the same key meanwhile
    const t1 = ds.transaction(async (m) => {
      await outbox.enqueue(m, 'test.commit-order', { n: 1 }, { orderingKey: 'agg:c' });
      await held;
    });
    await sleep(50);
    const t2 = ds.transaction((m) => outbox.enqueue(m, 'test.commit-order', { n: 2 }, { orderingKey: 'agg:c' }));
    await sleep(100);
    expect(await d.runOnce('user')).toBe(0); // T2 waits for T1: nothing of the key is visible yet
    commitFirst();
    await Promise.all([t1, t2]);
    while ((await d.runOnce('user')) > 0);
    expect(seen).toEqual([1, 2]);
  });

  it('makes a coalesced change due at once, whatever the backoff of the message it joins', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.index', { v: 1 }, { orderingKey: 'offering:z', coalesce: true }));
    await ds.query(`UPDATE outbox_message SET available_at = now() + interval '10 minutes', attempts = 2, last_error = 'engine down'`);
    await ds.transaction((m) => outbox.enqueue(m, 'test.index', { v: 2 }, { orderingKey: 'offering:z', coalesce: true }));
    const seen: unknown[] = [];
    const d = new OutboxDispatcher(ds);
    d.register('test.index', async (p) => void seen.push(p.v));
    expect(await d.runOnce('user')).toBe(1);
    expect(seen).toEqual([2]);
  });

  it('never keeps a user change waiting behind a bulk backlog', async () => {
    await withOutboxLane('bulk', () =>
      ds.transaction(async (m) => {
        for (let i = 0; i < 3000; i++) await outbox.enqueue(m, 'test.slow', { n: i });
      }),
    );
    const handledAt = new Map<number, number>();
    const d = new OutboxDispatcher(ds);
    d.register('test.slow', {
      batch: async (messages) => {
        await sleep(messages.length); // 1 ms a message: 3 s of bulk work
        for (const x of messages) handledAt.set(x.payload.n as number, Date.now());
      },
    });
    const running = d.start();
    try {
      await sleep(300);
      const queuedAt = Date.now();
      await ds.transaction((m) => outbox.enqueue(m, 'test.slow', { n: -1 }));
      while (!handledAt.has(-1) && Date.now() - queuedAt < 5000) await sleep(20);
      expect(handledAt.get(-1)! - queuedAt).toBeLessThan(1000);
      expect(handledAt.size).toBeLessThan(3001); // the bulk backlog was still being worked off
    } finally {
      await running.stop();
    }
  });
});
