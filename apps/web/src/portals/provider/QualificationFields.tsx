// The qualification rows of the admission application and of its later edits: kind, number,
// validity and the certificate (uploaded, sent as certificateFileId; every row needs one).
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { DOCUMENT_MAX_MB, DocumentField } from './FileField';
import { QUALIFICATION_KINDS } from './reference';

export interface QualificationValues {
  kind: (typeof QUALIFICATION_KINDS)[number];
  number: string;
  expiresOn?: Dayjs | null;
  certificateFileId?: string | null;
}

/** The request's qualifications from the form's rows. */
export function qualificationsBody(rows: QualificationValues[] | undefined): Schemas['QualificationDto'][] {
  return (rows ?? []).map((q) => ({
    kind: q.kind,
    number: q.number.trim(),
    expiresOn: q.expiresOn ? q.expiresOn.format('YYYY-MM-DD') : null,
    certificateFileId: q.certificateFileId ?? null,
  }));
}

/** The form's rows from a provider's qualifications. */
export function qualificationValues(qs: Schemas['QualificationViewDto'][]): QualificationValues[] {
  return qs.map((q) => ({ kind: q.kind, number: q.number, expiresOn: q.expiresOn ? dayjs(q.expiresOn) : null, certificateFileId: q.certificateFileId }));
}

/** The reader's words for a certificate the API does not accept (next to the row's field). */
export function certificateMessages(t: (k: string) => string): Record<string, string> {
  return { FILE_NOT_FOUND: t('files.notFound') };
}

/** The rows, inside the caller's <Form> (a list named `qualifications`). */
export function QualificationRows() {
  const { t } = useTranslation('provider');
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field }) });
  return (
    <>
      <Form.List name="qualifications">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Row gutter={12} key={f.key} align="top" data-testid={`qualification-${i + 1}`}>
                <Col xs={24} md={6}>
                  <Form.Item name={[f.name, 'kind']} label={t('fields.qualificationKindN', { n: i + 1 })} rules={[{ required: true, message: t('common:form.required', { field: t('fields.qualificationKind') }) }]}>
                    <Select options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`qualification.${k}`) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={[f.name, 'number']} label={t('fields.qualificationNumberN', { n: i + 1 })} rules={[req(t('fields.qualificationNumber')), { max: 100, message: t('common:form.tooLong', { max: 100 }) }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[f.name, 'expiresOn']} label={t('fields.qualificationExpiresN', { n: i + 1 })}>
                    <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
                  </Form.Item>
                </Col>
                <Col xs={20} md={5}>
                  <Form.Item name={[f.name, 'certificateFileId']} label={t('fields.certificateN', { n: i + 1 })} rules={[{ required: true, message: t('apply.certificateRule', { n: i + 1 }) }]}>
                    <DocumentField ns="provider" label={t('fields.certificateN', { n: i + 1 })} buttonLabel={t('apply.uploadCertificate')} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={2} style={{ paddingTop: 30 }}>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('apply.removeQualification', { n: i + 1 })} onClick={() => remove(f.name)} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'CMA', number: '' })}>
              {t('apply.addQualification')}
            </Button>
          </>
        )}
      </Form.List>
      <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('apply.filesNote', { max: DOCUMENT_MAX_MB })} />
    </>
  );
}
