/**
 * OrderStatusTag — an order's status as a coloured, localized tag (role-neutral).
 *
 * Props:
 *  - `status`: the order's status (`Schemas['OrderViewDto']['status']`: requested, quoted, contracted,
 *    paid, in_progress, delivered, completed, declined, disputed, refunded, cancelled).
 *
 * Labels come from the `orders` namespace (`status.<status>`); `orderStatusColor(status)` is exported
 * for lists that colour other things the same way.
 */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

export type OrderStatus = Schemas['OrderViewDto']['status'];

const COLORS: Record<OrderStatus, string> = {
  requested: 'default',
  quoted: 'gold',
  contracted: 'blue',
  paid: 'cyan',
  in_progress: 'processing',
  delivered: 'purple',
  completed: 'success',
  declined: 'default',
  disputed: 'error',
  refunded: 'warning',
  cancelled: 'default',
};

export function orderStatusColor(status: OrderStatus): string {
  return COLORS[status] ?? 'default';
}

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('orders');
  // the text stays dark on every colour (4.5:1 contrast); the colour is in the background and border
  return (
    <Tag color={orderStatusColor(status)} style={{ color: 'rgba(0, 0, 0, 0.85)' }}>
      {t(`status.${status}`, { defaultValue: status })}
    </Tag>
  );
}
