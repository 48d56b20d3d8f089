import type { OutboxHandlerEntry } from './outbox/outbox-dispatcher.js';

/** A provider exposing `[SCHEDULED_JOB]` is run by the worker every intervalMs (JobScheduler: once per instance across replicas). */
export const SCHEDULED_JOB = Symbol.for('innoserve.scheduledJob');
/** A provider exposing `[OUTBOX_HANDLER]` handles those outbox topics in the worker. */
export const OUTBOX_HANDLER = Symbol.for('innoserve.outboxHandler');

/** Which instance is running: its due time, and the attempt (1 the first time, more on retries). */
export interface ScheduledJobInstance {
  dueAt: Date;
  attempt: number;
}

/** A provider exposing `[SCHEDULED_JOB]` (one job, or a list) runs on the JobScheduler: each instance once across worker replicas. */
export interface ScheduledJob {
  name: string;
  intervalMs: number;
  /** Idempotent: a failed or interrupted instance runs again (with backoff), dead after the outbox's maxAttempts. */
  run(instance?: ScheduledJobInstance): Promise<void>;
}

export interface OutboxHandlerProvider {
  /** A topic's handler: one message at a time, or `{ batch }` for all of a claimed batch's messages of the topic. */
  handlers: Record<string, OutboxHandlerEntry>;
}
