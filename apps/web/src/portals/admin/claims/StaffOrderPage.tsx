// /admin/orders/:id: an order as staff covering it read it (GET /orders/:id answers them): the
// parties, amounts, contract, payments, delivery, the history and the message thread, read-only;
// and, for a program officer, the resolution of a dispute (complete, or refund an amount in yuan),
// sent with the version seen.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type ApiError } from '../../../api/client';
import { Money } from '../../../components/Money';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { FileButton, OrderMessages, OrderStatusTag, OrderTimeline, SubsidySummary, subsidyOfOrder, type OrderSide } from '../../../components/orders';
import { applyProblemToForm, useIdempotencyKey } from '../../../lib/forms';
import { formatFen, parseYuanToFen } from '../../../lib/money';
import { DateTime, PageTitle, useStaff } from '../common';
import { PageState, StaleExplanation, isStale, useWho, type Order } from './shared';

const orderKey = (id: string) => ['admin', 'order', id] as const;

export function StaffOrderPage() {
  const { id = '' } = useParams();
  const order = useQuery({
    queryKey: orderKey(id),
    retry: (n, e) => n < 2 && !(e instanceof Error && 'status' in e && (e as { status: number }).status < 500),
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id } } })) as Promise<Order>,
  });
  return (
    <div className="admin-claims-page">
      <PageState query={order}>{(o) => <OrderView order={o} />}</PageState>
    </div>
  );
}

function OrderView({ order: o }: { order: Order }) {
  const { t } = useTranslation('adminClaims');
  const staff = useStaff();
  const who = useWho();
  const enterprise = useQuery({ queryKey: ['admin', 'enterprise', o.enterpriseId], retry: false, queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: o.enterpriseId } } })) });
  const provider = useQuery({ queryKey: ['admin', 'provider', o.providerId], retry: false, queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id: o.providerId } } })) });
  const subsidy = subsidyOfOrder(o);
  return (
    <>
      <PageTitle>
        {t('order.title', { no: o.orderNo })} <OrderStatusTag status={o.status} />
      </PageTitle>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('order.readOnly')}</Typography.Paragraph>
        {o.status === 'disputed' ? (
          staff.has('program_officer') ? (
            <DisputeResolution order={o} />
          ) : (
            <Alert type="warning" showIcon title={t('order.disputed')} description={o.disputeReason ? t('order.disputeReason', { reason: o.disputeReason }) : undefined} />
          )
        ) : null}
        {o.flags.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            title={t('order.flags')}
            description={
              <Space wrap>
                {o.flags.map((f) => (
                  <Tag key={f}>{t(`orderFlag.${f}`, { defaultValue: f })}</Tag>
                ))}
              </Space>
            }
          />
        ) : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('order.details')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('field.enterprise')}>
                  <Link to={`/admin/organizations/${o.enterpriseId}`}>{enterprise.data?.name ?? t('order.openOrganization')}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('field.provider')}>
                  <Link to={`/admin/organizations/${o.providerId}`}>{provider.data?.name ?? t('order.openOrganization')}</Link>
                </Descriptions.Item>
                <Descriptions.Item label={t('order.offering')}>{o.offeringTitle}</Descriptions.Item>
                <Descriptions.Item label={t('order.quantity')}>{o.quantity}</Descriptions.Item>
                <Descriptions.Item label={t('order.requirements')}>
                  <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.requirements}</span>
                </Descriptions.Item>
                {o.quote ? <Descriptions.Item label={t('order.scope')}>{o.quote.scope}</Descriptions.Item> : null}
                <Descriptions.Item label={t('order.createdAt')}><DateTime value={o.createdAt} /></Descriptions.Item>
                {o.dueOn ? <Descriptions.Item label={t('order.dueOn')}>{o.dueOn}</Descriptions.Item> : null}
                {o.disputeReason ? <Descriptions.Item label={t('order.disputeReasonLabel')}>{o.disputeReason}</Descriptions.Item> : null}
                {o.closeReason ? <Descriptions.Item label={t('order.closeReason')}>{o.closeReason}</Descriptions.Item> : null}
                {o.refundFen > 0 ? <Descriptions.Item label={t('order.refund')}><Money fen={o.refundFen} /></Descriptions.Item> : null}
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('order.amounts')}>
              {subsidy ? <SubsidySummary {...subsidy} /> : <Typography.Text type="secondary">{t('order.noAmounts')}</Typography.Text>}
            </Card>
          </Col>
        </Row>
        <Card size="small" title={t('order.contractAndFiles')}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('evidence.contract')}>
              {o.contract ? (
                <Space wrap>
                  <span>{o.contract.contractNo}</span>
                  <FileButton url={`/api/v1/orders/${o.id}/contract`} name={`${o.contract.contractNo}.pdf`} label={t('evidence.openContract')} />
                </Space>
              ) : (
                t('order.noContract')
              )}
            </Descriptions.Item>
            {o.contract ? <Descriptions.Item label={t('order.signedAt')}><DateTime value={o.contract.signedAt} /></Descriptions.Item> : null}
            {o.contract?.registrationNo ? <Descriptions.Item label={t('evidence.registrationNo')}>{o.contract.registrationNo}</Descriptions.Item> : null}
            <Descriptions.Item label={t('evidence.report')}>
              {o.deliveryReportFileId ? <FileButton fileId={o.deliveryReportFileId} name={`${o.orderNo}-report.pdf`} label={t('evidence.openReport')} /> : t('evidence.noReport')}
            </Descriptions.Item>
            {o.deliveryNote ? <Descriptions.Item label={t('order.deliveryNote')}>{o.deliveryNote}</Descriptions.Item> : null}
            <Descriptions.Item label={t('evidence.payments')}>
              {o.payments.length === 0 ? (
                t('evidence.noPayment')
              ) : (
                <Space orientation="vertical" size={2}>
                  {o.payments.map((p) => (
                    <div key={p.id}>
                      {t(`payment.${p.method}`)} <Money fen={p.amountFen} /> · {t(`paymentStatus.${p.status}`, { defaultValue: p.status })}
                      {p.succeededAt ? <> · <DateTime value={p.succeededAt} /></> : null}
                    </div>
                  ))}
                </Space>
              )}
            </Descriptions.Item>
            {o.refunds.length > 0 ? (
              <Descriptions.Item label={t('order.refunds')}>
                {o.refunds.map((r) => (
                  <div key={r.id}>
                    <Money fen={r.amountFen} /> · {t(`paymentStatus.${r.status}`, { defaultValue: r.status })} · {r.reason}
                  </div>
                ))}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('order.history')}>
              <OrderTimeline history={o.history ?? []} actorName={(a) => (a ? who(a, null, 'user') : undefined)} hideActions={['message']} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            {/* staff read the thread; no side is theirs, so each message is labelled with its side */}
            <OrderMessages orderId={o.id} ownSide={'staff' as OrderSide} canPost={false} />
          </Col>
        </Row>
      </Space>
    </>
  );
}

interface ResolutionValues {
  outcome: 'complete' | 'refund';
  refund?: string;
  reason: string;
}

function DisputeResolution({ order: o }: { order: Order }) {
  const { t } = useTranslation('adminClaims');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResolutionValues>();
  const outcome = Form.useWatch('outcome', form) ?? 'complete';
  const [stale, setStale] = useState<ApiError | null>(null);
  const { key, settle } = useIdempotencyKey();
  const price = o.contract?.priceFen ?? 0;
  const resolve = useMutation({
    mutationFn: (v: ResolutionValues) =>
      call(
        api.POST('/api/v1/admin/orders/{id}/dispute-resolution', {
          params: { path: { id: o.id } },
          headers: { 'Idempotency-Key': key },
          body: { outcome: v.outcome, refundFen: v.outcome === 'refund' ? parseYuanToFen(v.refund ?? '')! : undefined, reason: v.reason.trim(), version: o.version },
        }),
      ) as Promise<Order>,
    onSuccess: (u) => {
      qc.setQueryData(orderKey(o.id), u);
      void message.success(t(`resolve.done.${u.status === 'refunded' ? 'refund' : 'complete'}`));
    },
    onError: (e) => {
      settle(e);
      if (isStale(e)) {
        setStale(e);
        void qc.invalidateQueries({ queryKey: orderKey(o.id) });
      } else applyProblemToForm(form, e, { refundFen: 'refund' });
    },
  });
  return (
    <Card size="small" title={t('resolve.title')} data-testid="dispute-resolution">
      {stale ? <StaleExplanation error={stale} statusLabel={(s) => t(`orderStatus.${s}`, { defaultValue: s })} /> : null}
      {resolve.error && !isStale(resolve.error) ? <ProblemAlert error={resolve.error} /> : null}
      {o.disputeReason ? <Typography.Paragraph>{t('order.disputeReason', { reason: o.disputeReason })}</Typography.Paragraph> : null}
      <Form<ResolutionValues> form={form} layout="vertical" initialValues={{ outcome: 'complete' }} onFinish={(v) => resolve.mutate(v)} requiredMark={false}>
        <Form.Item name="outcome" label={t('resolve.outcome')}>
          <Radio.Group
            options={[
              { value: 'complete', label: t('resolve.complete') },
              { value: 'refund', label: t('resolve.refund') },
            ]}
          />
        </Form.Item>
        {outcome === 'refund' ? (
          <Form.Item
            name="refund"
            label={t('resolve.refundAmount')}
            extra={t('resolve.refundHelp', { max: formatFen(price) })}
            rules={[
              { required: true, whitespace: true, message: t('resolve.refundMissing') },
              {
                validator: (_r, v?: string) => {
                  if (!v?.trim()) return Promise.resolve();
                  const fen = parseYuanToFen(v);
                  if (fen === null) return Promise.reject(new Error(t('resolve.refundFormat')));
                  if (fen < 1 || fen > price) return Promise.reject(new Error(t('resolve.refundRange', { max: formatFen(price) })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" style={{ maxWidth: 240 }} />
          </Form.Item>
        ) : null}
        <Form.Item name="reason" label={t('resolve.reason')} rules={[{ required: true, whitespace: true, message: t('resolve.reasonMissing') }, { max: 2000, message: t('decide.tooLong', { max: 2000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={resolve.isPending}>{t('resolve.submit')}</Button>
      </Form>
    </Card>
  );
}
