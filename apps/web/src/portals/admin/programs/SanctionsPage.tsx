// /admin/sanctions: the sanctions of the organizations in the staff member's jurisdiction (GET
// /admin/sanctions, newest first), and imposing one (POST /admin/sanctions) with its kind, what it
// concerns (a grant, an order, a paid claim and the amount), the period of a blacklist, and the
// reason, which is required and recorded.
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { QueryState } from '../../../components/QueryState';
import { applyProblemToForm, useIdempotencyKey } from '../../../lib/forms';
import { parseYuanToFen } from '../../../lib/money';
import { Age, DateTime, pagination, PageTitle, useStaff, useTableState } from '../common';
import { todayShanghai, type ListedSanction } from './data';
import { OrganizationSelect } from './OrganizationSelect';
import { ActionError, SanctionKindTag, TableWrap } from './parts';

export const SANCTION_KINDS = ['void-grant', 'forfeit', 'clawback', 'suspend', 'delist', 'blacklist'] as const;
type Kind = (typeof SANCTION_KINDS)[number];

export default function SanctionsPage() {
  const { t } = useTranslation('adminPrograms');
  const { t: ta } = useTranslation('admin');
  const staff = useStaff();
  const navigate = useNavigate();
  const state = useTableState();
  const organizationId = state.get('organizationId');
  const kind = state.get('kind');
  const sanctions = useQuery({
    queryKey: ['admin', 'sanctions', organizationId ?? '', kind ?? '', state.page, state.pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/sanctions', { params: { query: { organizationId, kind: kind as Kind | undefined, page: state.page, pageSize: state.pageSize } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageTitle extra={staff.has('program_officer') ? <Button type="primary" onClick={() => navigate(`/admin/sanctions/new${organizationId ? `?organizationId=${organizationId}` : ''}`)}>{t('sanctions.impose')}</Button> : null}>
        {t('sanctions.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('sanctions.intro')}</Typography.Paragraph>
      <div className="admin-filters">
        {/* the search goes through the enterprise and provider lists, which program officers may read;
            finance officers and auditors come with an organization from its file, and may clear it */}
        {staff.has('program_officer') ? (
          <OrganizationSelect
            aria-label={t('sanctions.filterOrganization')}
            placeholder={t('sanctions.filterOrganization')}
            allowClear
            style={{ minWidth: 240, maxWidth: '100%' }}
            value={organizationId}
            onChange={(v) => state.set({ organizationId: v })}
          />
        ) : organizationId ? (
          <Tag closable onClose={() => state.set({ organizationId: undefined })} style={{ alignSelf: 'center' }}>
            {sanctions.data?.items[0]?.organizationName ?? t('sanctions.filterOrganization')}
          </Tag>
        ) : null}
        <Select
          aria-label={t('sanctions.filterKind')}
          placeholder={t('sanctions.filterKind')}
          allowClear
          style={{ minWidth: 160 }}
          value={kind}
          onChange={(v?: string) => state.set({ kind: v })}
          options={SANCTION_KINDS.map((k) => ({ value: k, label: t(`sanctionKind.${k}`) }))}
        />
      </div>
      <QueryState query={sanctions} isEmpty={(d) => d.items.length === 0} empty={organizationId || kind ? t('sanctions.noneMatch') : t('sanctions.empty')}>
        {(d) => (
          <TableWrap label={t('sanctions.title')}>
            <Table<ListedSanction>
              rowKey="id"
              size="small"
              dataSource={d.items}
              pagination={pagination(state, d.total, ta)}
              columns={[
                { title: t('sanctions.imposedAt'), dataIndex: 'createdAt', render: (v: string, s) => <Link to={`/admin/sanctions/${s.id}`}><DateTime value={v} /></Link> },
                { title: t('sanctions.age'), dataIndex: 'createdAt', key: 'age', render: (v: string) => <Age since={v} warnDays={36500} /> },
                { title: t('sanctions.organization'), dataIndex: 'organizationName', render: (name: string, s) => <Link to={`/admin/organizations/${s.organizationId}`}>{name}</Link> },
                { title: t('sanctions.kind'), dataIndex: 'kind', render: (k: string) => <SanctionKindTag kind={k} /> },
                { title: t('sanctions.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number | null) => (v === null ? '—' : <Money fen={v} />) },
                { title: t('sanctions.until'), dataIndex: 'until', render: (v: string | null) => v ?? '—' },
                { title: t('sanctions.reason'), dataIndex: 'reason', render: (r: string) => <Typography.Text ellipsis={{ tooltip: r }} style={{ maxWidth: 260 }}>{r}</Typography.Text> },
              ]}
            />
          </TableWrap>
        )}
      </QueryState>
    </>
  );
}

interface ImposeValues {
  organizationId: string;
  kind: Kind;
  grantId?: string;
  orderId?: string;
  claimId?: string;
  amount?: string;
  until?: string;
  reason: string;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** /admin/sanctions/new: impose a sanction (program officer). */
export function ImposeSanctionPage() {
  const { t } = useTranslation('adminPrograms');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const idem = useIdempotencyKey();
  const [form] = Form.useForm<ImposeValues>();
  const kind = Form.useWatch('kind', form);
  const impose = useMutation({
    mutationFn: (v: ImposeValues) =>
      call(
        api.POST('/api/v1/admin/sanctions', {
          body: {
            organizationId: v.organizationId,
            kind: v.kind,
            reason: v.reason.trim(),
            ...(v.kind === 'void-grant' ? { grantId: v.grantId?.trim() } : {}),
            ...(v.kind === 'forfeit' ? { orderId: v.orderId?.trim() } : {}),
            ...(v.kind === 'clawback' ? { claimId: v.claimId?.trim(), amountFen: parseYuanToFen(v.amount ?? '') ?? undefined } : {}),
            ...(v.kind === 'blacklist' && v.until ? { until: v.until } : {}),
          },
          headers: { 'Idempotency-Key': idem.key },
        }),
      ),
    onSuccess: (s) => {
      void qc.invalidateQueries({ queryKey: ['admin', 'sanctions'] });
      void message.success(t('sanctions.imposed'));
      navigate(`/admin/sanctions/${s.id}`);
    },
    onError: (e) => {
      idem.settle(e);
      applyProblemToForm(form, e, { amountFen: 'amount' });
    },
  });
  const uuidRule = (field: string) => ({
    validator: (_: unknown, v?: string) => (!v?.trim() ? Promise.reject(new Error(tc('form.required', { field }))) : UUID.test(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('impose.uuid')))),
  });
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to="/admin/sanctions">← {t('sanctions.title')}</Link>
      </Typography.Paragraph>
      <PageTitle>{t('impose.title')}</PageTitle>
      <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('impose.warning')} />
      {impose.isError ? <ActionError error={impose.error} /> : null}
      <Card size="small">
        <Form<ImposeValues>
          form={form}
          layout="vertical"
          initialValues={{ organizationId: params.get('organizationId') ?? undefined, kind: 'blacklist', until: undefined }}
          onFinish={(v) => impose.mutate(v)}
          style={{ maxWidth: 640 }}
        >
          <Form.Item name="organizationId" label={t('impose.organization')} rules={[{ required: true, message: tc('form.required', { field: t('impose.organization') }) }]}>
            <OrganizationSelect withKinds placeholder={t('orgSearch.placeholder')} />
          </Form.Item>
          <Form.Item name="kind" label={t('impose.kind')} extra={kind ? t(`kindHelp.${kind}`) : undefined} rules={[{ required: true }]}>
            <Select options={SANCTION_KINDS.map((k) => ({ value: k, label: t(`sanctionKind.${k}`) }))} />
          </Form.Item>
          {kind === 'void-grant' ? (
            <Form.Item name="grantId" label={t('impose.grantId')} rules={[uuidRule(t('impose.grantId'))]}>
              <Input />
            </Form.Item>
          ) : null}
          {kind === 'forfeit' ? (
            <Form.Item name="orderId" label={t('impose.orderId')} rules={[uuidRule(t('impose.orderId'))]}>
              <Input />
            </Form.Item>
          ) : null}
          {kind === 'clawback' ? (
            <Space wrap align="start" style={{ display: 'flex' }}>
              <Form.Item name="claimId" label={t('impose.claimId')} rules={[uuidRule(t('impose.claimId'))]} style={{ minWidth: 320 }}>
                <Input />
              </Form.Item>
              <Form.Item
                name="amount"
                label={t('impose.amount')}
                rules={[{ validator: (_, v?: string) => ((v ? parseYuanToFen(v) : null) ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(tc('form.amountYuan'))) }]}
              >
                <Input inputMode="decimal" prefix="¥" />
              </Form.Item>
            </Space>
          ) : null}
          {kind === 'blacklist' ? (
            <Form.Item
              name="until"
              label={t('impose.until')}
              extra={t('impose.untilHelp')}
              rules={[{ validator: (_, v?: string) => (!v || v > todayShanghai() ? Promise.resolve() : Promise.reject(new Error(t('impose.untilFuture')))) }]}
            >
              <Input type="date" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="reason"
            label={t('impose.reason')}
            rules={[{ required: true, whitespace: true, message: t('impose.reasonRequired') }, { max: 1000, message: tc('form.tooLong', { max: 1000 }) }]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
          <Space wrap>
            <Button type="primary" danger htmlType="submit" loading={impose.isPending}>
              {t('impose.submit')}
            </Button>
            <Button onClick={() => navigate('/admin/sanctions')}>{tc('actions.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
