import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../api/client';

/** The unread count, polled each minute; opens the notification list. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { unread: true, pageSize: 1 } } })),
    refetchInterval: 60_000,
  });
  const count = q.data?.unreadCount ?? 0;
  return (
    <Badge count={count} size="small" overflowCount={99}>
      <Button
        type="text"
        aria-label={t('nav.notificationsCount', { count })}
        icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />}
        onClick={() => void navigate('/notifications')}
      />
    </Badge>
  );
}
