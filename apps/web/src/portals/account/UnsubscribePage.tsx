import { useState } from 'react';
import { Button, Card, Result, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';

/** The landing page of an e-mail's unsubscribe link: says what it turns off, and only a click changes it. */
export function UnsubscribePage() {
  const { t, i18n } = useTranslation('account');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = useQuery({ queryKey: ['unsubscribe', token], enabled: token.length > 0, queryFn: () => call(api.GET('/api/v1/notifications/unsubscribe', { params: { query: { token } } })) });
  if (!token) return <Result status="warning" title={t('unsubscribe.badLink')} />;
  if (done) return <Result status="success" title={t('unsubscribe.done')} extra={<Link to="/account/notifications">{t('notifications.settings')}</Link>} />;
  return (
    <Card style={{ maxWidth: 520, margin: '24px auto' }}>
      <Typography.Title level={3} className="page-title">{t('unsubscribe.title')}</Typography.Title>
      <ProblemAlert error={error} />
      <QueryState query={q}>
        {(d) => {
          const name = (d.name as unknown as { zh: string; en: string })[i18n.language === 'en-US' ? 'en' : 'zh'];
          return (
            <>
              <Typography.Paragraph>{t('unsubscribe.explain', { name })}</Typography.Paragraph>
              <Button
                type="primary"
                onClick={() =>
                  void call(api.POST('/api/v1/notifications/unsubscribe', { params: { query: { token } }, body: { 'List-Unsubscribe': 'One-Click' } })).then(
                    () => setDone(true),
                    setError,
                  )
                }
              >
                {t('unsubscribe.confirm')}
              </Button>
            </>
          );
        }}
      </QueryState>
    </Card>
  );
}
