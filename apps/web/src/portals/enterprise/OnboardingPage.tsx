// Onboarding: a signed-in user without an enterprise registers one (POST /api/v1/enterprises);
// the caller becomes its owner and it waits for verification. The business licence is uploaded
// first (POST /api/v1/files) and sent as businessLicenceFileId.
import { useState } from 'react';
import { Button, Card, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ActionProblem } from './ActionProblem';
import { applyProblemToForm } from '../../lib/forms';
import { checkUscc } from '../../lib/uscc';
import { EnterpriseFields, FIELD_ALIASES, enterpriseBody, licenceMessages, type EnterpriseFormValues } from './EnterpriseForm';

export function OnboardingPage() {
  const { t } = useTranslation('enterprise');
  const { reloadMe } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const onFinish = async (v: EnterpriseFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const uscc = checkUscc(v.uscc);
      await call(api.POST('/api/v1/enterprises', { body: { ...enterpriseBody(v), uscc: uscc.ok ? uscc.value : v.uscc.trim() } }));
      await reloadMe();
      void navigate('/enterprise/profile', { replace: true });
    } catch (e) {
      if (!applyProblemToForm(form, e, FIELD_ALIASES, licenceMessages(t))) setError(e);
      else setError(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 960, margin: '0 auto' }}>
      <Typography.Title level={3} className="page-title">{t('onboarding.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('onboarding.intro')}</Typography.Paragraph>
      <ActionProblem error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} scrollToFirstError initialValues={{ littleGiant: false }}>
        <EnterpriseFields />
        <Button type="primary" htmlType="submit" loading={busy}>{t('onboarding.submit')}</Button>
      </Form>
    </Card>
  );
}
