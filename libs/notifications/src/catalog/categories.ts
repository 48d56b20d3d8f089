/**
 * Notification categories and what a user may turn off. Decisions about money (and about the
 * user's own organization) are essential: always delivered, in the app and by e-mail, with no
 * unsubscribe link.
 */
export const NOTIFICATION_CATEGORIES = ['decisions', 'payments', 'orders', 'messages', 'reviews', 'reminders'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const ESSENTIAL_CATEGORIES: readonly NotificationCategory[] = ['decisions', 'payments'];

export const CATEGORY_NAMES: Readonly<Record<NotificationCategory, { zh: string; en: string }>> = {
  decisions: { zh: '审核与资金决定', en: 'Decisions' },
  payments: { zh: '付款与拨付', en: 'Payments and disbursements' },
  orders: { zh: '订单进展', en: 'Order progress' },
  messages: { zh: '订单留言', en: 'Order messages' },
  reviews: { zh: '待办审核', en: 'Reviews to do' },
  reminders: { zh: '到期提醒', en: 'Reminders' },
};

export function isEssential(category: NotificationCategory): boolean {
  return ESSENTIAL_CATEGORIES.includes(category);
}
