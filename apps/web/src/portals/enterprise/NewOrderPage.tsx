// Request a service (an RFQ for a quote-priced offering) or order at the list price (fixed or per
// unit: the order is created quoted, valid 14 days): /enterprise/orders/new?offering=<id>.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Result, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { applyProblemToForm, useIdempotencyKey } from '../../lib/forms';
import { useEnterprise, useEnterpriseId, useOffering } from './data';

interface Values {
  requirements: string;
  quantity?: number;
}

export default function NewOrderPage() {
  const { t } = useTranslation('enterprise');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const offeringId = params.get('offering');
  const enterpriseId = useEnterpriseId();
  const enterprise = useEnterprise(enterpriseId);
  const offering = useOffering(offeringId);
  const [form] = Form.useForm<Values>();
  const { key, settle } = useIdempotencyKey();
  const create = useMutation({
    mutationFn: (v: Values) =>
      call(
        api.POST('/api/v1/orders', {
          body: { offeringId: offeringId!, enterpriseId: enterpriseId!, requirements: v.requirements.trim(), ...(v.quantity ? { quantity: v.quantity } : {}) },
          headers: { 'Idempotency-Key': key },
        }),
      ),
    onSuccess: (o) => void navigate(`/enterprise/orders/${o.id}`),
    onError: (e) => {
      settle(e);
      setProblem(applyProblemToForm(form, e) ? null : e);
    },
  });
  const [problem, setProblem] = useState<unknown>(null);
  if (!offeringId) {
    return (
      <Result
        status="info"
        title={t('newOrder.pickTitle')}
        subTitle={t('newOrder.pickText')}
        extra={<Button type="primary" onClick={() => void navigate('/')}>{t('overview.findServices')}</Button>}
      />
    );
  }
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('newOrder.title')}</Typography.Title>
      <QueryState query={offering} rows={4}>
        {(o) => {
          const kind = o.pricing.kind;
          return (
            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('newOrder.service')}>{o.title}</Descriptions.Item>
                <Descriptions.Item label={t('compare.provider')}>{o.providerName}</Descriptions.Item>
                <Descriptions.Item label={t('newOrder.pricing')}>
                  {kind === 'fixed' ? <Money fen={o.pricing.priceFen} /> : kind === 'per_unit' ? <>{t('newOrder.perUnit', { unit: o.pricing.unitName ?? '' })} <Money fen={o.pricing.priceFen} /></> : <><Money fen={o.pricing.minFen} /> – <Money fen={o.pricing.maxFen} /> {t('newOrder.indicative')}</>}
                </Descriptions.Item>
                <Descriptions.Item label={t('compare.leadTime')}>{t('compare.days', { count: o.leadTimeDays })}</Descriptions.Item>
              </Descriptions>
              <Alert type="info" showIcon style={{ marginBottom: 16 }} title={kind === 'quote' ? t('newOrder.rfqHint') : t('newOrder.directHint')} />
              {enterprise.data && enterprise.data.status !== 'verified' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('newOrder.notVerified')} /> : null}
              <ProblemAlert error={problem} />
              <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => create.mutate(v)} initialValues={{ quantity: 1 }}>
                {kind === 'per_unit' ? (
                  <Form.Item name="quantity" label={t('newOrder.quantity', { unit: o.pricing.unitName ?? '' })} rules={[{ required: true, message: t('common:form.required', { field: t('newOrder.quantity', { unit: '' }) }) }]}>
                    <InputNumber min={1} max={10_000} precision={0} style={{ width: 160 }} />
                  </Form.Item>
                ) : null}
                <Form.Item
                  name="requirements"
                  label={t('newOrder.requirements')}
                  extra={t('newOrder.requirementsHint')}
                  rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('newOrder.requirements') }) }, { max: 4000, message: t('common:form.tooLong', { max: 4000 }) }]}
                >
                  <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={create.isPending}>{kind === 'quote' ? t('newOrder.submitRfq') : t('newOrder.submitOrder')}</Button>
              </Form>
            </Card>
          );
        }}
      </QueryState>
    </>
  );
}
