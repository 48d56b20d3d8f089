import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Form, Input, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { FileButton } from '../../components/orders';
import { applyProblemToForm } from '../../lib/forms';
import { fenToYuanInput, parseYuanToFen } from '../../lib/money';
import { checkUscc } from '../../lib/uscc';
import { ClaimStatusTag } from './ClaimsPage';
import { FileField, type UploadedFile } from './FileField';
import { formatDate, formatDateTime, useIdempotencyKey, useProvider, useProviderId, type Claim, type Order } from './reference';

interface ClaimValues {
  code?: string;
  number: string;
  issuedOn: Dayjs;
  amount: string;
  sellerTaxId: string;
  buyerTaxId: string;
  evidence?: UploadedFile[];
}

const ALIASES = {
  'invoice.code': 'code',
  'invoice.number': 'number',
  'invoice.issuedOn': 'issuedOn',
  'invoice.amountFen': 'amount',
  'invoice.sellerTaxId': 'sellerTaxId',
  'invoice.buyerTaxId': 'buyerTaxId',
  evidenceFileIds: 'evidence',
};

function toInvoice(v: ClaimValues): Schemas['InvoiceDto'] {
  return {
    code: v.code?.trim() || null,
    number: v.number.trim(),
    issuedOn: v.issuedOn.format('YYYY-MM-DD'),
    amountFen: parseYuanToFen(v.amount)!,
    sellerTaxId: v.sellerTaxId.trim().toUpperCase(),
    buyerTaxId: v.buyerTaxId.trim().toUpperCase(),
  };
}

/** The fapiao (发票) fields with the API's rules, and the evidence files. */
function ClaimFields() {
  const { t, i18n } = useTranslation('provider');
  const en = i18n.language === 'en-US';
  const req = (field: string) => ({ required: true, whitespace: true, message: t('common:form.required', { field }) });
  const taxId = (field: string) => [
    req(field),
    {
      validator: (_r: unknown, v?: string) => {
        if (!v?.trim()) return Promise.resolve();
        const r = checkUscc(v);
        return r.ok ? Promise.resolve() : Promise.reject(new Error(en ? r.en : r.zh));
      },
    },
  ];
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item name="code" label={t('fields.invoiceCode')} extra={t('claim.codeHelp')} rules={[{ pattern: /^(\d{10}|\d{12})$/, message: t('claim.codeRule') }]}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="number"
          label={t('fields.invoiceNumber')}
          dependencies={['code']}
          rules={[
            req(t('fields.invoiceNumber')),
            ({ getFieldValue }) => ({
              validator: (_r, v?: string) => {
                if (!v) return Promise.resolve();
                const withCode = !!String(getFieldValue('code') ?? '').trim();
                const ok = withCode ? /^\d{8}$/.test(v.trim()) : /^\d{20}$/.test(v.trim());
                return ok ? Promise.resolve() : Promise.reject(new Error(t(withCode ? 'claim.numberRule8' : 'claim.numberRule20')));
              },
            }),
          ]}
        >
          <Input inputMode="numeric" maxLength={20} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="issuedOn" label={t('fields.invoiceIssuedOn')} rules={[{ required: true, message: t('common:form.required', { field: t('fields.invoiceIssuedOn') }) }]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="amount"
          label={t('fields.invoiceAmountYuan')}
          extra={t('claim.amountHelp')}
          rules={[req(t('fields.invoiceAmountYuan')), { validator: (_r, v?: string) => (!v || parseYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('common:form.amountYuan')))) }]}
        >
          <Input prefix="¥" inputMode="decimal" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="sellerTaxId" label={t('fields.sellerTaxId')} rules={taxId(t('fields.sellerTaxId'))}>
          <Input maxLength={18} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="buyerTaxId" label={t('fields.buyerTaxId')} rules={taxId(t('fields.buyerTaxId'))}>
          <Input maxLength={18} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="evidence" label={t('fields.evidence')} extra={t('claim.evidenceHelp')}>
          <FileField multiple buttonLabel={t('claim.uploadEvidence')} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** claims/new?order=…: a claim for a completed order under 通兑, with the fapiao and evidence. */
export function ClaimNewPage() {
  const { t } = useTranslation('provider');
  const [params] = useSearchParams();
  const orderId = params.get('order');
  const order = useQuery({
    queryKey: ['orders', orderId],
    enabled: !!orderId,
    queryFn: () => call(api.GET('/api/v1/orders/{id}', { params: { path: { id: orderId! } } })),
  });
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={orderId ? `/provider/orders/${orderId}` : '/provider/claims'}>← {t(orderId ? 'claim.backToOrder' : 'claims.back')}</Link>
      </Typography.Paragraph>
      <Typography.Title level={3} className="page-title">{t('claim.newTitle')}</Typography.Title>
      {!orderId ? <Alert type="info" showIcon title={t('claim.pickOrder')} /> : <QueryState query={order}>{(o) => <NewClaimForm order={o} />}</QueryState>}
    </>
  );
}

function NewClaimForm({ order: o }: { order: Order }) {
  const { t } = useTranslation('provider');
  const provider = useProvider(useProviderId());
  const [form] = Form.useForm<ClaimValues>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { key, settle } = useIdempotencyKey();
  if (o.status !== 'completed' || o.contract?.settlementMode !== 'provider_redeems') return <Alert type="warning" showIcon title={t('claim.notClaimable')} />;
  if (!provider.data) return <QueryState query={provider}>{() => null}</QueryState>;
  const onFinish = async (v: ClaimValues) => {
    setBusy(true);
    setError(null);
    try {
      const claim = await call(
        api.POST('/api/v1/claims', { headers: { 'Idempotency-Key': key }, body: { orderId: o.id, invoice: toInvoice(v), evidenceFileIds: (v.evidence ?? []).map((f) => f.id) } }),
      );
      void qc.invalidateQueries({ queryKey: ['claims'] });
      void message.success(t('claim.submitted'));
      void navigate(`/provider/claims/${claim.id}`, { replace: true });
    } catch (e) {
      settle(e);
      if (!applyProblemToForm(form, e, ALIASES)) setError(e);
      else if (e instanceof Error) setError(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('fields.orderNo')}>{o.orderNo}</Descriptions.Item>
        <Descriptions.Item label={t('fields.offering')}>{o.offeringTitle}</Descriptions.Item>
        <Descriptions.Item label={t('fields.contractNo')}>{o.contract?.contractNo}</Descriptions.Item>
        <Descriptions.Item label={t('fields.contractPrice')}><Money fen={o.contract?.priceFen} /></Descriptions.Item>
        <Descriptions.Item label={t('fields.claimAmount')}><Money fen={o.contract?.subsidyFen} strong /></Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('claim.intro')}</Typography.Paragraph>
      <ProblemAlert error={error} />
      <Form<ClaimValues>
        form={form}
        layout="vertical"
        initialValues={{ amount: o.contract ? fenToYuanInput(o.contract.priceFen) : undefined, sellerTaxId: provider.data.uscc, evidence: [] }}
        onFinish={(v) => void onFinish(v)}
        scrollToFirstError
      >
        <ClaimFields />
        <Button type="primary" htmlType="submit" loading={busy}>{t('claim.submit')}</Button>
      </Form>
    </Card>
  );
}

/** claims/:id: the claim's review (levels, decisions, return reasons), its fapiao and evidence; revise and resubmit when returned. */
export function ClaimPage() {
  const { id } = useParams();
  const { t } = useTranslation('provider');
  const claim = useQuery({
    queryKey: ['claims', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/claims/{id}', { params: { path: { id: id! } } })),
  });
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/provider/claims">← {t('claims.back')}</Link>
      </Typography.Paragraph>
      <QueryState query={claim} rows={8}>{(c) => <ClaimView claim={c} />}</QueryState>
    </>
  );
}

function ClaimView({ claim: c }: { claim: Claim }) {
  const { t, i18n } = useTranslation('provider');
  const lang = i18n.language;
  const [revising, setRevising] = useState(false);
  const inReview = c.status === 'in_review';
  const stepStatus = c.status === 'rejected' || c.status === 'forfeited' ? 'error' : c.status === 'returned' ? 'wait' : inReview ? 'process' : 'finish';
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('claim.title', { no: c.claimNo })}</Typography.Title>
        <ClaimStatusTag status={c.status} />
      </Space>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {c.status === 'returned' ? (
          <Alert type="warning" showIcon title={t('claim.returned')} description={c.decisionReason ? t('claim.reason', { reason: c.decisionReason }) : undefined} />
        ) : null}
        {c.status === 'rejected' || c.status === 'forfeited' ? (
          <Alert type="error" showIcon title={t(`claim.${c.status}`)} description={c.decisionReason ? t('claim.reason', { reason: c.decisionReason }) : undefined} />
        ) : null}
        {c.status === 'approved' || c.status === 'batched' || c.status === 'paid' ? <Alert type="success" showIcon title={t(`claim.${c.status}`)} /> : null}
        {c.status === 'expired' ? <Alert type="error" showIcon title={t('claim.expired')} /> : null}

        <Card title={t('claim.review')} size="small">
          <Steps
            size="small"
            responsive
            current={inReview || c.status === 'returned' ? c.level - 1 : c.levels.length}
            status={stepStatus}
            items={c.levels.map((lv, i) => {
              const approval = c.approvals.find((a) => a.level === i + 1);
              return {
                title: t(`claim.level.${lv}`),
                description: approval ? t('claim.approvedAt', { at: formatDateTime(approval.at, lang) }) : inReview && c.level === i + 1 ? t('claim.dueOn', { date: formatDate(c.levelDueOn, lang) }) : undefined,
              };
            })}
          />
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" style={{ marginTop: 16 }}>
            <Descriptions.Item label={t('fields.claimAmount')}><Money fen={c.amountFen} strong /></Descriptions.Item>
            <Descriptions.Item label={t('fields.contractPrice')}><Money fen={c.priceFen} /></Descriptions.Item>
            <Descriptions.Item label={t('fields.submittedAt')}>{formatDateTime(c.submittedAt, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('fields.claimDeadline')}>{formatDate(c.deadlineOn, lang)}</Descriptions.Item>
            {c.decidedAt ? <Descriptions.Item label={t('fields.decidedAt')}>{formatDateTime(c.decidedAt, lang)}</Descriptions.Item> : null}
            {c.decisionReason ? <Descriptions.Item label={t('fields.decisionReason')} span={2}>{c.decisionReason}</Descriptions.Item> : null}
            <Descriptions.Item label={t('fields.order')}><Link to={`/provider/orders/${c.orderId}`}>{t('claim.viewOrder')}</Link></Descriptions.Item>
          </Descriptions>
        </Card>

        {c.status === 'returned' && !revising ? (
          <Space wrap>
            <Button type="primary" onClick={() => setRevising(true)}>{t('claim.revise')}</Button>
            <ResubmitButton claim={c} label={t('claim.resubmitUnchanged')} />
          </Space>
        ) : null}
        {revising ? <ReviseForm claim={c} onDone={() => setRevising(false)} /> : null}

        <Card title={t('claim.invoice')} size="small">
          <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('fields.invoiceCode')}>{c.invoice.code ?? t('claim.noCode')}</Descriptions.Item>
            <Descriptions.Item label={t('fields.invoiceNumber')}>{c.invoice.number}</Descriptions.Item>
            <Descriptions.Item label={t('fields.invoiceIssuedOn')}>{c.invoice.issuedOn}</Descriptions.Item>
            <Descriptions.Item label={t('fields.invoiceAmount')}><Money fen={c.invoice.amountFen} /></Descriptions.Item>
            <Descriptions.Item label={t('fields.sellerTaxId')}>{c.invoice.sellerTaxId}</Descriptions.Item>
            <Descriptions.Item label={t('fields.buyerTaxId')}>{c.invoice.buyerTaxId}</Descriptions.Item>
          </Descriptions>
        </Card>

        <Card title={t('claim.evidence')} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('fields.contractNo')}>{c.evidence.contractNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('fields.deliveryReport')}>
              {c.evidence.deliveryReportFileId ? <FileButton fileId={c.evidence.deliveryReportFileId} name={`${c.claimNo}-report.pdf`} label={t('order.downloadReport')} /> : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('claim.paymentsEvidence')}>
              {c.evidence.payments.length === 0
                ? '—'
                : c.evidence.payments.map((p) => (
                    <div key={p.paymentId}>
                      {t(`payment.method.${p.method}`)} <Money fen={p.amountFen} /> {p.succeededAt ? `· ${formatDate(p.succeededAt, lang)}` : ''}
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.evidence')}>
              {c.evidenceFileIds.length === 0 ? (
                '—'
              ) : (
                <Space wrap>
                  {c.evidenceFileIds.map((f, i) => (
                    <FileButton key={f} fileId={f} name={`${c.claimNo}-${i + 1}`} label={t('claim.evidenceN', { n: i + 1 })} />
                  ))}
                </Space>
              )}
            </Descriptions.Item>
          </Descriptions>
        </Card>

        {c.lines.length > 0 ? (
          <Card title={t('claim.lines')} size="small">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.lines}
              columns={[
                { title: t('fields.fundingSource'), key: 'source', render: (_v, l) => l.source },
                { title: t('fields.amount'), key: 'amount', render: (_v, l) => <Money fen={l.amountFen} /> },
                { title: t('fields.status'), key: 'status', render: (_v, l) => <Tag>{t(`claimLine.${l.status}`)}</Tag> },
                { title: t('fields.paidAt'), key: 'paid', render: (_v, l) => formatDate(l.paidAt, lang) },
              ]}
            />
          </Card>
        ) : null}
      </Space>
    </>
  );
}

function ResubmitButton({ claim: c, label }: { claim: Claim; label: string }) {
  const { t } = useTranslation('provider');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const resubmit = useMutation({
    mutationFn: () => call(api.POST('/api/v1/claims/{id}/resubmit', { params: { path: { id: c.id } } })),
    onSuccess: (u) => {
      qc.setQueryData(['claims', c.id], u);
      void qc.invalidateQueries({ queryKey: ['claims', 'mine'] });
      void message.success(t('claim.resubmitted'));
    },
  });
  return (
    <>
      <Button loading={resubmit.isPending} onClick={() => resubmit.mutate()}>{label}</Button>
      {resubmit.isError ? <ProblemAlert error={resubmit.error} /> : null}
    </>
  );
}

function ReviseForm({ claim: c, onDone }: { claim: Claim; onDone: () => void }) {
  const { t } = useTranslation('provider');
  const [form] = Form.useForm<ClaimValues>();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (v: ClaimValues) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.PATCH('/api/v1/claims/{id}', { params: { path: { id: c.id } }, body: { invoice: toInvoice(v), evidenceFileIds: (v.evidence ?? []).map((f) => f.id) } }));
      const u = await call(api.POST('/api/v1/claims/{id}/resubmit', { params: { path: { id: c.id } } }));
      qc.setQueryData(['claims', c.id], u);
      void qc.invalidateQueries({ queryKey: ['claims', 'mine'] });
      void message.success(t('claim.resubmitted'));
      onDone();
    } catch (e) {
      if (!applyProblemToForm(form, e, ALIASES)) setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('claim.revise')} size="small">
      <ProblemAlert error={error} />
      <Form<ClaimValues>
        form={form}
        layout="vertical"
        initialValues={{
          code: c.invoice.code ?? undefined,
          number: c.invoice.number,
          issuedOn: dayjs(c.invoice.issuedOn),
          amount: fenToYuanInput(c.invoice.amountFen),
          sellerTaxId: c.invoice.sellerTaxId,
          buyerTaxId: c.invoice.buyerTaxId,
          evidence: c.evidenceFileIds.map((id, i) => ({ id, name: t('claim.evidenceN', { n: i + 1 }) })),
        }}
        onFinish={(v) => void save(v)}
      >
        <ClaimFields />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>{t('claim.saveAndResubmit')}</Button>
          <Button onClick={onDone}>{t('common:actions.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
