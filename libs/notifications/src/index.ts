export * from './entities/index.js';
export * from './catalog/categories.js';
export { EVENT_SPECS, NOTIFIED_ACTIONS, type DomainEvent, type EventSpec } from './catalog/events.js';
export * from './mail/mailer.js';
export { mailerFor, MAILER_PROVIDER } from './mail/mailer.provider.js';
export { NotificationFeed, NOTIFICATION_EMAIL_TOPIC } from './services/notification-feed.js';
export { EmailDelivery } from './services/email-delivery.js';
export { NotificationReminders } from './services/notification-reminders.js';
export { NotificationsService, type NotificationView, type NotificationPage, type PreferenceView } from './services/notifications.service.js';
export { UnsubscribeTokens } from './services/unsubscribe-token.js';
export { NotificationsModule } from './notifications.module.js';
export { NotificationsWorkerModule } from './notifications-worker.module.js';

import { NOTIFICATION_ENTITIES } from './entities/index.js';
/** Tables this lib owns. */
export const NOTIFICATIONS_ENTITIES = [...NOTIFICATION_ENTITIES];
