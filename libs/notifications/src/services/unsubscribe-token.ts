import { createHmac, timingSafeEqual } from 'node:crypto';
import { NOTIFICATION_CATEGORIES, type NotificationCategory } from '../catalog/categories.js';

/**
 * The signed token of a one-click unsubscribe link (RFC 8058): one user and one category, signed
 * with a key derived from JWT_SECRET, so a link can turn off only what its mail was about.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('innoserve:unsubscribe:v1').digest();
  }

  issue(userId: string, category: NotificationCategory): string {
    const payload = Buffer.from(`${userId}.${category}`, 'utf8').toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The user and category of a genuine token, else null. */
  verify(token: string): { userId: string; category: NotificationCategory } | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const [userId, category] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
    if (!/^[0-9a-f-]{36}$/.test(userId ?? '') || !NOTIFICATION_CATEGORIES.includes(category as NotificationCategory)) return null;
    return { userId, category: category as NotificationCategory };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
