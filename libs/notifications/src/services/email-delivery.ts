import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { OUTBOX_HANDLER, type OutboxHandlerProvider } from '@innoserve/database';
import { CATEGORY_NAMES, isEssential, type NotificationCategory } from '../catalog/categories.js';
import { Mailer } from '../mail/mailer.js';
import { NOTIFICATION_EMAIL_TOPIC } from './notification-feed.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';

interface Row {
  id: string;
  category: NotificationCategory;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  email: string;
  locale: 'zh' | 'en';
  user_id: string;
  emailed_at: Date | null;
}

/**
 * Sends the e-mail of a notification (the outbox's handler, in the worker, after the feed's
 * commit): in the user's locale, with a one-click unsubscribe link for what is not essential
 * (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058). A failure is retried by the outbox; a
 * message already sent is not sent again.
 */
@Injectable()
export class EmailDelivery {
  private readonly logger = new Logger('EmailDelivery');
  private readonly tokens: UnsubscribeTokens;

  readonly [OUTBOX_HANDLER]: OutboxHandlerProvider['handlers'] = {
    [NOTIFICATION_EMAIL_TOPIC]: async (payload) => {
      await this.send(String(payload.notificationId));
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.tokens = new UnsubscribeTokens(config.JWT_SECRET);
  }

  async send(notificationId: string): Promise<boolean> {
    const [n] = await this.dataSource.query<Row[]>(
      `SELECT n.id, n.category, n.title_zh, n.title_en, n.body_zh, n.body_en, n.link, n.user_id, n.emailed_at, u.email, u.locale
         FROM notification n JOIN app_user u ON u.id = n.user_id WHERE n.id = $1`,
      [notificationId],
    );
    if (!n || n.emailed_at !== null) return false;
    const zh = n.locale !== 'en';
    const base = this.config.PUBLIC_BASE_URL.replace(/\/$/, '');
    const headers: Record<string, string> = {};
    let footer = zh ? '这是系统自动发送的邮件，请勿直接回复。' : 'This message was sent automatically; please do not reply.';
    if (!isEssential(n.category)) {
      const token = encodeURIComponent(this.tokens.issue(n.user_id, n.category));
      // mail clients POST the one-click header's URL (the API); people open the footer's link: the
      // web app's landing page, which says what it turns off and changes nothing until they confirm
      headers['List-Unsubscribe'] = `<${base}/api/v1/notifications/unsubscribe?token=${token}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      const name = CATEGORY_NAMES[n.category];
      const page = `${base}/unsubscribe?token=${token}`;
      footer += zh ? `\n退订“${name.zh}”类邮件：${page}` : `\nUnsubscribe from "${name.en}" e-mails: ${page}`;
    }
    const link = n.link ? `${base}${n.link}` : null;
    const body = zh ? n.body_zh : n.body_en;
    const sent = await this.mailer.send({
      id: n.id,
      to: n.email,
      subject: `[Innoserve] ${zh ? n.title_zh : n.title_en}`,
      text: [body, link ? (zh ? `查看详情：${link}` : `Open: ${link}`) : null, '', footer].filter((x) => x !== null).join('\n'),
      headers,
    });
    await this.dataSource.query('UPDATE notification SET emailed_at = now() WHERE id = $1', [n.id]);
    this.logger.debug(`notification ${n.id} e-mailed (${sent.delivery})`);
    return true;
  }
}
