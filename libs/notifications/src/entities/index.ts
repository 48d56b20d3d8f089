import { Notification } from './notification.entity.js';
import { NotificationCursor } from './notification-cursor.entity.js';
import { NotificationPreference } from './notification-preference.entity.js';

export { Notification } from './notification.entity.js';
export { NotificationCursor } from './notification-cursor.entity.js';
export { NotificationPreference } from './notification-preference.entity.js';

export const NOTIFICATION_ENTITIES = [Notification, NotificationPreference, NotificationCursor];
