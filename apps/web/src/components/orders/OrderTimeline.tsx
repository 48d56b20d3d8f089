/**
 * OrderTimeline — the order's history (GET /api/v1/orders/:id answers `history`), oldest first,
 * as an antd Timeline (role-neutral).
 *
 * Props:
 *  - `history`: `Schemas['OrderHistoryEntryDto'][]` (action, actorId, at, status, reason).
 *  - `actorName?`: `(actorId: string | null) => string | undefined` — a name for an actor (e.g. "您"
 *    for the signed-in user); without it no actor is shown. `null` actorId is the system (timers).
 *  - `hideActions?`: actions to leave out (e.g. `['message']` to keep the thread out of the timeline).
 *
 * Action labels come from the `orders` namespace (`history.<action>` with dots as underscores);
 * unknown actions show as they are.
 */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { OrderStatusTag, type OrderStatus } from './OrderStatusTag';

export type OrderHistoryEntry = Schemas['OrderHistoryEntryDto'];

export function formatDateTime(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function OrderTimeline({
  history,
  actorName,
  hideActions = [],
}: {
  history: OrderHistoryEntry[];
  actorName?: (actorId: string | null) => string | undefined;
  hideActions?: string[];
}) {
  const { t, i18n } = useTranslation('orders');
  const entries = history.filter((h) => !hideActions.includes(h.action));
  if (entries.length === 0) return <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>;
  return (
    <Timeline
      items={entries.map((h, i) => {
        const who = actorName?.(h.actorId) ?? (h.actorId === null ? t('timeline.system') : undefined);
        return {
          key: `${h.at}-${i}`,
          color: h.status === 'disputed' || h.action === 'dispute' ? 'red' : h.status === 'completed' ? 'green' : 'blue',
          content: (
            <div>
              <Typography.Text strong>{t(`history.${h.action.replace(/\./g, '_')}`, { defaultValue: h.action })}</Typography.Text>
              {h.status ? <> <OrderStatusTag status={h.status as OrderStatus} /></> : null}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(h.at, i18n.language)}
                  {who ? ` · ${who}` : ''}
                </Typography.Text>
              </div>
              {h.reason ? <Typography.Paragraph style={{ marginBottom: 0 }}>{t('timeline.reason', { reason: h.reason })}</Typography.Paragraph> : null}
            </div>
          ),
        };
      })}
    />
  );
}
