import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptsMediaTypes, ApiProblems } from '@innoserve/core';
import { SkipIdempotency } from '@innoserve/database';
import { Authenticated, CurrentUser, Public, type Principal } from '@innoserve/identity';
import {
  MarkedDto,
  NotificationListQuery,
  NotificationPageDto,
  NotificationViewDto,
  OneClickDto,
  PreferencesDto,
  PreferenceViewDto,
  UnsubscribeQuery,
  UnsubscribedDto,
  UnsubscribeViewDto,
} from '../dto/notification.dto.js';
import { NotificationsService, type NotificationPage, type NotificationView, type PreferenceView } from '../services/notifications.service.js';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: "The caller's notifications, newest first, in the caller's language, with the unread count" })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() me: Principal, @Query() q: NotificationListQuery): Promise<NotificationPage> {
    return this.notifications.list(me, q);
  }

  @Post('notifications/read-all')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification read' })
  @ApiOkResponse({ type: MarkedDto })
  readAll(@CurrentUser() me: Principal): Promise<{ marked: number }> {
    return this.notifications.markAllRead(me);
  }

  @Post('notifications/:id/read')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (404 for another user’s)' })
  @ApiOkResponse({ type: NotificationViewDto })
  read(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<NotificationView> {
    return this.notifications.markRead(me, id);
  }

  @Get('me/notification-preferences')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'In-app and e-mail per category (decisions and payments are always sent)' })
  @ApiOkResponse({ type: [PreferenceViewDto] })
  preferences(@CurrentUser() me: Principal): Promise<PreferenceView[]> {
    return this.notifications.preferences(me);
  }

  @Put('me/notification-preferences')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change preferences per category', description: '422 NOTIFICATION_ESSENTIAL for turning off decisions or payments.' })
  @ApiOkResponse({ type: [PreferenceViewDto] })
  setPreferences(@CurrentUser() me: Principal, @Body() dto: PreferencesDto): Promise<PreferenceView[]> {
    return this.notifications.setPreferences(me, dto.preferences);
  }

  @Get('notifications/unsubscribe')
  @Public()
  @ApiOperation({ summary: "What an e-mail's unsubscribe link would turn off (the landing page; changes nothing: mail scanners open links)", description: '404 for a bad token.' })
  @ApiOkResponse({ type: UnsubscribeViewDto })
  @ApiProblems(404)
  describeUnsubscribe(@Query() q: UnsubscribeQuery): { category: string; name: { zh: string; en: string } } {
    return this.notifications.describeUnsubscribe(q.token);
  }

  @Post('notifications/unsubscribe')
  @Public()
  @SkipIdempotency()
  @HttpCode(200)
  @AcceptsMediaTypes('application/x-www-form-urlencoded')
  @ApiOperation({
    summary: 'One-click unsubscribe (RFC 8058): turns off e-mail of the link’s category for its user, without a login',
    description: 'Takes the form-encoded body mail clients send (List-Unsubscribe=One-Click), or JSON. 404 for a bad token; essential categories have no link.',
  })
  @ApiOkResponse({ type: UnsubscribedDto })
  unsubscribe(@Query() q: UnsubscribeQuery, @Body() _body: OneClickDto): Promise<{ category: string; email: false }> {
    return this.notifications.unsubscribe(q.token);
  }
}
