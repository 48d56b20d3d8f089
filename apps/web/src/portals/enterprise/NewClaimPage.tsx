// Claim the subsidy of a completed order under 通用 (POST /claims): the fapiao and extra evidence;
// the contract, the payment proof and the delivery report are attached by the platform.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { applyProblemToForm, useIdempotencyKey } from '../../lib/forms';
import { fenToYuanInput } from '../../lib/money';
import { EvidenceUpload, INVOICE_ALIASES, InvoiceFields, invoiceBody, type InvoiceValues } from './ClaimForm';
import { useEnterprise, useEnterpriseId } from './data';
import { ActionProblem } from './ActionProblem';

export default function NewClaimPage() {
  const { t } = useTranslation('enterprise');
  const { t: tOrders } = useTranslation('orders');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const orderId = params.get('order') ?? '';
  const enterprise = useEnterprise(useEnterpriseId());
  const order = useQuery({ queryKey: ['order', orderId], enabled: !!orderId, queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId } } })) });
  const [form] = Form.useForm<InvoiceValues>();
  const [evidence, setEvidence] = useState<string[]>([]);
  const { key, settle } = useIdempotencyKey();
  const [problem, setProblem] = useState<unknown>(null);
  const submit = useMutation({
    mutationFn: (v: InvoiceValues) => call(api.POST('/api/v1/claims', { body: { orderId, invoice: invoiceBody(v), evidenceFileIds: evidence }, headers: { 'Idempotency-Key': key } })),
    onSuccess: (c) => void navigate(`/enterprise/claims/${c.id}`),
    onError: (e) => {
      settle(e);
      setProblem(applyProblemToForm(form, e, INVOICE_ALIASES) ? null : e);
    },
  });
  if (!orderId) return <Alert type="info" showIcon title={t('claims.pickOrder')} />;
  return (
    <>
      <Typography.Title level={3} className="page-title">{t('claims.newTitle')}</Typography.Title>
      <QueryState query={order} rows={6}>
        {(o) => !enterprise.data ? <Skeleton active /> : (
          <Card size="small">
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('orders.service')}>{o.offeringTitle}</Descriptions.Item>
              <Descriptions.Item label={t('order.no', { no: '' })}>{o.orderNo}</Descriptions.Item>
              <Descriptions.Item label={tOrders('subsidy.price')}><Money fen={o.contract?.priceFen} /></Descriptions.Item>
              <Descriptions.Item label={tOrders('subsidy.subsidy')}><Money fen={o.contract?.subsidyFen} strong /></Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary">{t('claims.attachedHint')}</Typography.Paragraph>
            <ActionProblem error={problem} />
            <Form
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => submit.mutate(v)}
              initialValues={{ amount: o.contract ? fenToYuanInput(o.contract.priceFen - (o.refundFen ?? 0)) : '', buyerTaxId: enterprise.data?.uscc ?? '' }}
            >
              <InvoiceFields form={form} />
              <Form.Item label={t('claims.evidence')}>
                <EvidenceUpload value={evidence} onChange={setEvidence} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={submit.isPending}>{t('claims.submit')}</Button>
            </Form>
          </Card>
        )}
      </QueryState>
    </>
  );
}
