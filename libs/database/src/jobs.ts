import type { OutboxHandlerEntry } from './outbox/outbox-dispatcher.js';

/** A provider exposing `[SCHEDULED_JOB]` is run by the worker every intervalMs. */
export const SCHEDULED_JOB = Symbol.for('innoserve.scheduledJob');
/** A provider exposing `[OUTBOX_HANDLER]` handles those outbox topics in the worker. */
export const OUTBOX_HANDLER = Symbol.for('innoserve.outboxHandler');

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

export interface OutboxHandlerProvider {
  /** A topic's handler: one message at a time, or `{ batch }` for all of a claimed batch's messages of the topic. */
  handlers: Record<string, OutboxHandlerEntry>;
}
