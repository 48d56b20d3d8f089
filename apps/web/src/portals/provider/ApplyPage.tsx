import { useState, type ComponentProps } from 'react';
import { Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { applyProblemToForm } from '../../lib/forms';
import { checkUscc } from '../../lib/uscc';
import { PROVIDER_TYPES, useCategories, useIdempotencyKey, useRegions } from './reference';
import { QualificationRows, certificateMessages, qualificationsBody, type QualificationValues } from './QualificationFields';

interface Values {
  name: string;
  uscc: string;
  regionCode: string;
  legalRepresentative: string;
  registeredAddress: string;
  contactPhone: string;
  establishedOn?: Dayjs | null;
  bankName: string;
  accountName: string;
  accountNo: string;
  cnapsCode?: string;
  providerTypes: (typeof PROVIDER_TYPES)[number][];
  categoryIds: string[];
  qualifications?: QualificationValues[];
  controllerGroup?: string;
  shareholders?: string[];
}

// the API's field paths → this form's field names
const ALIASES = {
  'bankAccount.bankName': 'bankName',
  'bankAccount.accountName': 'accountName',
  'bankAccount.accountNo': 'accountNo',
  'bankAccount.cnapsCode': 'cnapsCode',
  bankAccount: 'accountName',
};

/** The admission (入库) application: the organization's identity, bank account, provider types, categories and qualifications with their certificates. */
export function ApplyPage() {
  const { t, i18n } = useTranslation('provider');
  const { reloadMe } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const regions = useRegions();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { key, settle } = useIdempotencyKey();
  const en = i18n.language === 'en-US';
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field }) });
  const max = (n: number) => ({ max: n, message: t('common:form.tooLong', { max: n }) });

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/providers', {
          headers: { 'Idempotency-Key': key },
          body: {
            name: v.name.trim(),
            uscc: v.uscc.trim().toUpperCase(),
            regionCode: v.regionCode,
            legalRepresentative: v.legalRepresentative.trim(),
            registeredAddress: v.registeredAddress.trim(),
            contactPhone: v.contactPhone.trim(),
            establishedOn: v.establishedOn ? v.establishedOn.format('YYYY-MM-DD') : null,
            bankAccount: { bankName: v.bankName.trim(), accountName: v.accountName.trim(), accountNo: v.accountNo.trim(), cnapsCode: v.cnapsCode?.trim() || null },
            providerTypes: v.providerTypes,
            categoryIds: v.categoryIds,
            qualifications: qualificationsBody(v.qualifications),
            controllerGroup: v.controllerGroup?.trim() || null,
            shareholders: v.shareholders?.length ? v.shareholders : null,
          },
        }),
      );
      await reloadMe();
      void navigate('/provider/admission', { replace: true });
    } catch (e) {
      settle(e);
      if (!applyProblemToForm(form, e, ALIASES, certificateMessages(t))) setError(e);
      else setError(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={3} className="page-title">{t('apply.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('apply.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        scrollToFirstError
        initialValues={{ providerTypes: [], categoryIds: [], qualifications: [{ kind: 'CMA', number: '' }] }}
        onValuesChange={(changed: Partial<Values>) => {
          // the bank account is in the organization's registered name: follow the name until edited
          if (changed.name !== undefined && (!form.isFieldTouched('accountName') || !form.getFieldValue('accountName'))) form.setFieldValue('accountName', changed.name);
        }}
        onFinish={(v) => void onFinish(v)}
      >
        <Card title={t('apply.identity')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('fields.orgName')} rules={[req(t('fields.orgName')), max(200)]}>
                <Input autoComplete="organization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="uscc"
                label={t('fields.uscc')}
                extra={t('apply.usccHelp')}
                validateTrigger="onBlur"
                rules={[
                  req(t('fields.uscc')),
                  {
                    validator: (_r, value: string | undefined) => {
                      if (!value?.trim()) return Promise.resolve();
                      const r = checkUscc(value);
                      return r.ok ? Promise.resolve() : Promise.reject(new Error(en ? r.en : r.zh));
                    },
                  },
                ]}
              >
                <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label={t('fields.region')} rules={[req(t('fields.region'))]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={regions.isPending}
                  options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="legalRepresentative" label={t('fields.legalRepresentative')} rules={[req(t('fields.legalRepresentative')), max(100)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="registeredAddress" label={t('fields.registeredAddress')} rules={[req(t('fields.registeredAddress')), max(300)]}>
                <Input autoComplete="street-address" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="contactPhone"
                label={t('fields.contactPhone')}
                rules={[req(t('fields.contactPhone')), { pattern: /^\+?[0-9][0-9 ()-]{2,38}[0-9]$/, message: t('apply.phoneRule') }]}
              >
                <Input autoComplete="tel" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="establishedOn" label={t('fields.establishedOn')}>
                <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="controllerGroup" label={t('fields.controllerGroup')} extra={t('apply.controllerHelp')} rules={[max(200)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="shareholders" label={t('fields.shareholders')} extra={t('apply.shareholdersHelp')}>
                <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('apply.bank')} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="bankName" label={t('fields.bankName')} rules={[req(t('fields.bankName')), max(100)]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="accountName"
                label={t('fields.accountName')}
                extra={t('apply.accountNameHelp')}
                dependencies={['name']}
                rules={[
                  req(t('fields.accountName')),
                  ({ getFieldValue }) => ({
                    validator: (_r, value: string | undefined) =>
                      !value || value.trim() === String(getFieldValue('name') ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(t('apply.accountNameMismatch'))),
                  }),
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="accountNo" label={t('fields.accountNo')} rules={[req(t('fields.accountNo')), { pattern: /^[0-9][0-9 -]{4,38}[0-9]$/, message: t('apply.accountNoRule') }]}>
                <Input inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="cnapsCode" label={t('fields.cnapsCode')} extra={t('apply.cnapsHelp')} rules={[{ pattern: /^\d{12}$/, message: t('apply.cnapsRule') }]}>
                <Input inputMode="numeric" maxLength={12} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title={t('apply.services')} style={{ marginBottom: 16 }}>
          <Form.Item name="providerTypes" label={t('fields.providerTypes')} rules={[{ required: true, type: 'array', min: 1, message: t('apply.providerTypesRule') }]}>
            <CheckboxGroup ariaLabel={t('fields.providerTypes')}>
              <Row gutter={[8, 8]}>
                {PROVIDER_TYPES.map((p) => (
                  <Col key={p} xs={24} sm={12} md={8}>
                    <Checkbox value={p}>{t(`providerType.${p}`)}</Checkbox>
                  </Col>
                ))}
              </Row>
            </CheckboxGroup>
          </Form.Item>
          <Form.Item name="categoryIds" label={t('fields.categories')} extra={t('apply.categoriesHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('apply.categoriesRule') }]}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              loading={categories.isPending}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.label }))}
            />
          </Form.Item>
        </Card>

        <Card title={t('apply.qualifications')} style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('apply.qualificationsHelp')}</Typography.Paragraph>
          <QualificationRows />
        </Card>

        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>{t('apply.submit')}</Button>
        </Space>
      </Form>
    </>
  );
}

/** A checkbox group as a form control: a named group (Form.Item's aria-required is not allowed on it). */
function CheckboxGroup({ ariaLabel, 'aria-required': _required, ...props }: ComponentProps<typeof Checkbox.Group> & { ariaLabel: string; 'aria-required'?: unknown }) {
  return <Checkbox.Group {...props} role="group" aria-label={ariaLabel} />;
}
