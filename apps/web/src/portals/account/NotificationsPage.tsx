import { useState } from 'react';
import { Badge, Button, List, Pagination, Segmented, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

export function NotificationsPage() {
  const { t, i18n } = useTranslation('account');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [unread, setUnread] = useState(false);
  const q = useQuery({
    queryKey: ['notifications', 'list', page, unread, i18n.language],
    queryFn: () => call(api.GET('/api/v1/notifications', { params: { query: { page, pageSize: 20, ...(unread ? { unread: true } : {}) } } })),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  const readAll = useMutation({ mutationFn: () => call(api.POST('/api/v1/notifications/read-all')), onSuccess: refresh });
  const open = async (n: { id: string; read: boolean; link: string | null }) => {
    if (!n.read) await call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })).then(refresh, () => undefined);
    if (n.link) void navigate(n.link);
  };
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={3} className="page-title">{t('notifications.title')}</Typography.Title>
        <Space wrap>
          <Segmented
            value={unread ? 'unread' : 'all'}
            onChange={(v) => {
              setUnread(v === 'unread');
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unread') },
            ]}
          />
          <Button onClick={() => readAll.mutate()} loading={readAll.isPending}>{t('notifications.readAll')}</Button>
          <Link to="/account/notifications">{t('notifications.settings')}</Link>
        </Space>
      </Space>
      <ProblemAlert error={readAll.error} />
      <QueryState query={q} isEmpty={(d) => d.items.length === 0} empty={t('notifications.empty')}>
        {(d) => (
          <>
            <List
              bordered
              style={{ background: '#fff' }}
              dataSource={d.items}
              renderItem={(n) => (
                <List.Item
                  onClick={() => void open(n)}
                  style={{ cursor: n.link ? 'pointer' : 'default' }}
                  extra={<Typography.Text type="secondary">{new Date(n.createdAt).toLocaleString(i18n.language)}</Typography.Text>}
                >
                  <List.Item.Meta
                    title={
                      <Space>
                        {!n.read && <Badge status="processing" aria-label={t('notifications.unread')} />}
                        <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.title}</span>
                      </Space>
                    }
                    description={n.body}
                  />
                </List.Item>
              )}
            />
            <Pagination style={{ marginTop: 16 }} current={d.page} pageSize={d.pageSize} total={d.total} onChange={setPage} hideOnSinglePage />
          </>
        )}
      </QueryState>
    </>
  );
}
