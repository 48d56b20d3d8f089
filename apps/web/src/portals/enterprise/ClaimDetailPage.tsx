// One claim: its status, the review levels and decisions, the return reason; revise the fapiao and
// resubmit when it was returned. Never the risk flags (staff only; the API leaves them out too).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Space, Steps, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import { FileButton } from '../../components/orders';
import { applyProblemToForm } from '../../lib/forms';
import { fenToYuanInput } from '../../lib/money';
import { ClaimStatusTag } from './ClaimsPage';
import { EvidenceUpload, INVOICE_ALIASES, InvoiceFields, invoiceBody, type InvoiceValues } from './ClaimForm';
import { formatDate, type Claim } from './data';
import { ActionProblem } from './ActionProblem';

export default function ClaimDetailPage() {
  const { id = '' } = useParams();
  const claim = useQuery({ queryKey: ['claim', id], queryFn: () => call(api.GET('/api/v1/claims/{id}', { params: { path: { id } } })) });
  return <QueryState query={claim} rows={8}>{(c) => <ClaimView claim={c} />}</QueryState>;
}

function ClaimView({ claim: c }: { claim: Claim }) {
  const { t, i18n } = useTranslation('enterprise');
  const lang = i18n.language;
  const levelsDone = c.approvals.length;
  return (
    <>
      <Space wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="page-title" style={{ marginBottom: 0 }}>{t('claims.detailTitle', { no: c.claimNo })}</Typography.Title>
        <ClaimStatusTag status={c.status} />
      </Space>
      {c.decisionReason ? (
        <Alert type={c.status === 'returned' ? 'warning' : c.status === 'rejected' ? 'error' : 'info'} showIcon style={{ marginBottom: 16 }} title={t(`claims.reasonTitle.${c.status}`, { defaultValue: t('claims.reasonTitle.other') })} description={c.decisionReason} />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }} title={t('claims.review')}>
        <Steps
          size="small"
          responsive
          current={c.status === 'in_review' || c.status === 'returned' ? c.level - 1 : c.levels.length}
          status={c.status === 'rejected' ? 'error' : c.status === 'returned' ? 'wait' : undefined}
          items={c.levels.map((l, i) => ({
            title: t(`claims.levels.${l}`),
            content: i < levelsDone ? formatDate(c.approvals[i]?.at, lang) : i === c.level - 1 && c.status === 'in_review' ? t('claims.dueBy', { date: c.levelDueOn }) : undefined,
          }))}
        />
      </Card>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}>
          <Descriptions.Item label={t('claims.amount')}><Money fen={c.amountFen} strong /></Descriptions.Item>
          <Descriptions.Item label={t('claims.price')}><Money fen={c.priceFen} /></Descriptions.Item>
          <Descriptions.Item label={t('claims.fields.number')}>{c.invoice.code ? `${c.invoice.code} / ` : ''}{c.invoice.number}</Descriptions.Item>
          <Descriptions.Item label={t('claims.fields.issuedOn')}>{c.invoice.issuedOn}</Descriptions.Item>
          <Descriptions.Item label={t('claims.fields.amount')}><Money fen={c.invoice.amountFen} /></Descriptions.Item>
          <Descriptions.Item label={t('claims.fields.sellerTaxId')}>{c.invoice.sellerTaxId}</Descriptions.Item>
          <Descriptions.Item label={t('claims.fields.buyerTaxId')}>{c.invoice.buyerTaxId}</Descriptions.Item>
          <Descriptions.Item label={t('claims.submittedAt')}>{formatDate(c.submittedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('claims.deadline')}>{c.deadlineOn}</Descriptions.Item>
          <Descriptions.Item label={t('claims.order')}><Link to={`/enterprise/orders/${c.orderId}`}>{t('claims.viewOrder')}</Link></Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          <Typography.Text>{t('claims.attached')}</Typography.Text>
          {c.evidence.contractNo ? <FileButton url={`/api/v1/orders/${c.orderId}/contract`} name={`${c.evidence.contractNo}.pdf`} label={t('order.downloadContract')} /> : null}
          {c.evidence.deliveryReportFileId ? <FileButton fileId={c.evidence.deliveryReportFileId} name={t('order.reportName', { no: c.claimNo })} label={t('order.downloadReport')} /> : null}
        </Space>
        {c.evidenceFileIds.length > 0 ? (
          <Space wrap style={{ marginTop: 12 }}>
            {c.evidenceFileIds.map((id, i) => (
              <FileButton key={id} fileId={id} name={t('claims.evidenceName', { n: i + 1 })} label={t('claims.evidenceName', { n: i + 1 })} />
            ))}
          </Space>
        ) : null}
      </Card>
      {c.lines.length > 0 ? (
        <Card size="small" title={t('claims.lines')} style={{ marginBottom: 16 }}>
          <div className="table-wrap">
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={c.lines}
              columns={[
                { title: t('claims.source'), dataIndex: 'source' },
                { title: t('claims.status'), dataIndex: 'status', render: (s: string) => t(`claims.lineStatuses.${s}`, { defaultValue: s }) },
                { title: t('claims.paidAt'), dataIndex: 'paidAt', render: (v: string | null) => formatDate(v, lang) },
              ]}
            />
          </div>
        </Card>
      ) : null}
      {c.status === 'returned' ? <Revise claim={c} /> : null}
    </>
  );
}

function Revise({ claim: c }: { claim: Claim }) {
  const { t } = useTranslation('enterprise');
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<InvoiceValues>();
  const [evidence, setEvidence] = useState<string[]>(c.evidenceFileIds);
  const [problem, setProblem] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: async (v: InvoiceValues) => {
      await call(api.PATCH('/api/v1/claims/{id}', { params: { path: { id: c.id } }, body: { invoice: invoiceBody(v), evidenceFileIds: evidence } }));
      return call(api.POST('/api/v1/claims/{id}/resubmit', { params: { path: { id: c.id } } }));
    },
    onSuccess: async () => {
      void message.success(t('claims.resubmitted'));
      await qc.invalidateQueries({ queryKey: ['claim', c.id] });
    },
    onError: (e) => setProblem(applyProblemToForm(form, e, INVOICE_ALIASES) ? null : e),
  });
  return (
    <Card size="small" title={t('claims.reviseTitle')}>
      <ActionProblem error={problem} />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => save.mutate(v)}
        initialValues={{ code: c.invoice.code ?? '', number: c.invoice.number, issuedOn: c.invoice.issuedOn, amount: fenToYuanInput(c.invoice.amountFen), sellerTaxId: c.invoice.sellerTaxId, buyerTaxId: c.invoice.buyerTaxId }}
      >
        <InvoiceFields form={form} />
        <Form.Item label={t('claims.evidence')}>
          <EvidenceUpload value={evidence} onChange={setEvidence} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('claims.resubmit')}</Button>
      </Form>
    </Card>
  );
}
