// The enterprise's identity and size inputs, as registered (POST /enterprises) and edited
// (PATCH /enterprises/:id). Same rules as the API: lengths, the USCC check character, amounts in
// yuan shown and integer fen sent; the business licence (营业执照) uploaded and sent as its file id.
import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkUscc } from '../../lib/uscc';
import { fenToYuanInput, parseYuanToFen } from '../../lib/money';
import { DOCUMENT_MAX_MB, DocumentField } from '../provider/FileField';
import type { Enterprise } from './data';
import { useRegions } from './data';

export const INDUSTRIES = [
  'agriculture', 'industry', 'construction', 'wholesale', 'retail', 'transport', 'warehousing', 'postal', 'accommodation', 'catering',
  'information_transmission', 'software_it', 'real_estate_development', 'property_management', 'leasing_business_services', 'other',
] as const;

export interface EnterpriseFormValues {
  name: string;
  uscc: string;
  regionCode: string;
  industry: (typeof INDUSTRIES)[number];
  employees: number;
  annualRevenue: string;
  totalAssets: string;
  legalRepresentative: string;
  registeredAddress: string;
  contactPhone: string;
  establishedOn?: string;
  bankName?: string;
  bankAccountName?: string;
  bankAccountNo?: string;
  controllerGroup?: string;
  techSmeNo?: string;
  highTechCertNo?: string;
  highTechCertExpiresOn?: string;
  littleGiant?: boolean;
  /** The uploaded business licence (营业执照). */
  businessLicenceFileId?: string | null;
}

/** The API's field paths → this form's field names (for applyProblemToForm). */
export const FIELD_ALIASES: Record<string, string> = {
  annualRevenueFen: 'annualRevenue',
  totalAssetsFen: 'totalAssets',
  'bankAccount.bankName': 'bankName',
  'bankAccount.accountName': 'bankAccountName',
  'bankAccount.accountNo': 'bankAccountNo',
  bankAccount: 'bankAccountName',
};

const opt = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** The request body from the form's values. */
export function enterpriseBody(v: EnterpriseFormValues) {
  const bank = opt(v.bankName) || opt(v.bankAccountNo) ? { bankName: v.bankName!.trim(), accountName: (v.bankAccountName ?? '').trim(), accountNo: v.bankAccountNo!.trim() } : null;
  return {
    name: v.name.trim(),
    regionCode: v.regionCode,
    industry: v.industry,
    employees: v.employees,
    annualRevenueFen: parseYuanToFen(v.annualRevenue)!,
    totalAssetsFen: parseYuanToFen(v.totalAssets)!,
    legalRepresentative: v.legalRepresentative.trim(),
    registeredAddress: v.registeredAddress.trim(),
    contactPhone: v.contactPhone.trim(),
    establishedOn: opt(v.establishedOn),
    bankAccount: bank,
    controllerGroup: opt(v.controllerGroup),
    techSmeNo: opt(v.techSmeNo),
    highTechCertNo: opt(v.highTechCertNo),
    highTechCertExpiresOn: opt(v.highTechCertExpiresOn),
    littleGiant: v.littleGiant ?? false,
    businessLicenceFileId: v.businessLicenceFileId ?? null,
  };
}

export function valuesOf(e: Enterprise): EnterpriseFormValues {
  return {
    name: e.name,
    uscc: e.uscc,
    regionCode: e.regionCode,
    industry: e.industry,
    employees: e.employees,
    annualRevenue: fenToYuanInput(e.annualRevenueFen),
    totalAssets: fenToYuanInput(e.totalAssetsFen),
    legalRepresentative: e.legalRepresentative,
    registeredAddress: e.registeredAddress,
    contactPhone: e.contactPhone,
    establishedOn: e.establishedOn ?? undefined,
    bankName: e.bankAccount?.bankName,
    bankAccountName: e.bankAccount?.accountName,
    bankAccountNo: e.bankAccount?.accountNo,
    controllerGroup: e.controllerGroup ?? undefined,
    techSmeNo: e.techSmeNo ?? undefined,
    highTechCertNo: e.highTechCertNo ?? undefined,
    highTechCertExpiresOn: e.highTechCertExpiresOn ?? undefined,
    littleGiant: e.littleGiant,
    businessLicenceFileId: e.businessLicenceFileId,
  };
}

/** The fields, inside the caller's <Form>. `usccLocked` when editing (the USCC never changes); `verified` says a new licence is reviewed again. */
export function EnterpriseFields({ usccLocked, verified }: { usccLocked?: boolean; verified?: boolean }) {
  const { t, i18n } = useTranslation('enterprise');
  const regions = useRegions();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field: t(`fields.${field}`) }) });
  const max = (n: number) => ({ max: n, message: t('common:form.tooLong', { max: n }) });
  const yuan = (field: string) => ({
    validator: (_: unknown, v: string | undefined) => {
      if (!v || !v.trim()) return Promise.reject(new Error(t('common:form.required', { field: t(`fields.${field}`) })));
      return parseYuanToFen(v) === null ? Promise.reject(new Error(t('common:form.amountYuan'))) : Promise.resolve();
    },
  });
  const en = i18n.language === 'en-US';
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="name" label={t('fields.name')} rules={[required('name'), max(200)]}>
          <Input autoComplete="organization" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="uscc"
          label={t('fields.uscc')}
          extra={usccLocked ? undefined : t('fields.usccHint')}
          validateFirst
          rules={[
            required('uscc'),
            {
              validator: (_: unknown, v: string | undefined) => {
                if (!v || usccLocked) return Promise.resolve();
                const r = checkUscc(v);
                return r.ok ? Promise.resolve() : Promise.reject(new Error(en ? r.en : r.zh));
              },
            },
          ]}
        >
          <Input disabled={usccLocked} maxLength={18} style={{ textTransform: 'uppercase' }} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="regionCode" label={t('fields.regionCode')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.regionCode') }) }]}>
          <Select
            loading={regions.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={(regions.data ?? []).map((r) => ({ value: r.code, label: `${en ? r.nameEn : r.nameZh}` }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="industry" label={t('fields.industry')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.industry') }) }]}>
          <Select options={INDUSTRIES.map((i) => ({ value: i, label: t(`industry.${i}`) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="employees" label={t('fields.employees')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.employees') }) }]}>
          <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="annualRevenue" label={t('fields.annualRevenue')} rules={[yuan('annualRevenue')]}>
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="totalAssets" label={t('fields.totalAssets')} rules={[yuan('totalAssets')]}>
          <Input inputMode="decimal" prefix="¥" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="legalRepresentative" label={t('fields.legalRepresentative')} rules={[required('legalRepresentative'), max(100)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="contactPhone"
          label={t('fields.contactPhone')}
          rules={[required('contactPhone'), { pattern: /^\+?[0-9][0-9 ()-]{2,38}[0-9]$/, message: t('fields.phoneInvalid') }]}
        >
          <Input inputMode="tel" autoComplete="tel" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="registeredAddress" label={t('fields.registeredAddress')} rules={[required('registeredAddress'), max(300)]}>
          <Input autoComplete="street-address" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="establishedOn" label={t('fields.establishedOn')}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="controllerGroup" label={t('fields.controllerGroup')} extra={t('fields.controllerGroupHint')} rules={[max(200)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="bankName" label={t('fields.bankName')} rules={[max(100)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="bankAccountName"
          label={t('fields.bankAccountName')}
          dependencies={['name', 'bankName']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_: unknown, v: string | undefined) => {
                if (!getFieldValue('bankName') && !v) return Promise.resolve();
                return (v ?? '').trim() === String(getFieldValue('name') ?? '').trim() ? Promise.resolve() : Promise.reject(new Error(t('fields.bankAccountNameMismatch')));
              },
            }),
          ]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="bankAccountNo"
          label={t('fields.bankAccountNo')}
          dependencies={['bankName']}
          rules={[({ getFieldValue }) => ({ required: !!getFieldValue('bankName'), message: t('common:form.required', { field: t('fields.bankAccountNo') }) }), max(40)]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="techSmeNo" label={t('fields.techSmeNo')} rules={[max(50)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="highTechCertNo" label={t('fields.highTechCertNo')} rules={[max(50)]}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="highTechCertExpiresOn" label={t('fields.highTechCertExpiresOn')}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="littleGiant" valuePropName="checked">
          <Checkbox>{t('fields.littleGiant')}</Checkbox>
        </Form.Item>
      </Col>
      <Col xs={24}>
        <LicenceItem verified={verified} />
      </Col>
    </Row>
  );
}

/** The business licence (营业执照) as a required form field named `businessLicenceFileId`. */
export function LicenceItem({ verified }: { verified?: boolean }) {
  const { t } = useTranslation('enterprise');
  return (
    <Form.Item
      name="businessLicenceFileId"
      label={t('fields.businessLicence')}
      extra={
        <>
          <div>{t('fields.businessLicenceHint', { max: DOCUMENT_MAX_MB })}</div>
          {verified ? <div>{t('fields.businessLicenceReverifies')}</div> : null}
        </>
      }
      rules={[{ required: true, message: t('fields.businessLicenceRequired') }]}
    >
      <DocumentField ns="enterprise" label={t('fields.businessLicence')} buttonLabel={t('fields.uploadLicence')} />
    </Form.Item>
  );
}

/** The reader's words for a licence the API does not accept (next to the field). */
export function licenceMessages(t: (k: string) => string): Record<string, string> {
  return { FILE_NOT_FOUND: t('files.notFound'), LICENCE_REQUIRED: t('fields.businessLicenceRequired') };
}
