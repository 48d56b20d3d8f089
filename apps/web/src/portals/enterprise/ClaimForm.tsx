// The fapiao of a claim (POST /claims, PATCH /claims/:id): same rules as the API (code 10 or 12
// digits for an older VAT fapiao, number 8 digits with a code or 20 without, the amount in yuan).
import { useState } from 'react';
import { Button, Col, Form, Input, Row, Space, Upload, type FormInstance, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { uploadFile } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { parseYuanToFen } from '../../lib/money';

export interface InvoiceValues {
  code?: string;
  number: string;
  issuedOn: string;
  amount: string;
  sellerTaxId: string;
  buyerTaxId: string;
}

export const INVOICE_ALIASES: Record<string, string> = {
  'invoice.code': 'code',
  'invoice.number': 'number',
  'invoice.issuedOn': 'issuedOn',
  'invoice.amountFen': 'amount',
  'invoice.sellerTaxId': 'sellerTaxId',
  'invoice.buyerTaxId': 'buyerTaxId',
  code: 'code',
  number: 'number',
  issuedOn: 'issuedOn',
  amountFen: 'amount',
  sellerTaxId: 'sellerTaxId',
  buyerTaxId: 'buyerTaxId',
};

export function invoiceBody(v: InvoiceValues) {
  return {
    ...(v.code && v.code.trim() ? { code: v.code.trim() } : {}),
    number: v.number.trim(),
    issuedOn: v.issuedOn,
    amountFen: parseYuanToFen(v.amount)!,
    sellerTaxId: v.sellerTaxId.trim().toUpperCase(),
    buyerTaxId: v.buyerTaxId.trim().toUpperCase(),
  };
}

export function InvoiceFields({ form }: { form: FormInstance<InvoiceValues> }) {
  const { t } = useTranslation('enterprise');
  const req = (f: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field: t(`claims.fields.${f}`) }) });
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item name="code" label={t('claims.fields.code')} extra={t('claims.fields.codeHint')} rules={[{ pattern: /^(\d{10}|\d{12})$/, message: t('claims.fields.codeInvalid') }]}>
          <Input inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="number"
          label={t('claims.fields.number')}
          dependencies={['code']}
          rules={[
            req('number'),
            {
              validator: (_: unknown, v: string | undefined) => {
                if (!v) return Promise.resolve();
                const withCode = !!form.getFieldValue('code');
                return (withCode ? /^\d{8}$/ : /^\d{20}$/).test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(withCode ? t('claims.fields.number8') : t('claims.fields.number20')));
              },
            },
          ]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="issuedOn" label={t('claims.fields.issuedOn')} rules={[req('issuedOn')]}>
          <Input type="date" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name="amount"
          label={t('claims.fields.amount')}
          rules={[{ validator: (_: unknown, v: string | undefined) => (parseYuanToFen(v ?? '') ? Promise.resolve() : Promise.reject(new Error(t('common:form.amountYuan')))) }]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="sellerTaxId" label={t('claims.fields.sellerTaxId')} rules={[req('sellerTaxId'), { max: 20 }]}>
          <Input style={{ textTransform: 'uppercase' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="buyerTaxId" label={t('claims.fields.buyerTaxId')} rules={[req('buyerTaxId'), { max: 20 }]}>
          <Input style={{ textTransform: 'uppercase' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Extra evidence files: uploaded at once; answers the ids through onChange. */
export function EvidenceUpload({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation('enterprise');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <ProblemAlert error={error} />
      <Space orientation="vertical">
        <Upload
          fileList={files}
          multiple
          beforeUpload={(file) => {
            setBusy(true);
            setError(null);
            void uploadFile(file)
              .then((saved) => {
                setFiles((fs) => [...fs, { uid: saved.id, name: saved.name, status: 'done' }]);
                onChange([...value, saved.id]);
              })
              .catch(setError)
              .finally(() => setBusy(false));
            return false;
          }}
          onRemove={(f) => {
            setFiles((fs) => fs.filter((x) => x.uid !== f.uid));
            onChange(value.filter((id) => id !== f.uid));
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>{t('claims.addEvidence')}</Button>
        </Upload>
      </Space>
    </>
  );
}
