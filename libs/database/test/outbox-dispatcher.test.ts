import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { dataSourceOptions, OutboxDispatcher, OutboxMessage, OutboxService, outboxStats } from '@innoserve/database';

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

  it('hands a row to the next worker again when the first dies mid-handler (its claim rolls back)', async () => {
    await ds.transaction((m) => outbox.enqueue(m, 'test.crash', { n: 1 }));
    // the first worker's connection is killed while its handler runs
    const first = new OutboxDispatcher(ds);
    first.register('test.crash', async () => {
      const [{ pid }] = await ds.query<{ pid: number }[]>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> pg_backend_pid() LIMIT 1`,
      );
      await ds.query('SELECT pg_terminate_backend($1)', [pid]);
    });
    await expect(first.runOnce()).rejects.toThrow();
    expect((await rows())[0]).toMatchObject({ status: 'pending', attempts: 0 });
    const handled: unknown[] = [];
    const second = new OutboxDispatcher(ds);
    second.register('test.crash', async (p) => void handled.push(p.n));
    expect(await second.runOnce()).toBe(1);
    expect(handled).toEqual([1]);
  });
});
