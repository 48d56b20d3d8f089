import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NOTIFICATION_ENTITIES } from './entities/index.js';
import { MAILER_PROVIDER } from './mail/mailer.provider.js';
import { EmailDelivery } from './services/email-delivery.js';
import { NotificationFeed } from './services/notification-feed.js';
import { NotificationReminders } from './services/notification-reminders.js';

/** What the worker hosts: the feed (committed events → notifications) and the e-mails (outbox). */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  providers: [NotificationFeed, NotificationReminders, EmailDelivery, MAILER_PROVIDER],
  exports: [NotificationFeed, NotificationReminders, EmailDelivery],
})
export class NotificationsWorkerModule {}
