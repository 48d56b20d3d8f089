import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsController } from './controllers/notifications.controller.js';
import { NOTIFICATION_ENTITIES } from './entities/index.js';
import { NotificationsService } from './services/notifications.service.js';

/** The in-app notifications, preferences and unsubscribe links (API). The feed and the e-mails run in the worker. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)],
  controllers: [NotificationsController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
