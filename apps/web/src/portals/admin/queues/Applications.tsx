// Reviewed-mode applications (项目申请): the review queue within the staff member's jurisdiction
// (by program, status, region; oldest first), and one application with the enterprise's
// eligibility facts against the program's rules; approve (an amount in yuan, at most the bound)
// or reject with a reason, sending the version seen.
import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { fenToYuanInput, formatFen, parseYuanToFen } from '../../../lib/money';
import { Age, DateTime, PageTitle, pagination, useStaff, useTableState } from '../common';
import { EnterpriseStatusTag, SizeWhy } from './Verification';
import { DecisionModal, NS, RegionFilter, SortFilter, StaleNotice, fmtDate, isNotFound, pageQuery, useRegionName, type DecisionSpec } from './shared';
import { listSep } from '../../../lib/text';

type Status = 'pending' | 'granted' | 'rejected' | 'not_drawn';
const STATUSES: Status[] = ['pending', 'granted', 'rejected', 'not_drawn'];
const STATUS_COLOR: Record<Status, string> = { pending: 'blue', granted: 'green', rejected: 'red', not_drawn: 'default' };

export type Application = Schemas['ApplicationViewDto'];
/** A row of the queue: the application with the enterprise's and the program's names. */
type QueuedApplication = Schemas['QueuedApplicationViewDto'];
/** A program and its rules (GET /programs/:id). */
type Program = Schemas['ProgramViewDto'];
type Enterprise = Schemas['EnterpriseViewDto'];

function useProgram(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'program-rules', id],
    enabled: !!id,
    staleTime: 60_000,
    queryFn: () => call(api.GET('/api/v1/programs/{id}', { params: { path: { id: id! } } })),
  });
}

function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'enterprise', id],
    enabled: !!id,
    staleTime: 30_000,
    queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: id! } } })),
  });
}

/** Reviewed programs for the filter: the officer's programs, else the open ones. */
function useReviewedPrograms() {
  const staff = useStaff();
  const officer = staff.has('program_officer');
  return useQuery({
    queryKey: ['admin', 'reviewed-programs', officer],
    staleTime: 60_000,
    queryFn: async () => {
      const page = await (officer
        ? call(api.GET('/api/v1/admin/programs', { params: { query: { page: 1, pageSize: 100 } } }))
        : call(api.GET('/api/v1/programs', { params: { query: { page: 1, pageSize: 100 } } })));
      return page.items.filter((p) => p.allocationMode === 'reviewed');
    },
  });
}

function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation(NS);
  return <Tag color={STATUS_COLOR[status]}>{t(`applicationStatus.${status}`)}</Tag>;
}

export function ApplicationList() {
  const { t } = useTranslation(NS);
  const { t: ta } = useTranslation('admin');
  const state = useTableState();
  const regionName = useRegionName();
  const programs = useReviewedPrograms();
  const status = state.get('status') ?? 'pending';
  const region = state.get('region');
  const programId = state.get('programId');
  const list = useQuery({
    queryKey: ['admin', 'applications', status, region, programId, state.page, state.pageSize, state.sort],
    queryFn: () =>
      call(
        api.GET('/api/v1/admin/applications', {
          params: { query: { ...(status !== 'all' ? { status } : {}), ...(region ? { region } : {}), ...(programId ? { programId } : {}), ...pageQuery(state) } as never },
        }),
      ),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <PageTitle>{t('applications.title')}</PageTitle>
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <Select
          aria-label={t('filters.program')}
          style={{ minWidth: 220 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filters.allPrograms')}
          value={programId}
          loading={programs.isPending}
          onChange={(v?: string) => state.set({ programId: v })}
          options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        />
        <Select
          aria-label={t('filters.status')}
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v: string) => state.set({ status: v === 'pending' ? undefined : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`applicationStatus.${s}`) })), { value: 'all', label: t('filters.allStatuses') }]}
        />
        <RegionFilter state={state} roles={['county_reviewer', 'program_officer']} />
        <SortFilter state={state} />
      </div>
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t('applications.empty')} rows={6}>
        {(d) => (
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('applications.title')}>
            <Table<QueuedApplication>
              rowKey="id"
              dataSource={d.items}
              loading={list.isFetching && list.isPlaceholderData}
              pagination={pagination(state, d.total, ta)}
              columns={[
                {
                  title: t('fields.enterprise'),
                  key: 'enterprise',
                  render: (_v, a) => (
                    <Link to={`/admin/applications/${a.id}`}>{a.enterpriseName}</Link>
                  ),
                },
                { title: t('fields.program'), key: 'program', render: (_v, a) => a.programName },
                { title: t('fields.region'), key: 'region', render: (_v, a) => regionName(a.regionCode) },
                { title: t('fields.requested'), key: 'requested', align: 'right', render: (_v, a) => <Money fen={a.requestedFen} /> },
                { title: t('fields.status'), key: 'status', render: (_v, a) => <StatusTag status={a.status} /> },
                { title: ta('table.age'), key: 'age', render: (_v, a) => (a.status === 'pending' ? <Age since={a.createdAt} /> : <DateTime value={a.createdAt} />) },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}

const MONTH_MS = 30.44 * 86_400_000;

/** The enterprise's facts against the program's eligibility rules, each met or not. */
function Eligibility({ e, p }: { e: Enterprise; p: Program }) {
  const { t, i18n } = useTranslation(NS);
  const regionName = useRegionName();
  const lang = i18n.language;
  const el = p.eligibility;
  const rows: { key: string; rule: ReactNode; fact: ReactNode; ok: boolean }[] = [
    { key: 'verified', rule: t('eligibility.verified'), fact: <EnterpriseStatusTag status={e.status} />, ok: e.status === 'verified' },
    {
      key: 'size',
      rule: t('eligibility.size', { sizes: el.sizeClasses.map((s) => t(`sizeClass.${s}`)).join(listSep()) || t('eligibility.any') }),
      fact: t(`sizeClass.${e.sizeClass}`),
      ok: el.sizeClasses.length === 0 || el.sizeClasses.includes(e.sizeClass),
    },
    {
      key: 'region',
      rule: t('eligibility.region', { regions: el.regionCodes.map(regionName).join(listSep()) || t('eligibility.any') }),
      fact: regionName(e.regionCode),
      ok: el.regionCodes.length === 0 || el.regionCodes.some((c) => c === e.regionCode || (c.endsWith('00') && e.regionCode.startsWith(c.slice(0, 4)))),
    },
  ];
  for (const flag of el.requiredFlags ?? []) {
    if (flag === 'tech_sme') rows.push({ key: flag, rule: t('eligibility.techSme'), fact: e.techSmeNo ?? t('eligibility.none'), ok: !!e.techSmeNo });
    if (flag === 'high_tech') {
      const valid = !!e.highTechCertNo && (!e.highTechCertExpiresOn || new Date(`${e.highTechCertExpiresOn}T23:59:59+08:00`).getTime() >= Date.now());
      rows.push({
        key: flag,
        rule: t('eligibility.highTech'),
        fact: e.highTechCertNo ? `${e.highTechCertNo}${e.highTechCertExpiresOn ? ` · ${t('fields.until', { date: fmtDate(e.highTechCertExpiresOn, lang) })}` : ''}` : t('eligibility.none'),
        ok: valid,
      });
    }
  }
  if (el.minMonthsRegistered) {
    const months = e.establishedOn ? Math.floor((Date.now() - new Date(`${e.establishedOn}T00:00:00+08:00`).getTime()) / MONTH_MS) : null;
    rows.push({
      key: 'months',
      rule: t('eligibility.months', { n: el.minMonthsRegistered }),
      fact: e.establishedOn ? t('eligibility.established', { date: fmtDate(e.establishedOn, lang), n: months }) : t('eligibility.none'),
      ok: months !== null && months >= el.minMonthsRegistered,
    });
  }
  const blacklisted = !!e.blacklistedUntil && new Date(`${e.blacklistedUntil}T23:59:59+08:00`).getTime() >= Date.now();
  rows.push({ key: 'blacklist', rule: t('eligibility.notBlacklisted'), fact: blacklisted ? t('eligibility.blacklistedUntil', { date: fmtDate(e.blacklistedUntil, lang) }) : t('eligibility.clear'), ok: !blacklisted });
  return (
    <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('applications.eligibility')} data-testid="eligibility">
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('eligibility.rule'), key: 'rule', render: (_v, r) => r.rule },
          { title: t('eligibility.fact'), key: 'fact', render: (_v, r) => r.fact },
          {
            title: t('eligibility.result'),
            key: 'ok',
            render: (_v, r) =>
              r.ok ? (
                <Typography.Text type="success">
                  <CheckCircleFilled aria-hidden /> {t('eligibility.met')}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">
                  <CloseCircleFilled aria-hidden /> {t('eligibility.notMet')}
                </Typography.Text>
              ),
          },
        ]}
      />
    </div>
  );
}

type Decision = 'approve' | 'reject';

export function ApplicationDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [stale, setStale] = useState<unknown>(null);
  const application = useQuery({
    queryKey: ['admin', 'application', id],
    queryFn: () => call(api.GET('/api/v1/admin/applications/{id}', { params: { path: { id } } })),
    retry: (n: number, e: Error) => !isNotFound(e) && n < 2,
  });
  const a = application.data;
  const program = useProgram(a?.programId);
  const enterprise = useEnterprise(a?.enterpriseId);
  if (application.isError && isNotFound(application.error)) return <NotFound />;
  const bound = a && program.data ? Math.min(a.requestedFen, program.data.maxGrantFen) : a?.requestedFen;
  const yuanRule = {
    validator: (_r: unknown, v?: string) => {
      if (!v?.trim()) return Promise.reject(new Error(t('common:form.required', { field: t('applications.amount') })));
      const fen = parseYuanToFen(v);
      if (fen === null || fen <= 0) return Promise.reject(new Error(t('common:form.amountYuan')));
      if (bound !== undefined && fen > bound) return Promise.reject(new Error(t('applications.aboveBound', { bound: formatFen(bound) })));
      return Promise.resolve();
    },
  };
  const specs: Record<Decision, DecisionSpec> = {
    approve: {
      title: t('applications.approveTitle'),
      okText: t('applications.approve'),
      reason: 'optional',
      reasonLabel: t('decision.note'),
      explain: t('applications.approveExplain', { bound: formatFen(bound) }),
      initialValues: { amount: bound !== undefined ? fenToYuanInput(bound) : '' },
      extra: (
        <Form.Item name="amount" label={t('applications.amount')} rules={[yuanRule]} extra={t('applications.amountHelp')}>
          <Input inputMode="decimal" />
        </Form.Item>
      ),
    },
    reject: { title: t('applications.rejectTitle'), okText: t('applications.reject'), danger: true, reason: 'required', explain: t('applications.rejectExplain') },
  };
  const reloadAll = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'application', id] });
    void qc.invalidateQueries({ queryKey: ['admin', 'applications'] });
    void qc.invalidateQueries({ queryKey: ['admin', 'queues'] });
  };
  return (
    <>
      <Link to="/admin/applications" className="queues-back">
        <ArrowLeftOutlined aria-hidden /> {t('applications.back')}
      </Link>
      <PageTitle
        extra={
          a?.status === 'pending' ? (
            <>
              <Button type="primary" onClick={() => setDeciding('approve')} disabled={!program.data}>
                {t('applications.approve')}
              </Button>
              <Button danger onClick={() => setDeciding('reject')}>
                {t('applications.reject')}
              </Button>
            </>
          ) : null
        }
      >
        {enterprise.data ? t('applications.detailOf', { name: enterprise.data.name }) : t('applications.detailTitle')}
      </PageTitle>
      <StaleNotice
        error={stale}
        statusLabel={(s) => t(`applicationStatus.${s}`, { defaultValue: s })}
        onReload={() => {
          setStale(null);
          reloadAll();
        }}
      />
      <QueryState query={application} rows={10}>
        {(a) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('applications.application')}>
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('fields.status')}>
                  <StatusTag status={a.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.program')}>{program.data?.name ?? '…'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.requested')}>
                  <Money fen={a.requestedFen} strong />
                </Descriptions.Item>
                <Descriptions.Item label={t('applications.maxGrant')}>{program.data ? <Money fen={program.data.maxGrantFen} /> : '…'}</Descriptions.Item>
                <Descriptions.Item label={t('applications.submitted')}>
                  <DateTime value={a.createdAt} />
                  {a.status === 'pending' ? (
                    <>
                      {' '}
                      · {t('verification.waited')} <Age since={a.createdAt} />
                    </>
                  ) : null}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.region')}>{regionName(a.regionCode)}</Descriptions.Item>
                <Descriptions.Item label={t('applications.purpose')} span="filled">
                  <span className="queues-text">{a.purpose}</span>
                </Descriptions.Item>
                {a.grantedFen !== null ? (
                  <Descriptions.Item label={t('applications.granted')}>
                    <Money fen={a.grantedFen} strong />
                  </Descriptions.Item>
                ) : null}
                {a.decisionReason ? <Descriptions.Item label={t('applications.decisionReason')}>{a.decisionReason}</Descriptions.Item> : null}
              </Descriptions>
            </Card>
            <Card
              title={t('applications.eligibility')}
              extra={enterprise.data ? <Link to={`/admin/verification/${enterprise.data.id}`}>{t('applications.enterpriseProfile')}</Link> : null}
            >
              <QueryState query={enterprise} rows={4}>
                {(e) => (
                  <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                    <QueryState query={program} rows={3}>
                      {(p) => <Eligibility e={e} p={p} />}
                    </QueryState>
                    <SizeWhy e={e} />
                  </Space>
                )}
              </QueryState>
            </Card>
          </Space>
        )}
      </QueryState>
      <DecisionModal
        spec={deciding && a ? specs[deciding] : null}
        onClose={() => setDeciding(null)}
        submit={(v, key) =>
          call(
            api.POST('/api/v1/admin/applications/{id}/decision', {
              params: { path: { id } },
              headers: { 'Idempotency-Key': key },
              body: {
                decision: deciding!,
                reason: v.reason,
                version: a!.version,
                ...(deciding === 'approve' && v.amount ? { amountFen: parseYuanToFen(v.amount)! } : {}),
              },
            }),
          )
        }
        onDone={() => {
          setStale(null);
          void message.success(t(deciding === 'approve' ? 'applications.approved' : 'applications.rejected'));
          reloadAll();
        }}
        onStale={(e) => {
          setStale(e);
          reloadAll();
        }}
      />
    </>
  );
}
