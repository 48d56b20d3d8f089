import { useState } from 'react';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyProblemToForm } from '../../lib/forms';
import { safeNext } from './LoginPage';

interface Values {
  displayName: string;
  email: string;
  password: string;
}

export function RegisterPage() {
  const { t, i18n } = useTranslation('account');
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/api/v1/auth/register', { body: { email: v.email.trim(), password: v.password, displayName: v.displayName.trim(), locale: i18n.language === 'en-US' ? 'en' : 'zh' } }));
      await signIn(v.email.trim(), v.password);
      void navigate(safeNext(params.get('next'), '/account/start'), { replace: true });
    } catch (e) {
      if (!applyProblemToForm(form, e)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 460, margin: '24px auto' }}>
      <Typography.Title level={3} className="page-title">{t('register.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('register.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item name="displayName" label={t('fields.displayName')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('fields.displayName') }) }, { max: 100, message: t('common:form.tooLong', { max: 100 }) }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('fields.email')} rules={[{ required: true, type: 'email', message: t('common:form.email') }, { max: 254 }]}>
          <Input autoComplete="email" inputMode="email" />
        </Form.Item>
        <Form.Item name="password" label={t('fields.password')} extra={t('register.passwordRule')} rules={[{ required: true, min: 10, max: 128, message: t('register.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>{t('register.submit')}</Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </Typography.Paragraph>
    </Card>
  );
}
