// /admin/disbursements: the payment batches of the programs in the finance officer's jurisdiction
// (GET /admin/disbursements, filtered by program and status in the URL), and building a new batch
// of one program's funding source (POST /admin/disbursements): the approved, unpaid claim lines of
// that source, the payees' verified bank accounts copied in.
import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { QueryState } from '../../../components/QueryState';
import { useIdempotencyKey } from '../../../lib/forms';
import { Age, DateTime, pagination, PageTitle, useStaff, useTableState } from '../common';
import type { Batch } from './data';
import { ActionError, BatchStatusTag, TableWrap } from './parts';
import { useAllPrograms } from './ProgramsPage';
import { withAside } from '../../../lib/text';

export interface SkippedLine {
  claimId: string;
  claimNo: string;
  source: string;
  amountFen: number;
  reason: string;
}

export default function DisbursementsPage() {
  const { t } = useTranslation('adminPrograms');
  const { t: ta } = useTranslation('admin');
  const staff = useStaff();
  const state = useTableState();
  const programs = useAllPrograms();
  const [building, setBuilding] = useState(false);
  const programId = state.get('programId');
  const status = state.get('status') as 'open' | 'paid' | 'cancelled' | undefined;
  const batches = useQuery({
    queryKey: ['admin', 'batches', programId ?? '', status ?? '', state.page, state.pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/disbursements', { params: { query: { programId, status, page: state.page, pageSize: state.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  const programName = (id: string) => programs.data?.find((p) => p.id === id)?.name ?? id.slice(0, 8);
  return (
    <>
      <PageTitle extra={staff.has('finance_officer') ? <Button type="primary" onClick={() => setBuilding(true)}>{t('batches.build')}</Button> : null}>{t('batches.title')}</PageTitle>
      <Typography.Paragraph type="secondary">{t('batches.intro')}</Typography.Paragraph>
      <div className="admin-filters">
        <Select
          aria-label={t('batches.filterProgram')}
          placeholder={t('batches.filterProgram')}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 240, maxWidth: '100%' }}
          value={programId}
          loading={programs.isPending}
          onChange={(v?: string) => state.set({ programId: v })}
          options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          aria-label={t('batches.filterStatus')}
          placeholder={t('batches.filterStatus')}
          allowClear
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v?: string) => state.set({ status: v })}
          options={(['open', 'paid', 'cancelled'] as const).map((s) => ({ value: s, label: t(`batchStatus.${s}`) }))}
        />
      </div>
      <QueryState query={batches} isEmpty={(d) => d.items.length === 0} empty={programId || status ? t('batches.noneMatch') : t('batches.empty')}>
        {(d) => (
          <TableWrap label={t('batches.title')}>
            <Table<Batch>
              rowKey="id"
              size="small"
              dataSource={d.items}
              pagination={pagination(state, d.total, ta)}
              columns={[
                { title: t('batches.no'), dataIndex: 'batchNo', render: (no: string, b) => <Link to={`/admin/disbursements/${b.id}`}>{no}</Link> },
                { title: t('batches.status'), dataIndex: 'status', render: (s: string) => <BatchStatusTag status={s} /> },
                { title: t('batches.program'), dataIndex: 'programId', render: (id: string) => programName(id) },
                { title: t('batches.source'), dataIndex: 'source', render: (s: string) => <code>{s}</code> },
                { title: t('batches.lines'), dataIndex: 'lineCount', align: 'right' },
                { title: t('batches.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => <Money fen={v} strong /> },
                { title: t('batches.created'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
                { title: ta('table.age'), dataIndex: 'createdAt', key: 'age', render: (v: string, b) => (b.status === 'open' ? <Age since={v} /> : '—') },
              ]}
            />
          </TableWrap>
        )}
      </QueryState>
      {building ? <BuildDialog onClose={() => setBuilding(false)} initialProgramId={programId} /> : null}
    </>
  );
}

function BuildDialog({ onClose, initialProgramId }: { onClose: () => void; initialProgramId?: string }) {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const idem = useIdempotencyKey();
  const programs = useAllPrograms();
  const [form] = Form.useForm<{ programId: string; sourceKey: string }>();
  const chosen = Form.useWatch('programId', form);
  const program = programs.data?.find((p) => p.id === chosen);
  const build = useMutation({
    mutationFn: (v: { programId: string; sourceKey: string }) => call(api.POST('/api/v1/admin/disbursements', { body: v, headers: { 'Idempotency-Key': idem.key } })),
    onSuccess: (batch) => {
      qc.setQueryData(['admin', 'batch', batch.id], batch);
      void qc.invalidateQueries({ queryKey: ['admin', 'batches'] });
      void message.success(t('batches.built', { no: batch.batchNo }));
      navigate(`/admin/disbursements/${batch.id}`, { state: { skipped: batch.skipped ?? [] } });
    },
    onError: (e) => idem.settle(e),
  });
  const skipped = build.error instanceof ApiError && build.error.code === 'NOTHING_TO_DISBURSE' ? ((build.error.problem as unknown as { skippedLines?: SkippedLine[] }).skippedLines ?? []) : [];
  return (
    <Modal open title={t('batches.buildTitle')} okText={t('batches.buildSubmit')} cancelText={tc('actions.cancel')} onOk={() => form.submit()} confirmLoading={build.isPending} onCancel={onClose} destroyOnHidden width={640}>
      <Typography.Paragraph type="secondary">{t('batches.buildExplain')}</Typography.Paragraph>
      <ActionError error={build.error} />
      {skipped.length > 0 ? <SkippedLines lines={skipped} /> : null}
      <Form form={form} layout="vertical" initialValues={{ programId: initialProgramId }} onFinish={(v) => build.mutate(v)}>
        <Form.Item name="programId" label={t('batches.program')} rules={[{ required: true, message: tc('form.required', { field: t('batches.program') }) }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={programs.isPending}
            onChange={() => form.setFieldValue('sourceKey', undefined)}
            options={(programs.data ?? []).filter((p) => p.status !== 'draft').map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="sourceKey" label={t('batches.source')} rules={[{ required: true, message: tc('form.required', { field: t('batches.source') }) }]}>
          <Select disabled={!program} options={(program?.fundingSources ?? []).map((s) => ({ value: s.key, label: withAside(s.name, s.key) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Payable lines left out of a batch, and why (the payee's bank account must be fixed first). */
export function SkippedLines({ lines }: { lines: SkippedLine[] }) {
  const { t } = useTranslation('adminPrograms');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('batches.skippedTitle', { count: lines.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {lines.map((l) => (
            <li key={`${l.claimId}:${l.source}`}>
              <Link to={`/admin/claims/${l.claimId}`}>{l.claimNo}</Link> · <Money fen={l.amountFen} /> · {t(`skipReason.${l.reason}`, { defaultValue: l.reason })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
