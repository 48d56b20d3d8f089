import { DataSource } from 'typeorm';
import type { ScheduledJob } from '../jobs.js';
import type { OutboxDispatcher, OutboxHandler } from '../outbox/outbox-dispatcher.js';

/** The outbox topic of a job's instances. */
export const jobTopic = (name: string): string => `job:${name}`;

/** First instance of a job never seen before: soon after the first worker starts. */
const FIRST_DELAY_MS = 1000;

/**
 * Scheduled jobs on PostgreSQL, built on the outbox rather than a per-process timer: with two
 * worker replicas a timer runs every sweep twice. Each tick (every worker, every second) moves the
 * due jobs' `next_due_at` on in one statement — row locks with SKIP LOCKED, so one worker wins
 * each instance — and writes one outbox row per instance in the `jobs` lane, with the job name as
 * ordering key (an instance never overlaps the previous one). The outbox then gives the instance
 * its lease, retries with backoff and the dead-letter state that /health reports (topic
 * `job:<name>`). Missed instances (all workers down) are not replayed one by one: the next
 * instance is the first due time after now.
 */
export class JobScheduler {
  private readonly jobs = new Map<string, ScheduledJob>();

  constructor(private readonly dataSource: DataSource) {}

  /** Registers the job and its instance handler on the dispatcher. */
  add(job: ScheduledJob, dispatcher: OutboxDispatcher): void {
    if (this.jobs.has(job.name)) throw new Error(`scheduled job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
    const handler: OutboxHandler = async (payload, message) => {
      await job.run({ dueAt: new Date(String(payload.dueAt)), attempt: message.attempts });
    };
    dispatcher.register(jobTopic(job.name), handler);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  /** Records the jobs (a changed interval applies from the next instance on). */
  async ensureRegistered(): Promise<void> {
    const jobs = [...this.jobs.values()];
    if (!jobs.length) return;
    await this.dataSource.query(
      `INSERT INTO scheduled_job (name, interval_ms, next_due_at)
       SELECT n, i, now() + $3 * interval '1 ms' FROM unnest($1::varchar[], $2::int[]) AS j(n, i)
       ON CONFLICT (name) DO UPDATE SET interval_ms = EXCLUDED.interval_ms`,
      [jobs.map((j) => j.name), jobs.map((j) => j.intervalMs), FIRST_DELAY_MS],
    );
  }

  /** Writes the outbox row of every due instance; returns how many this worker wrote. */
  async tick(): Promise<number> {
    const names = this.names();
    if (!names.length) return 0;
    const result = await this.dataSource.query<[{ name: string }[], number]>(
      `WITH due AS (
         SELECT name, next_due_at AS due_at, interval_ms FROM scheduled_job
          WHERE name = ANY($1::varchar[]) AND next_due_at <= now()
          FOR UPDATE SKIP LOCKED),
       moved AS (
         UPDATE scheduled_job j
            SET next_due_at = d.due_at + d.interval_ms * interval '1 ms' * (floor(extract(epoch FROM now() - d.due_at) * 1000 / d.interval_ms) + 1)
           FROM due d WHERE j.name = d.name
         RETURNING d.name, d.due_at)
       INSERT INTO outbox_message (topic, payload, lane, ordering_key)
       SELECT 'job:' || name, jsonb_build_object('job', name, 'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')), 'jobs', 'job:' || name
         FROM moved
       RETURNING payload->>'job' AS name`,
      [names],
    );
    const rows = Array.isArray(result[0]) ? result[0] : (result as unknown as { name: string }[]);
    return rows.length;
  }

  /** Ticks every `everyMs` until stopped. */
  start(everyMs = 1000, log?: (line: string) => void): { stop: () => Promise<void> } {
    let running = true;
    let current: Promise<unknown> = Promise.resolve();
    const run = (): void => {
      current = this.tick().catch((e: unknown) => log?.(`scheduler tick failed: ${e instanceof Error ? e.message : String(e)}`));
    };
    const timer = setInterval(run, everyMs);
    current = this.ensureRegistered()
      .then(run)
      .catch((e: unknown) => log?.(`scheduler start failed: ${e instanceof Error ? e.message : String(e)}`));
    return {
      stop: async () => {
        if (!running) return;
        running = false;
        clearInterval(timer);
        await current;
      },
    };
  }
}
