// /admin/disbursements/:id: one payment batch — its lines (payee, bank account, amount, claim), the
// bank file as XLSX or CSV, cancelling it while unpaid, and marking it paid with the bank's
// reference and value date. Four eyes: the officer who built a batch may not mark it paid; the page
// says so before and explains the API's refusal.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useIdempotencyKey } from '../../../lib/forms';
import { api, ApiError, call, openFile } from '../../../api/client';
import { useAuth } from '../../../auth/auth';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { DateTime, PageTitle, useStaff } from '../common';
import { todayShanghai, type Batch, type BatchLine } from './data';
import { SkippedLines, type SkippedLine } from './DisbursementsPage';
import { ActionError, BatchStatusTag, ConfirmButton, TableWrap } from './parts';
import { useAllPrograms } from './ProgramsPage';

export default function BatchPage() {
  const { id } = useParams();
  const batch = useQuery({
    queryKey: ['admin', 'batch', id],
    queryFn: () => call(api.GET('/api/v1/admin/disbursements/{id}', { params: { path: { id: id! } } })),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  if (batch.error instanceof ApiError && (batch.error.status === 404 || batch.error.status === 400)) return <NotFound />;
  return <QueryState query={batch} rows={10}>{(b) => <BatchDetail batch={b} />}</QueryState>;
}

function BatchDetail({ batch: b }: { batch: Batch }) {
  const { t } = useTranslation('adminPrograms');
  const { message } = App.useApp();
  const { me } = useAuth();
  const staff = useStaff();
  const qc = useQueryClient();
  const location = useLocation();
  const programs = useAllPrograms();
  const [paying, setPaying] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  const finance = staff.has('finance_officer');
  const builtByMe = me?.user.id === b.builtBy;
  const skipped = ((location.state as { skipped?: SkippedLine[] } | null)?.skipped ?? []) as SkippedLine[];
  const program = programs.data?.find((p) => p.id === b.programId);

  const reload = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'batch', b.id] });
    void qc.invalidateQueries({ queryKey: ['admin', 'batches'] });
  };
  // a retried cancel (an answer lost on the way) is the first one's answer, not a conflict
  const cancelKey = useIdempotencyKey();
  const cancel = useMutation({
    mutationFn: () => call(api.POST('/api/v1/admin/disbursements/{id}/cancel', { params: { path: { id: b.id } }, headers: { 'Idempotency-Key': cancelKey.key } })),
    onSuccess: (updated) => {
      qc.setQueryData(['admin', 'batch', b.id], updated);
      void qc.invalidateQueries({ queryKey: ['admin', 'batches'] });
      void message.success(t('batch.cancelled'));
    },
    onError: (e) => {
      cancelKey.settle(e);
      if (e instanceof ApiError && e.status === 409) reload();
    },
  });
  const download = async (format: 'xlsx' | 'csv') => {
    setDownloadError(null);
    setDownloading(format);
    try {
      await openFile(`/api/v1/admin/disbursements/${b.id}/export?format=${format}`, `${b.batchNo}.${format}`);
    } catch (e) {
      setDownloadError(e);
    } finally {
      setDownloading(null);
    }
  };

  const actions =
    finance && b.status !== 'cancelled'
      ? [
          <Button key="xlsx" icon={<DownloadOutlined aria-hidden />} loading={downloading === 'xlsx'} onClick={() => void download('xlsx')}>
            {t('batch.downloadXlsx')}
          </Button>,
          <Button key="csv" icon={<DownloadOutlined aria-hidden />} loading={downloading === 'csv'} onClick={() => void download('csv')}>
            {t('batch.downloadCsv')}
          </Button>,
          b.status === 'open' ? (
            <Button key="paid" type="primary" onClick={() => setPaying(true)}>
              {t('batch.markPaid')}
            </Button>
          ) : null,
          b.status === 'open' ? (
            <ConfirmButton key="cancel" danger title={t('batch.cancelConfirm', { no: b.batchNo })} content={t('batch.cancelExplain')} okText={t('batch.cancel')} loading={cancel.isPending} onConfirm={() => cancel.mutateAsync()}>
              {t('batch.cancel')}
            </ConfirmButton>
          ) : null,
        ].filter(Boolean)
      : null;

  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/admin/disbursements">← {t('batches.title')}</Link>
      </Typography.Paragraph>
      <PageTitle extra={actions}>
        <span style={{ marginInlineEnd: 8 }}>{t('batch.title', { no: b.batchNo })}</span>
        <BatchStatusTag status={b.status} />
      </PageTitle>
      {skipped.length > 0 ? <SkippedLines lines={skipped} /> : null}
      {b.status === 'open' && finance && builtByMe ? <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('batch.fourEyesNote')} data-testid="four-eyes-note" /> : null}
      <ActionError error={cancel.error ?? downloadError} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('batches.program')}>{program ? <Link to={`/admin/programs/${program.id}`}>{program.name}</Link> : b.programId.slice(0, 8)}</Descriptions.Item>
          <Descriptions.Item label={t('batches.source')}><code>{b.source}</code></Descriptions.Item>
          <Descriptions.Item label={t('fields.fiscalYear')}>{b.fiscalYear}</Descriptions.Item>
          <Descriptions.Item label={t('batches.lines')}>{b.lineCount}</Descriptions.Item>
          <Descriptions.Item label={t('batches.total')}><Money fen={b.totalFen} strong /></Descriptions.Item>
          <Descriptions.Item label={t('batches.created')}><DateTime value={b.createdAt} /></Descriptions.Item>
          {b.status === 'paid' ? (
            <>
              <Descriptions.Item label={t('batch.paidFen')}><Money fen={b.paidFen} strong /></Descriptions.Item>
              <Descriptions.Item label={t('batch.bankReference')}><span data-testid="bank-reference">{b.bankReference}</span></Descriptions.Item>
              <Descriptions.Item label={t('batch.paidOn')}>{b.paidOn}</Descriptions.Item>
              <Descriptions.Item label={t('batch.paidAt')}><DateTime value={b.paidAt} /></Descriptions.Item>
            </>
          ) : null}
          {b.cancelledAt ? <Descriptions.Item label={t('batch.cancelledAt')}><DateTime value={b.cancelledAt} /></Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <section aria-labelledby="lines-title">
        <Typography.Title level={4} id="lines-title">
          {t('batch.linesTitle')}
        </Typography.Title>
        <TableWrap label={t('batch.linesTitle')}>
          <Table<BatchLine>
            rowKey="id"
            size="small"
            className="admin-programs-lines"
            pagination={(b.lines?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            dataSource={b.lines ?? []}
            locale={{ emptyText: t('batch.noLines') }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={5}>
                  <strong>{t('balances.total')}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {/* the batch's total from the API (antd passes only the current page's rows) */}
                  <Money fen={b.totalFen} strong />
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} colSpan={3} />
              </Table.Summary.Row>
            )}
            columns={[
              { title: t('batch.seq'), dataIndex: 'seq', align: 'right' },
              { title: t('batch.payee'), dataIndex: 'accountName', render: (n: string, l) => <Link to={`/admin/organizations/${l.payeeId}`}>{n}</Link> },
              { title: t('batch.accountNo'), dataIndex: 'accountNo', render: (v: string) => <code>{v}</code> },
              { title: t('batch.bank'), dataIndex: 'bankName' },
              { title: t('batch.cnaps'), dataIndex: 'cnapsCode', render: (v: string) => <code>{v}</code> },
              { title: t('batch.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => <Money fen={v} /> },
              { title: t('batch.claim'), dataIndex: 'claimNo', render: (no: string, l) => <Link to={`/admin/claims/${l.claimId}`}>{no}</Link> },
              { title: t('batch.memo'), dataIndex: 'memo' },
              { title: t('batch.lineStatus'), dataIndex: 'status', render: (s: string) => t(`lineStatus.${s}`, { defaultValue: s }) },
            ]}
          />
        </TableWrap>
      </section>
      {paying ? <MarkPaidDialog batch={b} onClose={() => setPaying(false)} onConflict={reload} /> : null}
    </>
  );
}

interface PaidValues {
  bankReference: string;
  paidOn: string;
  failedLineIds: string[];
}

function MarkPaidDialog({ batch: b, onClose, onConflict }: { batch: Batch; onClose: () => void; onConflict: () => void }) {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PaidValues>();
  // a retried "paid" (an answer lost on the way) is answered as the first was: never BATCH_ALREADY_PAID for one's own payment
  const paidKey = useIdempotencyKey();
  const paid = useMutation({
    mutationFn: (v: PaidValues) =>
      call(
        api.POST('/api/v1/admin/disbursements/{id}/paid', {
          params: { path: { id: b.id } },
          headers: { 'Idempotency-Key': paidKey.key },
          body: { bankReference: v.bankReference.trim(), paidOn: v.paidOn, ...(v.failedLineIds?.length ? { failedLineIds: v.failedLineIds } : {}) },
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(['admin', 'batch', b.id], updated);
      void qc.invalidateQueries({ queryKey: ['admin', 'batches'] });
      void qc.invalidateQueries({ queryKey: ['admin', 'program', b.programId] });
      void message.success(t('batch.paidDone'));
      onClose();
    },
    onError: (e) => {
      paidKey.settle(e);
      if (e instanceof ApiError && e.status === 409) onConflict();
    },
  });
  return (
    <Modal open title={t('batch.markPaidTitle', { no: b.batchNo })} okText={t('batch.markPaidSubmit')} cancelText={tc('actions.cancel')} onOk={() => form.submit()} confirmLoading={paid.isPending} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('batch.markPaidExplain')}</Typography.Paragraph>
      <ActionError error={paid.error} />
      <Form<PaidValues> form={form} layout="vertical" initialValues={{ paidOn: todayShanghai(), failedLineIds: [] }} onFinish={(v) => paid.mutate(v)}>
        <Form.Item name="bankReference" label={t('batch.bankReference')} rules={[{ required: true, whitespace: true, message: tc('form.required', { field: t('batch.bankReference') }) }, { max: 100, message: tc('form.tooLong', { max: 100 }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('batch.paidOn')} rules={[{ required: true, message: tc('form.required', { field: t('batch.paidOn') }) }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="failedLineIds" label={t('batch.failedLines')} extra={t('batch.failedLinesHelp')}>
          <Select mode="multiple" allowClear options={(b.lines ?? []).map((l) => ({ value: l.id, label: `${l.seq}. ${l.accountName} · ${l.claimNo}` }))} />
        </Form.Item>
        <Space />
      </Form>
    </Modal>
  );
}
