export * from './embedded.js';
export * from './columns.js';
export * from './transaction.js';
export * from './data-source.js';
export * from './database.module.js';
export * from './outbox/outbox-message.entity.js';
export * from './outbox/outbox.service.js';
export * from './outbox/outbox-dispatcher.js';
export * from './scheduler/scheduled-job.entity.js';
export * from './scheduler/job-scheduler.js';
export * from './idempotency/idempotency-record.entity.js';
export * from './idempotency/idempotency-key.js';
export * from './idempotency/idempotency-errors.js';
export * from './idempotency/idempotency.service.js';
export * from './idempotency/skip-idempotency.decorator.js';
export { MIGRATIONS } from './migrations/index.js';

import { OutboxMessage } from './outbox/outbox-message.entity.js';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity.js';
import { ScheduledJobRow } from './scheduler/scheduled-job.entity.js';
/** Tables this lib owns. */
export const DATABASE_ENTITIES = [OutboxMessage, IdempotencyRecord, ScheduledJobRow];
export * from './jobs.js';
export * from './naming.js';
export * from './append-only.sql.js';
export * from './sql-params.js';
export * from './pg-pool.js';
export * from './write-back.js';
