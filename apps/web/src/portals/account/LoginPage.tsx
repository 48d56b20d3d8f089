import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';

/** A same-site path to go back to after signing in (never another origin). */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  try {
    const url = new URL(next, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback;
  }
}

export function LoginPage() {
  const { t } = useTranslation('account');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const me = await signIn(v.email.trim(), v.password);
      const home = me.roles.length ? '/admin' : me.memberships.some((m) => m.profiles.includes('provider')) ? '/provider' : '/enterprise';
      void navigate(safeNext(params.get('next'), home), { replace: true });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '24px auto' }}>
      <Typography.Title level={3} className="page-title">{t('login.title')}</Typography.Title>
      <ProblemAlert error={error} />
      <Form layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="email" label={t('fields.email')} rules={[{ required: true, type: 'email', message: t('common:form.email') }]}>
          <Input autoComplete="username" inputMode="email" />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.password') }) }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('login.submit')}</Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('login.noAccount')} <Link to={`/register${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>{t('login.registerLink')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
