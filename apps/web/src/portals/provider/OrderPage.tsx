import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Row, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { FileButton, OrderMessages, OrderStatusTag, OrderTimeline, SubsidySummary, subsidyOfOrder } from '../../components/orders';
import { applyProblemToForm } from '../../lib/forms';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../lib/money';
import { FileField, type UploadedFile } from './FileField';
import { formatDate, formatDateTime, todayShanghai, useIdempotencyKey, type Order } from './reference';

type Payment = Schemas['PaymentViewDto'];

/** One order as the provider sees it: quote or decline a request, confirm a bank transfer, start, deliver, messages, the claim. */
export function OrderPage() {
  const { id } = useParams();
  const { t } = useTranslation('provider');
  const order = useQuery({
    queryKey: ['orders', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id: id! } } })),
  });
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/provider/orders">← {t('orders.back')}</Link>
      </Typography.Paragraph>
      <QueryState query={order} rows={8}>{(o) => <OrderView order={o} />}</QueryState>
    </>
  );
}

function OrderView({ order: o }: { order: Order }) {
  const { t, i18n } = useTranslation('provider');
  const { me } = useAuth();
  const lang = i18n.language;
  const subsidy = subsidyOfOrder(o);
  const closed = ['completed', 'declined', 'refunded', 'cancelled'].includes(o.status);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('order.title', { no: o.orderNo })}</Typography.Title>
        <OrderStatusTag status={o.status} />
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <OrderActions order={o} />
            <Card title={t('order.details')} size="small">
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
                <Descriptions.Item label={t('fields.offering')}>{o.offeringTitle}</Descriptions.Item>
                <Descriptions.Item label={t('fields.quantity')}>{o.quantity}</Descriptions.Item>
                <Descriptions.Item label={t('fields.createdAt')}>{formatDateTime(o.createdAt, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.dueOn')}>{formatDate(o.dueOn, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.requirements')} span={2}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{o.requirements}</span>
                </Descriptions.Item>
                {o.quote ? (
                  <>
                    <Descriptions.Item label={t('fields.quotePrice')}><Money fen={o.quote.priceFen} strong /></Descriptions.Item>
                    <Descriptions.Item label={t('fields.quoteValidUntil')}>{o.quote.validUntil}</Descriptions.Item>
                    <Descriptions.Item label={t('fields.leadTime')}>{t('offerings.days', { count: o.quote.leadTimeDays })}</Descriptions.Item>
                    <Descriptions.Item label={t('fields.scope')} span={2}><span style={{ whiteSpace: 'pre-wrap' }}>{o.quote.scope}</span></Descriptions.Item>
                  </>
                ) : null}
                {o.deliveryReportFileId ? (
                  <Descriptions.Item label={t('fields.deliveryReport')}>
                    <FileButton fileId={o.deliveryReportFileId} name={`${o.orderNo}-report.pdf`} label={t('order.downloadReport')} />
                  </Descriptions.Item>
                ) : null}
                {o.deliveryNote ? <Descriptions.Item label={t('fields.deliveryNote')}>{o.deliveryNote}</Descriptions.Item> : null}
                {o.disputeReason ? <Descriptions.Item label={t('fields.disputeReason')} span={2}>{o.disputeReason}</Descriptions.Item> : null}
                {o.closeReason ? <Descriptions.Item label={t('fields.closeReason')} span={2}>{o.closeReason}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <OrderMessages orderId={o.id} ownSide="provider" canPost={!closed || o.status === 'completed'} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            {subsidy ? (
              <Card title={t('order.money')} size="small">
                <SubsidySummary {...subsidy} />
                {o.contract ? (
                  <div style={{ marginTop: 12 }}>
                    <FileButton url={o.contract.documentUrl} name={`${o.contract.contractNo}.pdf`} label={t('order.downloadContract', { no: o.contract.contractNo })} />
                  </div>
                ) : null}
              </Card>
            ) : null}
            {o.payments.length > 0 ? (
              <Card title={t('order.payments')} size="small">
                {o.payments.map((p) => (
                  <div key={p.id} style={{ marginBottom: 8 }}>
                    <Space wrap size={4}>
                      <span>{t(`payment.method.${p.method}`)}</span>
                      <Money fen={p.amountFen} />
                      <Tag color={p.status === 'succeeded' ? 'green' : p.status === 'pending' ? 'gold' : 'default'}>{t(`payment.status.${p.status}`)}</Tag>
                    </Space>
                    <div><Typography.Text type="secondary">{t('payment.reference', { ref: p.reference })}</Typography.Text></div>
                  </div>
                ))}
              </Card>
            ) : null}
            <Card title={t('order.timeline')} size="small">
              <OrderTimeline history={o.history ?? []} hideActions={['message']} actorName={(a) => (a && a === me?.user.id ? t('order.you') : undefined)} />
            </Card>
          </Space>
        </Col>
      </Row>
    </>
  );
}

/** What the provider can do now, by the order's status. */
function OrderActions({ order: o }: { order: Order }) {
  const { t } = useTranslation('provider');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = (updated?: Order) => {
    if (updated) qc.setQueryData(['orders', o.id], (old: Order | undefined) => ({ ...updated, history: updated.history ?? old?.history }));
    void qc.invalidateQueries({ queryKey: ['orders'] });
  };
  const start = useMutation({
    mutationFn: () => call(api.POST('/api/v1/orders/{id}/start', { params: { path: { id: o.id } } })),
    onSuccess: (u) => {
      void message.success(t('order.started'));
      refresh(u);
    },
  });

  switch (o.status) {
    case 'requested':
      return (
        <Card title={t('order.quoteTitle')} size="small">
          <QuoteForm order={o} onDone={refresh} />
        </Card>
      );
    case 'quoted':
      return (
        <Card title={t('order.quotedTitle')} size="small">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('order.quotedWaiting', { date: o.quote?.validUntil })} />
          <RequoteToggle order={o} onDone={refresh} />
        </Card>
      );
    case 'contracted': {
      const pending = o.payments.filter((p) => p.method === 'offline' && p.status === 'pending');
      return (
        <Card title={t('order.paymentTitle')} size="small">
          {pending.length === 0 ? (
            <Alert type="info" showIcon title={t('order.awaitingPayment', { amount: fenText(o.contract?.dueFen) })} />
          ) : (
            pending.map((p) => <ConfirmPaymentForm key={p.id} order={o} payment={p} onDone={refresh} />)
          )}
          <CancelButton order={o} onDone={refresh} />
        </Card>
      );
    }
    case 'paid':
      return (
        <Card title={t('order.startTitle')} size="small">
          <Typography.Paragraph>{t('order.startExplain')}</Typography.Paragraph>
          {start.isError ? <ProblemAlert error={start.error} /> : null}
          <Space wrap>
            <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>{t('order.start')}</Button>
            <CancelButton order={o} onDone={refresh} />
          </Space>
        </Card>
      );
    case 'in_progress':
      return (
        <Card title={t('order.deliverTitle')} size="small">
          <DeliverForm order={o} onDone={refresh} />
        </Card>
      );
    case 'delivered':
      return <Alert type="info" showIcon title={t('order.deliveredWaiting')} />;
    case 'disputed':
      return <Alert type="warning" showIcon title={t('order.disputed')} description={o.disputeReason ?? undefined} />;
    case 'completed':
      return <CompletedActions order={o} />;
    default:
      return null;
  }
}

function fenText(fen: number | null | undefined): string {
  return formatFen(fen);
}

interface QuoteValues {
  price: string;
  scope: string;
  leadTimeDays: number;
  validUntil: Dayjs;
}

function QuoteForm({ order: o, onDone, onCancel }: { order: Order; onDone: (u: Order) => void; onCancel?: () => void }) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<QuoteValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState(false);
  const { key, settle } = useIdempotencyKey();
  const today = todayShanghai();
  const onFinish = async (v: QuoteValues) => {
    setBusy(true);
    setError(null);
    try {
      const u = await call(
        api.POST('/api/v1/orders/{id}/quote', {
          params: { path: { id: o.id } },
          headers: { 'Idempotency-Key': key },
          body: { priceFen: parseYuanToFen(v.price)!, scope: v.scope.trim(), leadTimeDays: v.leadTimeDays, validUntil: v.validUntil.format('YYYY-MM-DD') },
        }),
      );
      void message.success(t('order.quoted'));
      onDone(u);
    } catch (e) {
      settle(e);
      if (!applyProblemToForm(form, e, { priceFen: 'price' })) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ProblemAlert error={error} />
      <Form<QuoteValues>
        form={form}
        layout="vertical"
        initialValues={{
          price: o.quote ? fenToYuanInput(o.quote.priceFen) : undefined,
          scope: o.quote?.scope,
          leadTimeDays: o.quote?.leadTimeDays ?? 7,
          validUntil: dayjs(todayShanghai(14)),
        }}
        onFinish={(v) => void onFinish(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="price"
              label={t('fields.quotePriceYuan')}
              rules={[
                { required: true, message: t('common:form.required', { field: t('fields.quotePriceYuan') }) },
                { validator: (_r, v?: string) => (!v || (parseYuanToFen(v) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('common:form.amountYuan')))) },
              ]}
            >
              <Input prefix="¥" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="leadTimeDays" label={t('fields.leadTimeDays')} rules={[{ required: true, type: 'integer', min: 1, max: 3650, message: t('order.leadTimeRule') }]}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="validUntil" label={t('fields.quoteValidUntil')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.quoteValidUntil') }) }]}>
              <DatePicker
                style={{ width: '100%' }}
                format="YYYY-MM-DD"
                allowClear={false}
                disabledDate={(d) => d.format('YYYY-MM-DD') < today || d.format('YYYY-MM-DD') > todayShanghai(90)}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="scope" label={t('fields.scope')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('fields.scope') }) }, { max: 4000, message: t('common:form.tooLong', { max: 4000 }) }]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>{o.quote ? t('order.requote') : t('order.sendQuote')}</Button>
          {o.status === 'requested' ? <Button danger onClick={() => setDeclining(true)}>{t('order.decline')}</Button> : null}
          {onCancel ? <Button onClick={onCancel}>{t('common:actions.cancel')}</Button> : null}
        </Space>
      </Form>
      <ReasonModal
        open={declining}
        title={t('order.declineTitle')}
        label={t('order.declineReason')}
        okText={t('order.decline')}
        onClose={() => setDeclining(false)}
        submit={(reason) => call(api.POST('/api/v1/orders/{id}/decline', { params: { path: { id: o.id } }, body: { reason } }))}
        onDone={(u) => {
          void message.success(t('order.declined'));
          onDone(u);
        }}
      />
    </>
  );
}

function RequoteToggle({ order, onDone }: { order: Order; onDone: (u: Order) => void }) {
  const { t } = useTranslation('provider');
  const [open, setOpen] = useState(false);
  return open ? (
    <QuoteForm order={order} onCancel={() => setOpen(false)} onDone={(u) => { setOpen(false); onDone(u); }} />
  ) : (
    <Space wrap>
      <Button onClick={() => setOpen(true)}>{t('order.requote')}</Button>
      <CancelButton order={order} onDone={onDone} />
    </Space>
  );
}

/** A reason asked in a dialog (decline, cancel). */
function ReasonModal({
  open,
  title,
  label,
  okText,
  onClose,
  submit,
  onDone,
}: {
  open: boolean;
  title: string;
  label: string;
  okText: string;
  onClose: () => void;
  submit: (reason: string) => Promise<Order>;
  onDone: (u: Order) => void;
}) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: true, loading: busy }}
      onCancel={onClose}
      onOk={() => form.submit()}
      rootClassName="provider-portal"
      destroyOnHidden
    >
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setBusy(true);
          setError(null);
          try {
            const u = await submit(v.reason.trim());
            onClose();
            onDone(u);
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: label }) }, { max: 1000, message: t('common:form.tooLong', { max: 1000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CancelButton({ order: o, onDone }: { order: Order; onDone: (u: Order) => void }) {
  const { t } = useTranslation('provider');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" danger onClick={() => setOpen(true)}>{t('order.cancel')}</Button>
      <ReasonModal
        open={open}
        title={t('order.cancelTitle')}
        label={t('order.cancelReason')}
        okText={t('order.cancel')}
        onClose={() => setOpen(false)}
        submit={(reason) => call(api.POST('/api/v1/orders/{id}/cancel', { params: { path: { id: o.id } }, body: { reason } }))}
        onDone={onDone}
      />
    </>
  );
}

interface ConfirmValues {
  reference: string;
  payerName: string;
  payerAccountNo: string;
  slip?: UploadedFile[];
}

function ConfirmPaymentForm({ order: o, payment: p, onDone }: { order: Order; payment: Payment; onDone: (u?: Order) => void }) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<ConfirmValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { key, settle } = useIdempotencyKey();
  const onFinish = async (v: ConfirmValues) => {
    setBusy(true);
    setError(null);
    try {
      await call(
        api.POST('/api/v1/orders/{id}/payments/{paymentId}/confirm', {
          params: { path: { id: o.id, paymentId: p.id } },
          headers: { 'Idempotency-Key': key },
          body: { reference: v.reference.trim(), payerName: v.payerName.trim(), payerAccountNo: v.payerAccountNo.trim(), slipFileId: v.slip?.[0]?.id },
        }),
      );
      void message.success(t('order.paymentConfirmed'));
      onDone();
    } catch (e) {
      settle(e);
      if (!applyProblemToForm(form, e, { slipFileId: 'slip' })) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('order.transferPending', { amount: fenText(p.amountFen), ref: p.reference })}
        description={t('order.transferCheck')}
      />
      <ProblemAlert error={error} />
      <Form<ConfirmValues> form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="reference" label={t('fields.bankReference')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('fields.bankReference') }) }, { max: 100 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="payerName" label={t('fields.payerName')} extra={t('order.payerNameHelp')} rules={[{ required: true, whitespace: true, message: t('common:form.required', { field: t('fields.payerName') }) }, { max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="payerAccountNo" label={t('fields.payerAccountNo')} rules={[{ required: true, pattern: /^[0-9 -]{6,40}$/, message: t('order.payerAccountRule') }]}>
              <Input inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="slip" label={t('fields.slip')}>
              <FileField buttonLabel={t('order.uploadSlip')} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy}>{t('order.confirmPayment')}</Button>
      </Form>
    </>
  );
}

interface DeliverValues {
  report: UploadedFile[];
  note?: string;
}

function DeliverForm({ order: o, onDone }: { order: Order; onDone: (u: Order) => void }) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<DeliverValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { key, settle } = useIdempotencyKey();
  const onFinish = async (v: DeliverValues) => {
    setBusy(true);
    setError(null);
    try {
      const u = await call(
        api.POST('/api/v1/orders/{id}/deliver', {
          params: { path: { id: o.id } },
          headers: { 'Idempotency-Key': key },
          body: { reportFileId: v.report[0].id, note: v.note?.trim() || undefined },
        }),
      );
      void message.success(t('order.delivered'));
      onDone(u);
    } catch (e) {
      settle(e);
      if (!applyProblemToForm(form, e, { reportFileId: 'report' })) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Typography.Paragraph>{t('order.deliverExplain')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form<DeliverValues> form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item name="report" label={t('fields.deliveryReport')} rules={[{ required: true, type: 'array', min: 1, message: t('order.reportRequired') }]}>
          <FileField buttonLabel={t('order.uploadReport')} />
        </Form.Item>
        <Form.Item name="note" label={t('fields.deliveryNote')} rules={[{ max: 4000, message: t('common:form.tooLong', { max: 4000 }) }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>{t('order.deliver')}</Button>
      </Form>
    </>
  );
}

/** A completed order: under 通兑 with a subsidy, the provider claims it (or sees its claim). */
function CompletedActions({ order: o }: { order: Order }) {
  const { t } = useTranslation('provider');
  const navigate = useNavigate();
  const claimable = o.contract?.settlementMode === 'provider_redeems' && (o.contract?.subsidyFen ?? 0) > 0;
  const claims = useQuery({
    queryKey: ['claims', 'mine', o.providerId, 'all'],
    enabled: claimable,
    queryFn: () => call(api.GET('/api/v1/claims', { params: { query: { claimantId: o.providerId, page: 1, pageSize: 100 } } })),
  });
  if (!claimable) return <Alert type="success" showIcon title={t('order.completed')} />;
  const existing = claims.data?.items.find((c) => c.orderId === o.id && c.status !== 'rejected' && c.status !== 'expired');
  return (
    <Alert
      type="success"
      showIcon
      title={t('order.completed')}
      description={
        <Space orientation="vertical">
          <span>{t('order.claimExplain', { amount: fenText(o.contract?.subsidyFen) })}</span>
          {existing ? (
            <Link to={`/provider/claims/${existing.id}`}>{t('order.viewClaim', { no: existing.claimNo })}</Link>
          ) : claims.isPending ? null : (
            <Button type="primary" onClick={() => void navigate(`/provider/claims/new?order=${o.id}`)}>{t('order.claim')}</Button>
          )}
        </Space>
      }
    />
  );
}
