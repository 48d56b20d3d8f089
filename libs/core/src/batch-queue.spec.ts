import { BatchQueue } from './batch-queue.js';

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

interface Item {
  id: number;
  key: string;
  also?: string;
}

/** A queue whose writes wait until the test releases them, recording what each write got. */
function harness(options: {
  maxInFlight: number;
  maxBatch: number;
  refuse?: (items: Item[]) => boolean;
  refuseOne?: (item: Item) => boolean;
  fail?: (items: Item[]) => Error | null;
  short?: boolean;
}) {
  const writes: { kind: 'many' | 'one'; ids: number[] }[] = [];
  const release: (() => void)[] = [];
  let running = 0;
  let most = 0;
  const run = async <R>(kind: 'many' | 'one', items: Item[], answer: () => R): Promise<R> => {
    writes.push({ kind, ids: items.map((x) => x.id) });
    running++;
    most = Math.max(most, running);
    await new Promise<void>((r) => release.push(r));
    running--;
    return answer();
  };
  const queue = new BatchQueue<Item, string>({
    maxInFlight: options.maxInFlight,
    maxBatch: options.maxBatch,
    keysOf: (x) => [x.key, ...(x.also ? [x.also] : [])],
    runMany: (items) =>
      run('many', items, () => {
        if (options.refuse?.(items)) throw new Error('batch refused');
        const failure = options.fail?.(items);
        if (failure) throw failure;
        const out = items.map((x) => `ok ${x.id}`);
        return options.short ? out.slice(1) : out;
      }),
    alone: (e) => (e as Error).message === 'batch refused',
    runOne: (item) =>
      run('one', [item], () => {
        if (options.refuseOne?.(item)) throw new Error(`refused ${item.id}`);
        return `ok ${item.id}`;
      }),
  });
  const drain = async (): Promise<void> => {
    for (let i = 0; i < 100; i++) {
      await tick();
      release.shift()?.();
    }
  };
  return { queue, writes, drain, most: () => most };
}

describe(BatchQueue.name, () => {
  it('writes the first item alone, then what queued meanwhile together, in arrival order', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10 });
    const answers = [0, 1, 2, 3].map((id) => h.queue.submit({ id, key: `k${id}` }));
    await h.drain();
    expect(await Promise.all(answers)).toEqual(['ok 0', 'ok 1', 'ok 2', 'ok 3']);
    expect(h.writes).toEqual([
      { kind: 'one', ids: [0] },
      { kind: 'many', ids: [1, 2, 3] },
    ]);
    expect(h.queue.stats).toEqual({ queued: 0, inFlight: 0, batches: 1, batchedItems: 3, fallbacks: 0 });
  });

  it('runs at most maxInFlight writes at once and at most maxBatch items per write', async () => {
    const h = harness({ maxInFlight: 2, maxBatch: 3 });
    const answers = Array.from({ length: 10 }, (_, id) => h.queue.submit({ id, key: `k${id}` }));
    await h.drain();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 10 }, (_, id) => `ok ${id}`));
    expect(h.most()).toBe(2);
    // 0 and 1 start at once (two slots); the rest queue and go three at a time
    expect(h.writes.map((w) => w.ids)).toEqual([[0], [1], [2, 3, 4], [5, 6, 7], [8, 9]]);
  });

  it('never puts two items with one key in a write, and a later item never overtakes an earlier one with its key', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10 });
    const items: Item[] = [
      { id: 0, key: 'x' },
      { id: 1, key: 'a' },
      { id: 2, key: 'a' },
      { id: 3, key: 'b' },
      { id: 4, key: 'a' },
    ];
    const answers = items.map((x) => h.queue.submit(x));
    await h.drain();
    await Promise.all(answers);
    expect(h.writes.map((w) => w.ids)).toEqual([[0], [1, 3], [2], [4]]);
  });

  it('retries a refused batch one item at a time, in order, each caller getting its own answer', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10, refuse: () => true, refuseOne: (x) => x.id === 2 });
    const answers = [0, 1, 2, 3].map((id) => h.queue.submit({ id, key: `k${id}` }).catch((e: Error) => e.message));
    await h.drain();
    expect(await Promise.all(answers)).toEqual(['ok 0', 'ok 1', 'refused 2', 'ok 3']);
    expect(h.writes).toEqual([
      { kind: 'one', ids: [0] },
      { kind: 'many', ids: [1, 2, 3] },
      { kind: 'one', ids: [1] },
      { kind: 'one', ids: [2] },
      { kind: 'one', ids: [3] },
    ]);
    expect(h.queue.stats.fallbacks).toBe(1);
  });

  it('keeps apart items that share any one of their keys', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10 });
    const items: Item[] = [
      { id: 0, key: 'x' },
      { id: 1, key: 'a', also: 'e1' },
      { id: 2, key: 'b', also: 'e1' },
      { id: 3, key: 'c', also: 'e2' },
    ];
    await Promise.all([...items.map((x) => h.queue.submit(x)), h.drain()]);
    expect(h.writes.map((w) => w.ids)).toEqual([[0], [1, 3], [2]]);
  });

  it('gives every item of the batch the error, without writing them again, when the batch was not refused but failed', async () => {
    const lost = new Error('connection lost: outcome unknown');
    const h = harness({ maxInFlight: 1, maxBatch: 10, fail: () => lost });
    const answers = [0, 1, 2].map((id) => h.queue.submit({ id, key: `k${id}` }).catch((e: Error) => e.message));
    await h.drain();
    expect(await Promise.all(answers)).toEqual(['ok 0', lost.message, lost.message]);
    expect(h.writes.map((w) => w.kind)).toEqual(['one', 'many']);
    expect(h.queue.stats.fallbacks).toBe(0);
  });

  it('rejects every item of a batch whose write answered the wrong number of results, without writing them again', async () => {
    const h = harness({ maxInFlight: 1, maxBatch: 10, short: true });
    const answers = [0, 1, 2].map((id) => h.queue.submit({ id, key: `k${id}` }).catch((e: Error) => e.message));
    await h.drain();
    expect(await Promise.all(answers)).toEqual(['ok 0', 'runMany answered 1 results for 2 items', 'runMany answered 1 results for 2 items']);
    expect(h.writes.map((w) => w.kind)).toEqual(['one', 'many']);
  });

  it('answers a submit whose keys cannot be computed at once, queueing nothing', async () => {
    const queue = new BatchQueue<Item, string>({
      maxInFlight: 1,
      maxBatch: 2,
      keysOf: () => {
        throw new Error('no keys');
      },
      runMany: () => Promise.resolve([]),
      alone: () => true,
      runOne: () => Promise.resolve('written'),
    });
    await expect(queue.submit({ id: 0, key: 'a' })).rejects.toThrow('no keys');
    expect(queue.stats).toMatchObject({ queued: 0, inFlight: 0 });
  });

  it('refuses nonsense limits', () => {
    const runOne = (): Promise<string> => Promise.resolve('');
    const rest = { keysOf: () => [], runMany: () => Promise.resolve([]), alone: () => true, runOne };
    expect(() => new BatchQueue({ maxInFlight: 0, maxBatch: 1, ...rest })).toThrow(RangeError);
    expect(() => new BatchQueue({ maxInFlight: 1, maxBatch: 1.5, ...rest })).toThrow(RangeError);
  });
});
