import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessRuleError, InjectConfig, NotFoundError, isUuid, msg, offsetOf, type AppConfig } from '@innoserve/core';

const badLink = () => new NotFoundError('unsubscribe link', msg('This unsubscribe link is not valid.', '该退订链接无效。'));
import type { Principal } from '@innoserve/identity';
import { CATEGORY_NAMES, NOTIFICATION_CATEGORIES, isEssential, type NotificationCategory } from '../catalog/categories.js';
import { Notification } from '../entities/notification.entity.js';
import { NotificationPreference } from '../entities/notification-preference.entity.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';

export interface NotificationView {
  id: string;
  category: NotificationCategory;
  type: string;
  title: string;
  body: string;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  read: boolean;
  createdAt: string;
}

export interface NotificationPage {
  items: NotificationView[];
  total: number;
  unreadCount: number;
  page: number;
  pageSize: number;
}

export interface PreferenceView {
  category: NotificationCategory;
  name: string;
  inApp: boolean;
  email: boolean;
  /** Decisions about money: always sent, cannot be turned off. */
  essential: boolean;
}

const essentialRefused = (category: string) =>
  new BusinessRuleError('NOTIFICATION_ESSENTIAL', msg(`${category} notifications are about decisions and money and are always sent.`, '审核决定与资金类通知必须发送，不能关闭。'), [{ field: 'preferences', message: `${category} cannot be turned off` }]);

/** The in-app list, read marks, per-category preferences and the one-click unsubscribe. */
@Injectable()
export class NotificationsService {
  private readonly tokens: UnsubscribeTokens;

  constructor(
    private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.tokens = new UnsubscribeTokens(config.JWT_SECRET);
  }

  async list(me: Principal, q: { unread?: boolean; page: number; pageSize: number }): Promise<NotificationPage> {
    const m = this.dataSource.manager;
    const qb = m.createQueryBuilder(Notification, 'n').where('n.userId = :me', { me: me.userId });
    if (q.unread) qb.andWhere('n.readAt IS NULL');
    const [rows, total] = await qb.orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').skip(offsetOf(q)).take(q.pageSize).getManyAndCount();
    const [{ n }] = await m.query<{ n: number }[]>('SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL', [me.userId]);
    return { items: rows.map((r) => view(r, me.locale)), total, unreadCount: n, page: q.page, pageSize: q.pageSize };
  }

  async markRead(me: Principal, id: string): Promise<NotificationView> {
    const m = this.dataSource.manager;
    const row = isUuid(id) ? await m.findOneBy(Notification, { id, userId: me.userId }) : null;
    if (!row) throw new NotFoundError('notification');
    if (row.readAt === null) {
      await m.query('UPDATE notification SET read_at = now() WHERE id = $1 AND read_at IS NULL', [id]);
      row.readAt = new Date();
    }
    return view(row, me.locale);
  }

  async markAllRead(me: Principal): Promise<{ marked: number }> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>('WITH u AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1) SELECT count(*)::int AS n FROM u', [me.userId]);
    return { marked: n };
  }

  async preferences(me: Principal): Promise<PreferenceView[]> {
    const stored = await this.dataSource.manager.findBy(NotificationPreference, { userId: me.userId });
    return NOTIFICATION_CATEGORIES.map((category) => {
      const p = stored.find((s) => s.category === category);
      const essential = isEssential(category);
      return { category, name: me.locale === 'en' ? CATEGORY_NAMES[category].en : CATEGORY_NAMES[category].zh, inApp: essential || (p?.inApp ?? true), email: essential || (p?.email ?? true), essential };
    });
  }

  async setPreferences(me: Principal, changes: { category: NotificationCategory; inApp: boolean; email: boolean }[]): Promise<PreferenceView[]> {
    for (const c of changes) if (isEssential(c.category) && (!c.inApp || !c.email)) throw essentialRefused(c.category);
    for (const c of changes) {
      await this.dataSource.query(
        `INSERT INTO notification_preference (user_id, category, in_app, email, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (user_id, category) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, updated_at = now()`,
        [me.userId, c.category, c.inApp, c.email],
      );
    }
    return this.preferences(me);
  }

  /** What a link's token names (for the landing page), without changing anything: mail scanners open links. */
  describeUnsubscribe(token: string): { category: NotificationCategory; name: { zh: string; en: string } } {
    const t = this.tokens.verify(token);
    if (!t || isEssential(t.category)) throw badLink();
    return { category: t.category, name: CATEGORY_NAMES[t.category] };
  }

  /** The one-click unsubscribe (a POST from the mail client or the landing page): e-mail of that category off for that user. */
  async unsubscribe(token: string): Promise<{ category: NotificationCategory; email: false }> {
    const t = this.tokens.verify(token);
    if (!t || isEssential(t.category)) throw badLink();
    await this.dataSource.query(
      `INSERT INTO notification_preference (user_id, category, in_app, email, updated_at) VALUES ($1, $2, true, false, now())
       ON CONFLICT (user_id, category) DO UPDATE SET email = false, updated_at = now()`,
      [t.userId, t.category],
    );
    return { category: t.category, email: false };
  }
}

function view(r: Notification, locale: 'zh' | 'en'): NotificationView {
  const en = locale === 'en';
  return {
    id: r.id,
    category: r.category,
    type: r.type,
    title: en ? r.titleEn : r.titleZh,
    body: en ? r.bodyEn : r.bodyZh,
    link: r.link,
    entityType: r.entityType,
    entityId: r.entityId,
    read: r.readAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}
