import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { applyProblemToForm } from '../../lib/forms';
import { FileLink } from './FileField';
import { QualificationRows, certificateMessages, qualificationValues, qualificationsBody, type QualificationValues } from './QualificationFields';
import { formatDate, nameOf, useCategories, useProvider, useProviderId, useRegions, type Provider } from './reference';

const ADMISSION_COLORS: Record<Provider['admissionStatus'], string> = {
  applied: 'blue',
  under_review: 'blue',
  in_notice: 'gold',
  admitted: 'green',
  rejected: 'red',
  suspended: 'orange',
  delisted: 'default',
  expired: 'default',
};

export function AdmissionTag({ status }: { status: Provider['admissionStatus'] }) {
  const { t } = useTranslation('provider');
  return <Tag color={ADMISSION_COLORS[status]}>{t(`admissionStatus.${status}`)}</Tag>;
}

const STEP_OF: Partial<Record<Provider['admissionStatus'], number>> = { applied: 0, under_review: 1, in_notice: 2, admitted: 3, rejected: 1 };

/** The admission (入库) status: the steps, the public notice and its end, reasons, the admitted categories, qualifications and their certificates (edited here); Stripe onboarding. */
export function AdmissionPage() {
  const { t, i18n } = useTranslation('provider');
  const id = useProviderId();
  const provider = useProvider(id);
  const categories = useCategories();
  const regions = useRegions();
  const lang = i18n.language;
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('admission.title')}</Typography.Title>
      <QueryState query={provider} rows={8}>
        {(p) => {
          const step = STEP_OF[p.admissionStatus];
          const noticeOpen = p.admissionStatus === 'in_notice' && p.noticeEndsAt && new Date(p.noticeEndsAt).getTime() > Date.now();
          return (
            <Space orientation="vertical" size={16} style={{ width: '100%' }}>
              <Card>
                <Space wrap style={{ marginBottom: 16 }}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <AdmissionTag status={p.admissionStatus} />
                </Space>
                {step !== undefined && (
                  <Steps
                    size="small"
                    responsive
                    current={step}
                    status={p.admissionStatus === 'rejected' ? 'error' : p.admissionStatus === 'admitted' ? 'finish' : 'process'}
                    items={[
                      { title: t('admission.steps.applied') },
                      { title: t('admission.steps.review') },
                      { title: t('admission.steps.notice') },
                      { title: t('admission.steps.admitted') },
                    ]}
                  />
                )}
                <div style={{ marginTop: 16 }}>
                  {p.admissionStatus === 'applied' || p.admissionStatus === 'under_review' ? <Alert type="info" showIcon title={t('admission.waiting')} /> : null}
                  {p.admissionStatus === 'in_notice' ? (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('admission.notice', { start: formatDate(p.noticeStartsAt, lang), end: formatDate(p.noticeEndsAt, lang) })}
                      description={
                        <>
                          {noticeOpen ? t('admission.noticeRunning') : t('admission.noticeEnded')}
                          {p.openObjections > 0 ? <div>{t('admission.objections', { count: p.openObjections })}</div> : null}
                        </>
                      }
                    />
                  ) : null}
                  {p.admissionStatus === 'admitted' ? (
                    <Alert type="success" showIcon title={t('admission.admitted', { at: formatDate(p.admittedAt, lang), until: formatDate(p.admissionExpiresAt, lang) })} />
                  ) : null}
                  {p.admissionStatus === 'rejected' || p.admissionStatus === 'suspended' || p.admissionStatus === 'delisted' || p.admissionStatus === 'expired' ? (
                    <Alert type="error" showIcon title={t(`admission.closed.${p.admissionStatus}`)} description={p.decisionReason ? t('admission.reason', { reason: p.decisionReason }) : undefined} />
                  ) : null}
                  {p.decisionReason && (p.admissionStatus === 'admitted' || p.admissionStatus === 'in_notice') ? (
                    <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('admission.reason', { reason: p.decisionReason })}</Typography.Paragraph>
                  ) : null}
                  {p.pendingChangeRequestId ? <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('admission.changePending')} /> : null}
                </div>
              </Card>

              <Card title={t('admission.details')}>
                <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
                  <Descriptions.Item label={t('fields.uscc')}>{p.uscc}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.region')}>{nameOf(regions.data, 'code', p.regionCode)}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.legalRepresentative')}>{p.legalRepresentative}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.contactPhone')}>{p.contactPhone}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.registeredAddress')}>{p.registeredAddress}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.bankAccount')}>{p.bankAccount ? `${p.bankAccount.bankName} · ${p.bankAccount.accountNo}` : '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.providerTypes')}>
                    <Space wrap size={4}>{p.providerTypes.map((x) => <Tag key={x}>{t(`providerType.${x}`)}</Tag>)}</Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.submittedAt')}>{formatDate(p.submittedAt, lang)}</Descriptions.Item>
                  <Descriptions.Item label={t('fields.categories')} span={2}>
                    <Space wrap size={4}>
                      {p.categoryIds.map((c) => (
                        <Tag key={c} color={p.admittedCategoryIds.includes(c) ? 'green' : undefined}>{nameOf(categories.data, 'id', c)}</Tag>
                      ))}
                    </Space>
                    {p.admittedCategoryIds.length > 0 ? <div><Typography.Text type="secondary">{t('admission.admittedCategoriesHint')}</Typography.Text></div> : null}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.qualifications')} span={2}>
                    {p.qualifications.length === 0
                      ? t('admission.noQualifications')
                      : p.qualifications.map((q) => (
                          <div key={q.id}>
                            {t(`qualification.${q.kind}`)} · {q.number}
                            {q.expiresOn ? ` · ${t('admission.expiresOn', { date: q.expiresOn })}` : ''}
                            {' · '}
                            {q.certificateFileId ? (
                              <FileLink id={q.certificateFileId} name={t('admission.certificateOf', { kind: q.kind })} />
                            ) : (
                              <Tag color="red">{t('admission.noCertificate')}</Tag>
                            )}
                          </div>
                        ))}
                  </Descriptions.Item>
                </Descriptions>
              </Card>

              <QualificationsCard provider={p} />

              {p.admissionStatus === 'admitted' ? <StripeCard providerId={p.id} /> : null}
            </Space>
          );
        }}
      </QueryState>
    </>
  );
}

const FROZEN: Provider['admissionStatus'][] = ['under_review', 'in_notice'];
const REVIEWED: Provider['admissionStatus'][] = ['admitted', 'suspended', 'expired'];

/**
 * The qualifications and their certificates, edited (PATCH /providers/:id with the whole list):
 * before admission the edit applies at once; once admitted it becomes a change request (202);
 * during the review and the public notice the application is frozen (the API's 409).
 */
function QualificationsCard({ provider: p }: { provider: Provider }) {
  const { t } = useTranslation('provider');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ qualifications: QualificationValues[] }>();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const missing = p.qualifications.filter((q) => !q.certificateFileId).length;
  const frozen = FROZEN.includes(p.admissionStatus);
  const reviewed = REVIEWED.includes(p.admissionStatus);
  const pending = !!p.pendingChangeRequestId;
  const save = useMutation({
    mutationFn: async (v: { qualifications: QualificationValues[] }) => {
      const res = await api.PATCH('/api/v1/providers/{id}', { params: { path: { id: p.id } }, body: { qualifications: qualificationsBody(v.qualifications) } });
      await call(Promise.resolve(res));
      return res.response.status === 202;
    },
    onSuccess: async (requested) => {
      setEditing(false);
      setProblem(null);
      void message.success(requested ? t('admission.changeRequested') : t('admission.saved'));
      await qc.invalidateQueries({ queryKey: ['provider', p.id] });
    },
    onError: (e) => setProblem(applyProblemToForm(form, e, {}, certificateMessages(t)) ? null : e),
  });
  return (
    <Card
      title={t('admission.qualificationsTitle')}
      extra={
        !editing && !frozen && !pending ? (
          <Button size="small" onClick={() => { form.setFieldsValue({ qualifications: qualificationValues(p.qualifications) }); setProblem(null); setEditing(true); }}>
            {t('admission.editQualifications')}
          </Button>
        ) : null
      }
    >
      {missing > 0 ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(frozen ? 'admission.missingCertificatesFrozen' : 'admission.missingCertificates', { count: missing })} />
      ) : null}
      <Typography.Paragraph type="secondary">
        {frozen ? t('admission.editFrozen') : pending ? t('admission.editPending') : reviewed ? t('admission.editReviewed') : t('admission.editNow')}
      </Typography.Paragraph>
      {editing ? (
        <Form form={form} layout="vertical" requiredMark onFinish={(v) => save.mutate(v)} scrollToFirstError>
          <ProblemAlert error={problem} />
          <QualificationRows />
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common:actions.save')}</Button>
            <Button onClick={() => setEditing(false)}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      ) : null}
    </Card>
  );
}

/**
 * Online card payments (Stripe Connect Express). Shown only when the API has Stripe: the account
 * state once onboarding started; a start button when the API has no account yet; nothing but a note
 * when the API answers STRIPE_NOT_CONFIGURED.
 */
function StripeCard({ providerId }: { providerId: string }) {
  const { t } = useTranslation('provider');
  const [notConfigured, setNotConfigured] = useState(false);
  const account = useQuery({
    queryKey: ['provider', providerId, 'stripe'],
    retry: false,
    queryFn: async () => {
      try {
        return await call(api.GET('/api/v1/providers/{id}/stripe/account', { params: { path: { id: providerId } } }));
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) {
          if (e.code === 'STRIPE_NOT_CONFIGURED') setNotConfigured(true);
          return null;
        }
        throw e;
      }
    },
  });
  const onboard = useMutation({
    mutationFn: () => call(api.POST('/api/v1/providers/{id}/stripe/onboarding', { params: { path: { id: providerId } } })),
    onSuccess: (a) => {
      if (a.url) window.location.assign(a.url);
      else void account.refetch();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'STRIPE_NOT_CONFIGURED') setNotConfigured(true);
    },
  });
  if (account.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (notConfigured) {
    return (
      <Card title={t('stripe.title')}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('stripe.notConfigured')}</Typography.Paragraph>
      </Card>
    );
  }
  const a = account.data;
  return (
    <Card title={t('stripe.title')}>
      {account.isError ? <ProblemAlert error={account.error} onRetry={() => void account.refetch()} /> : null}
      {onboard.isError ? <ProblemAlert error={onboard.error} /> : null}
      <Typography.Paragraph type="secondary">{t('stripe.intro')}</Typography.Paragraph>
      {a ? (
        <Space orientation="vertical">
          <span>
            {t('stripe.status')}: <Tag color={a.status === 'active' ? 'green' : 'gold'}>{t(`stripe.state.${a.status}`)}</Tag>
          </span>
          {a.lastError ? <Alert type="warning" showIcon title={t('stripe.retrying')} /> : null}
          {a.status !== 'active' ? (
            <Button type="primary" loading={onboard.isPending} onClick={() => onboard.mutate()}>{t('stripe.continue')}</Button>
          ) : null}
        </Space>
      ) : (
        <Button type="primary" loading={onboard.isPending} onClick={() => onboard.mutate()}>{t('stripe.start')}</Button>
      )}
    </Card>
  );
}
