export * from './embedded.js';
export * from './columns.js';
export * from './transaction.js';
export * from './data-source.js';
export * from './database.module.js';
export * from './outbox/outbox-message.entity.js';
export * from './outbox/outbox.service.js';
export * from './outbox/outbox-dispatcher.js';
export { MIGRATIONS } from './migrations/index.js';

import { OutboxMessage } from './outbox/outbox-message.entity.js';
/** Tables this lib owns. */
export const DATABASE_ENTITIES = [OutboxMessage];
export * from './jobs.js';
export * from './naming.js';
