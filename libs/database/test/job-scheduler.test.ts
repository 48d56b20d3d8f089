import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { dataSourceOptions, JobScheduler, jobTopic, OutboxDispatcher, OutboxMessage, outboxStats, ScheduledJobRow, type ScheduledJob } from '@innoserve/database';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(JobScheduler.name, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const ds = new DataSource(dataSourceOptions({ url: db.url, entities: [OutboxMessage, ScheduledJobRow], poolSize: 4 }));
      await ds.initialize();
      sources.push(ds);
    }
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db.drop();
  });

  /** Two worker replicas (each its own pool, dispatcher and scheduler) hosting the same jobs. */
  async function runTwoWorkers(jobs: (worker: number) => ScheduledJob[], ms: number): Promise<void> {
    const stops: { stop: () => Promise<void> }[] = [];
    sources.forEach((ds, worker) => {
      const d = new OutboxDispatcher(ds, { maxAttempts: 3, backoffMs: () => 0, lanes: { jobs: { pollMs: 50 } } });
      const s = new JobScheduler(ds);
      for (const job of jobs(worker)) s.add(job, d);
      stops.push(d.start(), s.start(50));
    });
    await sleep(ms);
    for (const s of stops) await s.stop();
  }

  it('runs each instance of a job exactly once with two worker replicas, and the instances do not overlap', async () => {
    const runs: { worker: number; dueAt: string }[] = [];
    let running = 0;
    let overlapped = false;
    await runTwoWorkers(
      (worker) => [
        {
          name: 'test.every-200ms',
          intervalMs: 200,
          run: async (instance) => {
            running++;
            if (running > 1) overlapped = true;
            runs.push({ worker, dueAt: instance!.dueAt.toISOString() });
            await sleep(30);
            running--;
          },
        },
      ],
      3000,
    );
    const dueTimes = runs.map((r) => r.dueAt);
    expect(runs.length).toBeGreaterThanOrEqual(8);
    expect(new Set(dueTimes).size).toBe(runs.length); // no instance twice
    expect(overlapped).toBe(false);
    // instances are 200 ms apart: none skipped while the workers ran
    const t = dueTimes.map((d) => Date.parse(d)).sort((a, b) => a - b);
    for (let i = 1; i < t.length; i++) expect(t[i] - t[i - 1]).toBe(200);
    // the outbox row of every instance is done, once
    const [{ n, done }] = await sources[0].query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'done')::int AS done FROM outbox_message WHERE topic = $1`, [
      jobTopic('test.every-200ms'),
    ]);
    expect(done).toBe(runs.length);
    expect(n - done).toBeLessThanOrEqual(1); // at most the instance that came due as the workers stopped
  });

  it('writes one instance when both replicas tick at the same instant', async () => {
    const job: ScheduledJob = { name: 'test.contended', intervalMs: 60_000, run: async () => undefined };
    const schedulers = sources.map((ds) => {
      const s = new JobScheduler(ds);
      s.add(job, new OutboxDispatcher(ds));
      return s;
    });
    await schedulers[0].ensureRegistered();
    const written: number[] = [];
    for (let i = 0; i < 40; i++) {
      await sources[0].query(`UPDATE scheduled_job SET next_due_at = now() - interval '1 s' WHERE name = $1`, [job.name]);
      const [a, b] = await Promise.all(schedulers.map((s) => s.tick()));
      written.push(a + b);
    }
    expect(written).toEqual(Array(40).fill(1));
  });

  it('retries a failing instance, then lists it as a dead letter of its job in /health stats', async () => {
    const attempts: number[] = [];
    await runTwoWorkers(
      () => [
        {
          name: 'test.always-fails',
          intervalMs: 60 * 60_000,
          run: async (instance) => {
            attempts.push(instance!.attempt);
            throw new Error('the sweep failed');
          },
        },
      ],
      2500,
    );
    expect(attempts).toEqual([1, 2, 3]);
    const stats = await outboxStats(sources[0]);
    expect(stats.lanes.jobs.dead).toBe(1);
    expect(stats.deadTopics).toContainEqual({ topic: 'job:test.always-fails', count: 1, lastError: 'the sweep failed' });
  });
});
