// The organization profile: identity, size class, the business licence, verification status (the
// rejection reason and resubmit, with a replaced licence when needed), editing, and the members
// (owners add and remove them).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { applyProblemToForm } from '../../lib/forms';
import { VerificationBanner, VerificationTag } from './common';
import { ActionProblem } from './ActionProblem';
import { formatDate, useEnterprise, useEnterpriseId, useRegionName, type Enterprise } from './data';
import { EnterpriseFields, FIELD_ALIASES, LicenceItem, enterpriseBody, licenceMessages, valuesOf, type EnterpriseFormValues } from './EnterpriseForm';
import { FileLink } from '../provider/FileField';

export default function ProfilePage() {
  const { t } = useTranslation('enterprise');
  const id = useEnterpriseId();
  const enterprise = useEnterprise(id);
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('profile.title')}</Typography.Title>
      <QueryState query={enterprise} rows={8}>
        {(e) => (
          <>
            <ProfileCard enterprise={e} />
            <MembersCard organizationId={e.id} />
          </>
        )}
      </QueryState>
    </>
  );
}

function ProfileCard({ enterprise: e }: { enterprise: Enterprise }) {
  const { t, i18n } = useTranslation('enterprise');
  const { me, reloadMe } = useAuth();
  const owner = me?.memberships.find((m) => m.organizationId === e.id)?.role === 'owner';
  const qc = useQueryClient();
  const { message } = App.useApp();
  const regionName = useRegionName();
  const [editing, setEditing] = useState(false);
  const [saveProblem, setSaveProblem] = useState<unknown>(null);
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [resubmitForm] = Form.useForm<{ businessLicenceFileId?: string | null }>();
  const [resubmitProblem, setResubmitProblem] = useState<unknown>(null);
  const resubmit = useMutation({
    // a replaced licence goes with the resubmission; the same one is not sent again
    mutationFn: (licence: string | null | undefined) =>
      call(
        api.POST('/api/v1/enterprises/{id}/resubmit', {
          params: { path: { id: e.id } },
          body: licence && licence !== e.businessLicenceFileId ? { businessLicenceFileId: licence } : {},
        }),
      ),
    onSuccess: (fresh) => {
      setResubmitProblem(null);
      qc.setQueryData(['enterprise', e.id], fresh);
      void message.success(t('profile.resubmitted'));
    },
    onError: (err) => setResubmitProblem(applyProblemToForm(resubmitForm, err, {}, licenceMessages(t)) ? null : err),
  });
  const save = useMutation({
    mutationFn: (v: EnterpriseFormValues) => {
      const { businessLicenceFileId, ...body } = enterpriseBody(v);
      // the licence only when replaced (a new one sends a verified enterprise back to review)
      const licence = businessLicenceFileId && businessLicenceFileId !== e.businessLicenceFileId ? { businessLicenceFileId } : {};
      return call(api.PATCH('/api/v1/enterprises/{id}', { params: { path: { id: e.id } }, body: { ...body, bankAccount: body.bankAccount ?? undefined, ...licence } }));
    },
    onSuccess: async (fresh) => {
      qc.setQueryData(['enterprise', e.id], fresh);
      setEditing(false);
      void message.success(t('common:states.saved'));
      await reloadMe();
    },
    onError: (err) => setSaveProblem(applyProblemToForm(form, err, FIELD_ALIASES, licenceMessages(t)) ? null : err),
  });
  const lang = i18n.language;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={
        <Space wrap>
          <span>{e.name}</span>
          <VerificationTag status={e.status} />
        </Space>
      }
      extra={!editing ? <Button size="small" onClick={() => { form.setFieldsValue(valuesOf(e)); setEditing(true); }}>{t('profile.edit')}</Button> : null}
    >
      <VerificationBanner enterprise={e} />
      {!e.businessLicenceFileId && !editing && e.status !== 'rejected' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('profile.licenceMissing')} />
      ) : null}
      {e.status === 'rejected' && owner && !editing ? (
        <Form
          form={resubmitForm}
          layout="vertical"
          requiredMark={false}
          initialValues={{ businessLicenceFileId: e.businessLicenceFileId }}
          onFinish={(v) => resubmit.mutate(v.businessLicenceFileId)}
          style={{ marginBottom: 16 }}
        >
          <Typography.Paragraph>{t('profile.resubmitHint')} {t('profile.resubmitLicence')}</Typography.Paragraph>
          <LicenceItem />
          <Button type="primary" htmlType="submit" loading={resubmit.isPending}>{t('profile.resubmit')}</Button>
        </Form>
      ) : null}
      <ProblemAlert error={resubmitProblem} />
      {editing ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => save.mutate(v)} scrollToFirstError>
          {e.status === 'verified' ? <Typography.Paragraph type="warning">{t('profile.editReverifies')}</Typography.Paragraph> : null}
          <ProblemAlert error={saveProblem} />
          <EnterpriseFields usccLocked verified={e.status === 'verified'} />
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common:actions.save')}</Button>
            <Button onClick={() => setEditing(false)}>{t('common:actions.cancel')}</Button>
          </Space>
        </Form>
      ) : (
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
          <Descriptions.Item label={t('fields.uscc')}>{e.uscc}</Descriptions.Item>
          <Descriptions.Item label={t('fields.regionCode')}>{regionName(e.regionCode)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.sizeClass')}>{t(`sizeClass.${e.sizeClass}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.industry')}>{t(`industry.${e.industry}`)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.employees')}>{e.employees}</Descriptions.Item>
          <Descriptions.Item label={t('fields.annualRevenue')}><Money fen={e.annualRevenueFen} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.totalAssets')}><Money fen={e.totalAssetsFen} /></Descriptions.Item>
          <Descriptions.Item label={t('fields.legalRepresentative')}>{e.legalRepresentative}</Descriptions.Item>
          <Descriptions.Item label={t('fields.contactPhone')}>{e.contactPhone}</Descriptions.Item>
          <Descriptions.Item label={t('fields.registeredAddress')}>{e.registeredAddress}</Descriptions.Item>
          <Descriptions.Item label={t('fields.establishedOn')}>{formatDate(e.establishedOn, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.bankAccount')}>
            {e.bankAccount ? `${e.bankAccount.bankName} · ${e.bankAccount.accountName} · ${e.bankAccount.accountNo}` : t('profile.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.flags')}>
            {[e.techSmeNo ? t('profile.techSme', { no: e.techSmeNo }) : null, e.highTechCertNo ? t('profile.highTech', { no: e.highTechCertNo, until: e.highTechCertExpiresOn ?? '—' }) : null, e.littleGiant ? t('fields.littleGiant') : null]
              .filter(Boolean)
              .join('；') || t('profile.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.businessLicence')}>
            {e.businessLicenceFileId ? <FileLink ns="enterprise" id={e.businessLicenceFileId} name={t('fields.businessLicence')} /> : <Typography.Text type="danger">{t('profile.licenceNone')}</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('profile.submittedAt')}>{formatDate(e.submittedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('profile.verifiedAt')}>{formatDate(e.verifiedAt, lang)}</Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

type Member = Schemas['MemberViewDto'];

function MembersCard({ organizationId }: { organizationId: string }) {
  const { t, i18n } = useTranslation('enterprise');
  const { me } = useAuth();
  const owner = me?.memberships.find((m) => m.organizationId === organizationId)?.role === 'owner';
  const qc = useQueryClient();
  const [form] = Form.useForm<{ email: string; role: 'owner' | 'member' }>();
  const key = ['members', organizationId];
  const members = useQuery({
    queryKey: key,
    queryFn: async () => (await call(api.GET('/api/v1/organizations/{id}/members', { params: { path: { id: organizationId } } }))) as unknown as Member[],
  });
  const add = useMutation({
    mutationFn: (v: { email: string; role: 'owner' | 'member' }) => call(api.POST('/api/v1/organizations/{id}/members', { params: { path: { id: organizationId } }, body: { email: v.email.trim(), role: v.role } })),
    onSuccess: async () => {
      form.resetFields();
      await qc.invalidateQueries({ queryKey: key });
    },
    onError: (e) => {
      // the API's field message is in English only: these two get the reader's words next to the field
      if (e instanceof ApiError && (e.code === 'USER_NOT_FOUND' || e.code === 'ALREADY_MEMBER')) {
        form.setFields([{ name: 'email', errors: [t(`problems.${e.code}`)] }]);
        setAddProblem(null);
      } else setAddProblem(applyProblemToForm(form, e) ? null : e);
    },
  });
  const [addProblem, setAddProblem] = useState<unknown>(null);
  const remove = useMutation({
    mutationFn: (userId: string) => call(api.DELETE('/api/v1/organizations/{id}/members/{userId}', { params: { path: { id: organizationId, userId } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  return (
    <Card size="small" title={t('members.title')}>
      <ActionProblem error={remove.error} />
      <QueryState query={members} rows={3} isEmpty={(d) => d.length === 0}>
        {(d) => (
          <div className="table-wrap">
            <Table<Member>
              size="small"
              rowKey="userId"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={d}
              columns={[
                { title: t('members.name'), dataIndex: 'displayName' },
                { title: t('members.email'), dataIndex: 'email' },
                { title: t('members.role'), dataIndex: 'role', render: (r: Member['role']) => t(`members.roles.${r}`) },
                { title: t('members.since'), dataIndex: 'createdAt', render: (v: string) => formatDate(v, i18n.language) },
                ...(owner
                  ? [
                      {
                        title: t('members.actions'),
                        key: 'actions',
                        render: (_: unknown, m: Member) =>
                          m.userId === me?.user.id ? null : (
                            <Popconfirm title={t('members.removeConfirm', { name: m.displayName })} onConfirm={() => remove.mutate(m.userId)}>
                              <Button size="small" danger aria-label={t('members.removeLabel', { name: m.displayName })}>{t('members.remove')}</Button>
                            </Popconfirm>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        )}
      </QueryState>
      {owner ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => add.mutate(v)} initialValues={{ role: 'member' }} style={{ marginTop: 16 }}>
          <Typography.Paragraph strong style={{ marginBottom: 8 }}>{t('members.add')}</Typography.Paragraph>
          <ActionProblem error={addProblem} />
          <Space wrap align="end">
            <Form.Item name="email" label={t('members.email')} rules={[{ required: true, type: 'email', message: t('common:form.email') }]} style={{ marginBottom: 0, minWidth: 220 }}>
              <Input inputMode="email" autoComplete="off" />
            </Form.Item>
            <Form.Item name="role" label={t('members.role')} style={{ marginBottom: 0, minWidth: 120 }}>
              <Select options={[{ value: 'member', label: t('members.roles.member') }, { value: 'owner', label: t('members.roles.owner') }]} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending}>{t('members.addButton')}</Button>
          </Space>
        </Form>
      ) : null}
    </Card>
  );
}
