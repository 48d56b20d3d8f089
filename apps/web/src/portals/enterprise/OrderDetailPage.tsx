// One order, from the enterprise's side: the request and the quote, the subsidy and own share
// before accepting, the contract, payment (bank transfer instructions, or Stripe's Payment Element
// when the payment carries a client secret and the build knows Stripe's key), the delivery
// (accept or dispute), the review, the timeline, messages and files. Risk flags never appear here.
import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Modal, Popconfirm, Rate, Row, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { FileButton, OrderMessages, OrderStatusTag, OrderTimeline, SubsidySummary, subsidyOfOrder } from '../../components/orders';
import { useIdempotencyKey } from '../../lib/forms';
import { formatFen } from '../../lib/money';
import { formatDate, useOffering, useStripeKey, type Order } from './data';
import { ActionProblem } from './ActionProblem';

const StripePay = lazy(() => import('./StripePay'));

type Payment = Schemas['PaymentViewDto'];
interface Payee {
  bankName?: string;
  accountName?: string;
  accountNo?: string;
}

const LIVE_PAYMENT = ['initiating', 'pending'];

function useOrder(id: string) {
  return useQuery({
    queryKey: ['order', id],
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id } } })),
    // a card payment being set up with Stripe (initiating) gets its client secret from the worker: look again
    refetchInterval: (q) => (q.state.data?.payments.some((p) => p.status === 'initiating') ? 3_000 : false),
  });
}

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  return (
    <QueryState query={order} rows={10}>
      {(o) => <OrderView order={o} />}
    </QueryState>
  );
}

function OrderView({ order: o }: { order: Order }) {
  const { t, i18n } = useTranslation('enterprise');
  const { t: tOrders } = useTranslation('orders');
  const { me } = useAuth();
  const offering = useOffering(o.offeringId);
  const lang = i18n.language;
  const reviewed = (o.history ?? []).some((h) => h.action === 'reviewed');
  const money = subsidyOfOrder(o);
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{o.offeringTitle}</Typography.Title>
        <OrderStatusTag status={o.status} />
      </Space>
      <Typography.Paragraph type="secondary">
        {t('order.no', { no: o.orderNo })}
        {offering.data ? ` · ${offering.data.providerName}` : ''}
        {o.dueOn ? ` · ${t(`order.dueOn.${o.status}`, { date: o.dueOn, defaultValue: '' })}` : ''}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <NextStep order={o} reviewed={reviewed} />
            <Card size="small" title={t('order.request')}>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('order.requirements')}>
                  <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.requirements}</span>
                </Descriptions.Item>
                {o.pricingKind === 'per_unit' ? <Descriptions.Item label={t('order.quantity')}>{o.quantity}</Descriptions.Item> : null}
                {o.quote ? (
                  <>
                    <Descriptions.Item label={t('order.quotePrice')}><Money fen={o.quote.priceFen} strong /></Descriptions.Item>
                    <Descriptions.Item label={t('compare.leadTime')}>{t('compare.days', { count: o.quote.leadTimeDays })}</Descriptions.Item>
                    <Descriptions.Item label={t('compare.validUntil')}>{o.quote.validUntil}</Descriptions.Item>
                    <Descriptions.Item label={t('compare.scope')}>
                      <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{o.quote.scope}</span>
                    </Descriptions.Item>
                  </>
                ) : (
                  <Descriptions.Item label={t('order.quotePrice')}>{t('orders.awaitingQuote')}</Descriptions.Item>
                )}
                {o.closeReason ? <Descriptions.Item label={t('order.closeReason')}>{o.closeReason}</Descriptions.Item> : null}
                {o.disputeReason ? <Descriptions.Item label={t('order.disputeReason')}>{o.disputeReason}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            {money && o.status !== 'quoted' ? <Card size="small" title={t('order.amounts')}><SubsidySummary {...money} /></Card> : null}
            {o.contract ? (
              <Card size="small" title={t('order.contract')}>
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label={t('order.contractNo')}>{o.contract.contractNo}</Descriptions.Item>
                  <Descriptions.Item label={t('order.contractType')}>{t(`order.contractTypes.${o.contract.contractType}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('order.signedAt')}>{formatDate(o.contract.signedAt, lang)}</Descriptions.Item>
                  {o.contract.registrationNo ? <Descriptions.Item label={t('order.registrationNo')}>{o.contract.registrationNo}</Descriptions.Item> : null}
                </Descriptions>
                <FileButton url={o.contract.documentUrl} name={`${o.contract.contractNo}.pdf`} label={t('order.downloadContract')} />
              </Card>
            ) : null}
            {o.deliveryReportFileId || o.deliveryNote ? (
              <Card size="small" title={t('order.delivery')}>
                {o.deliveryNote ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{o.deliveryNote}</Typography.Paragraph> : null}
                {o.deliveryReportFileId ? <FileButton fileId={o.deliveryReportFileId} name={t('order.reportName', { no: o.orderNo })} label={t('order.downloadReport')} /> : null}
              </Card>
            ) : null}
            <OrderMessages orderId={o.id} ownSide="enterprise" canPost={!['cancelled', 'declined', 'refunded'].includes(o.status)} />
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={tOrders('timeline.title')}>
            <OrderTimeline history={o.history ?? []} hideActions={['message']} actorName={(a) => (a && a === me?.user.id ? t('order.you') : undefined)} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** What the enterprise can do now, by status. */
function NextStep({ order: o, reviewed }: { order: Order; reviewed: boolean }) {
  const { t } = useTranslation('enterprise');
  switch (o.status) {
    case 'requested':
      return (
        <Card size="small" title={t('next.requested.title')}>
          <Typography.Paragraph>{t('next.requested.text')}</Typography.Paragraph>
          <CancelButton order={o} />
        </Card>
      );
    case 'quoted':
      return <AcceptQuote order={o} />;
    case 'contracted':
      return <PayCard order={o} />;
    case 'paid':
    case 'in_progress':
      return (
        <Card size="small" title={t(`next.${o.status}.title`)}>
          <Typography.Paragraph style={{ marginBottom: o.status === 'paid' ? 12 : 0 }}>{t(`next.${o.status}.text`)}</Typography.Paragraph>
          {o.status === 'paid' ? <CancelButton order={o} /> : null}
        </Card>
      );
    case 'delivered':
      return <AcceptDelivery order={o} />;
    case 'completed':
      return <Completed order={o} reviewed={reviewed} />;
    default:
      return (
        <Alert type={o.status === 'disputed' ? 'warning' : 'info'} showIcon title={t(`next.closed.${o.status}`, { defaultValue: t('next.closed.other') })} description={o.closeReason ?? undefined} />
      );
  }
}

function useOrderAction<V = void>(orderId: string, fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await qc.invalidateQueries({ queryKey: ['order', orderId] });
      await qc.invalidateQueries({ queryKey: ['orders'] });
      await qc.invalidateQueries({ queryKey: ['grants'] });
    },
  });
}

function AcceptQuote({ order: o }: { order: Order }) {
  const { t } = useTranslation('enterprise');
  const { message } = App.useApp();
  const money = subsidyOfOrder(o);
  const { key, settle } = useIdempotencyKey();
  const accept = useOrderAction(o.id, () =>
    call(
      api.POST('/api/v1/orders/{id}/accept', {
        params: { path: { id: o.id } },
        body: { quoteVersion: o.quote?.quoteVersion, expectedSubsidyFen: o.subsidyPreview?.subsidyFen },
        headers: { 'Idempotency-Key': key },
      }),
    ).then(
      () => void message.success(t('next.quoted.accepted')),
      (e: unknown) => {
        settle(e); // after a decided 4xx the next try is a new action (the quote or subsidy it saw changed); a lost answer is retried with the same key
        throw e;
      },
    ),
  );
  const reject = useOrderAction(o.id, () => call(api.POST('/api/v1/orders/{id}/reject', { params: { path: { id: o.id } }, body: {} })));
  return (
    <Card size="small" title={t('next.quoted.title')} className="accept-card">
      <Typography.Paragraph>{t('next.quoted.text')}</Typography.Paragraph>
      {money ? <SubsidySummary {...money} /> : null}
      <div style={{ marginTop: 12 }}>
        <ActionProblem error={accept.error ?? reject.error} />
      </div>
      <div className="order-actions" style={{ marginTop: 12 }}>
        <Popconfirm
          title={t('next.quoted.confirmTitle')}
          description={money ? t('next.quoted.confirmText', { due: formatFen(money.dueFen ?? money.ownShareFen) }) : undefined}
          okText={t('common:actions.confirm')}
          cancelText={t('common:actions.cancel')}
          onConfirm={() => accept.mutate()}
        >
          <Button type="primary" loading={accept.isPending}>{t('next.quoted.accept')}</Button>
        </Popconfirm>
        <Popconfirm title={t('next.quoted.rejectConfirm')} okText={t('common:actions.confirm')} cancelText={t('common:actions.cancel')} onConfirm={() => reject.mutate()}>
          <Button loading={reject.isPending}>{t('next.quoted.reject')}</Button>
        </Popconfirm>
      </div>
    </Card>
  );
}

function PayCard({ order: o }: { order: Order }) {
  const { t } = useTranslation('enterprise');
  const qc = useQueryClient();
  const [answer, setAnswer] = useState<Payment | null>(null);
  // the order as last read wins over the POST's answer (the worker may have moved the payment on since)
  const live = (answer && o.payments.find((p) => p.id === answer.id)) ?? answer ?? [...o.payments].reverse().find((p) => LIVE_PAYMENT.includes(p.status)) ?? null;
  const pay = useOrderAction(o.id, (method: 'offline' | 'stripe') =>
    call(api.POST('/api/v1/orders/{id}/payments', { params: { path: { id: o.id } }, body: { method } })).then((p) => {
      setAnswer(p);
      void qc.invalidateQueries({ queryKey: ['order', o.id] });
    }),
  );
  const due = o.contract?.dueFen ?? 0;
  const stripeKey = useStripeKey();
  return (
    <Card size="small" title={t('pay.title')}>
      <Typography.Paragraph>
        {t('pay.due')} <Money fen={due} strong />
        {o.dueOn ? ` · ${t('pay.payBy', { date: o.dueOn })}` : ''}
      </Typography.Paragraph>
      <ActionProblem error={pay.error} />
      {live ? (
        live.method === 'offline' ? (
          <OfflineInstructions payment={live} />
        ) : live.clientSecret && stripeKey ? (
          <Suspense fallback={<Skeleton active />}>
            <StripePay publishableKey={stripeKey} clientSecret={live.clientSecret} returnUrl={window.location.href} onDone={() => void qc.invalidateQueries({ queryKey: ['order', o.id] })} />
          </Suspense>
        ) : (
          <Alert type="info" showIcon title={live.lastError ? t('pay.stripeRetrying') : t('pay.stripePending')} description={live.lastError ?? undefined} />
        )
      ) : (
        <div className="order-actions">
          <Button type="primary" loading={pay.isPending && pay.variables === 'offline'} onClick={() => pay.mutate('offline')}>{t('pay.offline')}</Button>
          {stripeKey ? (
            <Button loading={pay.isPending && pay.variables === 'stripe'} onClick={() => pay.mutate('stripe')}>{t('pay.card')}</Button>
          ) : null}
        </div>
      )}
      <div style={{ marginTop: 12 }}>
        <CancelButton order={o} />
      </div>
    </Card>
  );
}

function OfflineInstructions({ payment }: { payment: Payment }) {
  const { t } = useTranslation('enterprise');
  const payee = (payment.payee ?? {}) as Payee;
  return (
    <div className="payee-box" data-testid="offline-instructions">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('pay.offlineTitle')} description={t('pay.offlineText')} />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('pay.amount')}><Money fen={payment.amountFen} strong /></Descriptions.Item>
        <Descriptions.Item label={t('pay.reference')}><Typography.Text copyable strong>{payment.reference}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('pay.payeeName')}>{payee.accountName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('pay.payeeBank')}>{payee.bankName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('pay.payeeAccount')}><Typography.Text copyable>{payee.accountNo ?? '—'}</Typography.Text></Descriptions.Item>
        <Descriptions.Item label={t('pay.status')}>{t(`pay.statuses.${payment.status}`, { defaultValue: payment.status })}</Descriptions.Item>
      </Descriptions>
    </div>
  );
}

function ReasonModal({ open, title, label, onCancel, onOk, busy }: { open: boolean; title: string; label: string; onCancel: () => void; onOk: (reason: string) => void; busy: boolean }) {
  const { t } = useTranslation('enterprise');
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => form.submit()} confirmLoading={busy} okText={t('common:actions.submit')} cancelText={t('common:actions.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onOk(v.reason.trim())}>
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: label }) }, { max: 1000, message: t('common:form.tooLong', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelButton({ order: o }: { order: Order }) {
  const { t } = useTranslation('enterprise');
  const [open, setOpen] = useState(false);
  const cancel = useOrderAction(o.id, (reason: string) => call(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: o.id } }, body: { reason } })).then(() => setOpen(false)));
  return (
    <>
      <ActionProblem error={cancel.error} />
      <Button danger onClick={() => setOpen(true)}>{t('cancel.button')}</Button>
      <ReasonModal open={open} title={t('cancel.title')} label={t('cancel.reason')} onCancel={() => setOpen(false)} onOk={(r) => cancel.mutate(r)} busy={cancel.isPending} />
    </>
  );
}

function AcceptDelivery({ order: o }: { order: Order }) {
  const { t } = useTranslation('enterprise');
  const [disputing, setDisputing] = useState(false);
  const complete = useOrderAction(o.id, () => call(api.POST('/api/v1/orders/{id}/complete', { params: { path: { id: o.id } } })));
  const dispute = useOrderAction(o.id, (reason: string) => call(api.POST('/api/v1/orders/{id}/dispute', { params: { path: { id: o.id } }, body: { reason } })).then(() => setDisputing(false)));
  return (
    <Card size="small" title={t('next.delivered.title')}>
      <Typography.Paragraph>{t('next.delivered.text', { date: o.dueOn ?? '—' })}</Typography.Paragraph>
      <ActionProblem error={complete.error ?? dispute.error} />
      <div className="order-actions">
        <Popconfirm title={t('next.delivered.confirm')} okText={t('common:actions.confirm')} cancelText={t('common:actions.cancel')} onConfirm={() => complete.mutate()}>
          <Button type="primary" loading={complete.isPending}>{t('next.delivered.complete')}</Button>
        </Popconfirm>
        <Button danger onClick={() => setDisputing(true)}>{t('next.delivered.dispute')}</Button>
      </div>
      <ReasonModal open={disputing} title={t('next.delivered.disputeTitle')} label={t('next.delivered.disputeReason')} onCancel={() => setDisputing(false)} onOk={(r) => dispute.mutate(r)} busy={dispute.isPending} />
    </Card>
  );
}

function Completed({ order: o, reviewed }: { order: Order; reviewed: boolean }) {
  const { t } = useTranslation('enterprise');
  const [form] = Form.useForm<{ rating: number; comment: string }>();
  const review = useOrderAction(o.id, (v: { rating: number; comment: string }) => call(api.POST('/api/v1/orders/{id}/review', { params: { path: { id: o.id } }, body: { rating: v.rating, comment: v.comment.trim() } })));
  const reimbursed = !!o.contract && o.contract.subsidyFen > 0 && o.contract.dueFen === o.contract.priceFen;
  return (
    <Card size="small" title={t('next.completed.title')}>
      {reimbursed ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('next.completed.claimTitle')}
          description={<Link to={`/enterprise/claims/new?order=${o.id}`}>{t('next.completed.claimLink')}</Link>}
        />
      ) : null}
      {reviewed || review.isSuccess ? (
        <Typography.Paragraph style={{ marginBottom: 0 }}>{t('review.thanks')}</Typography.Paragraph>
      ) : (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => review.mutate(v)} initialValues={{ rating: 5 }}>
          <ActionProblem error={review.error} />
          <Form.Item name="rating" label={t('review.rating')} rules={[{ required: true, message: t('review.ratingRequired') }]}>
            <Rate aria-label={t('review.rating')} />
          </Form.Item>
          <Form.Item name="comment" label={t('review.comment')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('review.comment') }) }, { max: 2000, message: t('common:form.tooLong', { max: 2000 }) }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={review.isPending}>{t('review.submit')}</Button>
        </Form>
      )}
    </Card>
  );
}
