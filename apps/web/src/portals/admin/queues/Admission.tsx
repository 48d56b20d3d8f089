// Provider admission (机构入库): the queue of providers by admission status (oldest application
// first), and one provider with its qualifications and certificates, the public notice with a live
// countdown to its end, objections (uphold / dismiss), the admission commands, and change requests
// as a diff of the live and proposed values — every decision sending the version seen.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../../api/client';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { Age, DateTime, PageTitle, pagination, useTableState } from '../common';
import {
  AttachedFile,
  DecisionModal,
  DiffTable,
  NS,
  RegionFilter,
  SortFilter,
  StaleNotice,
  fmtDate,
  isNotFound,
  pageQuery,
  same,
  useCategories,
  useRegionName,
  type DecisionSpec,
  type DiffRow,
} from './shared';
import { listSep } from '../../../lib/text';

type Provider = Schemas['ProviderViewDto'];
type Qualification = Schemas['QualificationViewDto'];
type Objection = Schemas['ObjectionViewDto'];
type ChangeRequest = Schemas['ChangeRequestViewDto'];
type Status = Provider['admissionStatus'];

const STATUSES: Status[] = ['applied', 'under_review', 'in_notice', 'admitted', 'rejected', 'suspended', 'delisted', 'expired'];
const STATUS_COLOR: Record<Status, string> = {
  applied: 'blue',
  under_review: 'blue',
  in_notice: 'gold',
  admitted: 'green',
  rejected: 'red',
  suspended: 'orange',
  delisted: 'default',
  expired: 'default',
};

export function AdmissionTag({ status }: { status: Status }) {
  const { t } = useTranslation(NS);
  return <Tag color={STATUS_COLOR[status]}>{t(`admissionStatus.${status}`)}</Tag>;
}

/** Now, ticking every second (for countdowns). */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, []);
  return now;
}

/** Whether `end` has passed (re-renders once when it does). */
function usePassed(end: string | null | undefined): boolean {
  const at = end ? new Date(end).getTime() : null;
  const [, setTick] = useState(0);
  useEffect(() => {
    if (at === null || at <= Date.now()) return;
    const h = setTimeout(() => setTick((n) => n + 1), Math.min(at - Date.now() + 50, 2 ** 31 - 1));
    return () => clearTimeout(h);
  }, [at]);
  return at !== null && at <= Date.now();
}

/** The time left until `end` (days, hours, minutes, seconds), or that it has ended. */
export function Countdown({ end }: { end: string }) {
  const { t } = useTranslation(NS);
  const now = useNow();
  const left = new Date(end).getTime() - now;
  if (left <= 0) return <Typography.Text type="success" data-testid="notice-countdown">{t('notice.ended')}</Typography.Text>;
  const s = Math.floor(left / 1000);
  return (
    <Typography.Text strong data-testid="notice-countdown" role="timer">
      {t('notice.left', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600), m: Math.floor((s % 3600) / 60), s: s % 60 })}
    </Typography.Text>
  );
}

export function AdmissionList() {
  const { t } = useTranslation(NS);
  const { t: ta } = useTranslation('admin');
  const state = useTableState();
  const regionName = useRegionName();
  const status = state.get('status') ?? 'applied';
  const region = state.get('region');
  const list = useQuery({
    queryKey: ['admin', 'providers', status, region, state.page, state.pageSize, state.sort],
    queryFn: () => call(api.GET('/api/v1/admin/providers', { params: { query: { ...(status !== 'all' ? { status } : {}), ...(region ? { region } : {}), ...pageQuery(state) } as never } })),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <PageTitle>{t('admission.title')}</PageTitle>
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <Select
          aria-label={t('filters.status')}
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v: string) => state.set({ status: v === 'applied' ? undefined : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`admissionStatus.${s}`) })), { value: 'all', label: t('filters.allStatuses') }]}
        />
        <RegionFilter state={state} roles={['program_officer']} />
        <SortFilter state={state} />
      </div>
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t('admission.empty')} rows={6}>
        {(d) => (
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('admission.title')}>
            <Table<Provider>
              rowKey="id"
              dataSource={d.items}
              loading={list.isFetching && list.isPlaceholderData}
              pagination={pagination(state, d.total, ta)}
              columns={[
                {
                  title: t('fields.provider'),
                  key: 'name',
                  render: (_v, p) => (
                    <div>
                      <Link to={`/admin/admission/${p.id}`}>{p.name}</Link>
                      <div className="queues-secondary">{p.uscc}</div>
                    </div>
                  ),
                },
                { title: t('fields.region'), key: 'region', render: (_v, p) => regionName(p.regionCode) },
                {
                  title: t('fields.providerTypes'),
                  key: 'types',
                  render: (_v, p) => (
                    <Space size={4} wrap>
                      {p.providerTypes.map((x) => (
                        <Tag key={x}>{t(`providerType.${x}`)}</Tag>
                      ))}
                    </Space>
                  ),
                },
                { title: t('fields.qualifications'), key: 'q', render: (_v, p) => p.qualifications.map((q) => q.kind).join(listSep()) || '—' },
                {
                  title: t('fields.status'),
                  key: 'status',
                  render: (_v, p) => (
                    <Space size={4} wrap>
                      <AdmissionTag status={p.admissionStatus} />
                      {p.openObjections > 0 ? <Tag color="red">{t('admission.openObjections', { count: p.openObjections })}</Tag> : null}
                      {p.pendingChangeRequestId ? <Tag color="purple">{t('admission.changePending')}</Tag> : null}
                    </Space>
                  ),
                },
                { title: t('notice.ends'), key: 'notice', render: (_v, p) => (p.admissionStatus === 'in_notice' && p.noticeEndsAt ? <Countdown end={p.noticeEndsAt} /> : '—') },
                { title: ta('table.age'), key: 'age', render: (_v, p) => <Age since={p.submittedAt} /> },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}

type Command = 'review' | 'start-notice' | 'admit' | 'reject' | 'suspend' | 'reinstate' | 'delist' | 'renew' | 'object';
const COMMANDS: Partial<Record<Status, Command[]>> = {
  applied: ['review', 'start-notice', 'reject'],
  under_review: ['start-notice', 'reject'],
  in_notice: ['admit', 'object', 'reject'],
  admitted: ['suspend', 'delist'],
  suspended: ['reinstate', 'delist'],
  expired: ['renew'],
};
const NEEDS_REASON: Command[] = ['object', 'reject', 'suspend', 'delist'];
const DANGER: Command[] = ['reject', 'suspend', 'delist'];

type Pending =
  | { kind: 'command'; command: Command }
  | { kind: 'objection'; objection: Objection; upheld: boolean }
  | { kind: 'change'; request: ChangeRequest; decision: 'approve' | 'reject' };

export function AdmissionDetail() {
  const { id = '' } = useParams();
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [pending, setPending] = useState<Pending | null>(null);
  const [stale, setStale] = useState<unknown>(null);
  const notFoundRetry = (n: number, e: Error) => !isNotFound(e) && n < 2;
  const provider = useQuery({
    queryKey: ['admin', 'provider', id],
    queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id } } })),
    retry: notFoundRetry,
  });
  const objections = useQuery({
    queryKey: ['admin', 'provider', id, 'objections'],
    enabled: provider.isSuccess,
    queryFn: () => call(api.GET('/api/v1/admin/providers/{id}/objections', { params: { path: { id } } })),
  });
  const changes = useQuery({
    queryKey: ['admin', 'provider', id, 'change-requests'],
    enabled: provider.isSuccess,
    queryFn: () => call(api.GET('/api/v1/admin/providers/{id}/change-requests', { params: { path: { id } } })),
  });
  const p = provider.data;
  const noticeOver = usePassed(p?.noticeEndsAt);
  if (provider.isError && isNotFound(provider.error)) return <NotFound />;
  const reloadAll = () => {
    void qc.invalidateQueries({ queryKey: ['admin', 'provider', id] });
    void qc.invalidateQueries({ queryKey: ['admin', 'providers'] });
    void qc.invalidateQueries({ queryKey: ['admin', 'queues'] });
  };
  const commands = p ? (COMMANDS[p.admissionStatus] ?? []) : [];
  const certificatesMissing = !!p && p.qualifications.some((q) => !q.certificateFileId);

  const spec = (x: Pending): DecisionSpec => {
    if (x.kind === 'command') {
      const c = x.command;
      return {
        title: t(`admission.cmd.${c}`) + ' · ' + (p?.name ?? ''),
        okText: t(`admission.cmd.${c}`),
        danger: DANGER.includes(c),
        reason: NEEDS_REASON.includes(c) ? 'required' : 'optional',
        reasonLabel: NEEDS_REASON.includes(c) ? t('decision.reason') : t('decision.note'),
        explain: t(`admission.explain.${c}`),
      };
    }
    if (x.kind === 'objection')
      return {
        title: t(x.upheld ? 'objections.upholdTitle' : 'objections.dismissTitle'),
        okText: t(x.upheld ? 'objections.uphold' : 'objections.dismiss'),
        danger: x.upheld,
        reason: x.upheld ? 'required' : 'optional',
        reasonLabel: x.upheld ? t('decision.reason') : t('decision.note'),
        explain: t(x.upheld ? 'objections.upholdExplain' : 'objections.dismissExplain', { reason: x.objection.reason }),
      };
    return {
      title: t(x.decision === 'approve' ? 'changes.approveTitle' : 'changes.rejectTitle'),
      okText: t(`changes.${x.decision}`),
      danger: x.decision === 'reject',
      reason: x.decision === 'reject' ? 'required' : 'none',
      explain: t(x.decision === 'approve' ? 'changes.approveExplain' : 'changes.rejectExplain'),
    };
  };

  const submit = (x: Pending, reason: string | undefined, key: string) => {
    const headers = { 'Idempotency-Key': key };
    if (x.kind === 'change')
      return call(
        api.POST('/api/v1/admin/providers/{id}/change-requests/{requestId}/decision', {
          params: { path: { id, requestId: x.request.id } },
          headers,
          body: { decision: x.decision, reason, version: x.request.version },
        }),
      );
    const body =
      x.kind === 'command'
        ? { action: x.command, reason, version: p!.version }
        : { action: 'resolve-objection' as const, objectionId: x.objection.id, upheld: x.upheld, reason, version: p!.version };
    return call(api.POST('/api/v1/admin/providers/{id}/admission', { params: { path: { id } }, headers, body }));
  };

  return (
    <>
      <Link to="/admin/admission" className="queues-back">
        <ArrowLeftOutlined aria-hidden /> {t('admission.back')}
      </Link>
      <PageTitle
        extra={commands.map((c) => (
          <Button
            key={c}
            type={c === 'admit' || c === 'start-notice' || c === 'reinstate' || c === 'renew' ? 'primary' : 'default'}
            danger={DANGER.includes(c)}
            disabled={(c === 'admit' && (!noticeOver || (p?.openObjections ?? 0) > 0)) || ((c === 'admit' || c === 'start-notice') && certificatesMissing)}
            onClick={() => setPending({ kind: 'command', command: c })}
          >
            {t(`admission.cmd.${c}`)}
          </Button>
        ))}
      >
        {p?.name ?? t('admission.detailTitle')}
      </PageTitle>
      <StaleNotice
        error={stale}
        statusLabel={(s) => t(`admissionStatus.${s}`, { defaultValue: s })}
        onReload={() => {
          setStale(null);
          reloadAll();
        }}
      />
      <QueryState query={provider} rows={10}>
        {(p) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <StatusCard p={p} noticeOver={noticeOver} />
            {certificatesMissing && ['applied', 'under_review', 'in_notice'].includes(p.admissionStatus) ? <Alert type="warning" showIcon title={t('admission.certificatesRequired')} /> : null}
            <ProfileCard p={p} />
            <QualificationsCard p={p} />
            <Card title={t('objections.title')}>
              <QueryState query={objections} isEmpty={(d) => d.length === 0} empty={t('objections.empty')} rows={2}>
                {(list) => <ObjectionsTable list={list} onResolve={(objection, upheld) => setPending({ kind: 'objection', objection, upheld })} canResolve={p.admissionStatus === 'in_notice'} />}
              </QueryState>
            </Card>
            <Card title={t('changes.title')}>
              <QueryState query={changes} isEmpty={(d) => d.length === 0} empty={t('changes.empty')} rows={2}>
                {(list) => (
                  <Space orientation="vertical" size={16} style={{ width: '100%' }}>
                    {list.map((r) => (
                      <ChangeRequestView key={r.id} p={p} r={r} onDecide={(decision) => setPending({ kind: 'change', request: r, decision })} />
                    ))}
                  </Space>
                )}
              </QueryState>
            </Card>
          </Space>
        )}
      </QueryState>
      <DecisionModal
        spec={pending && p ? spec(pending) : null}
        onClose={() => setPending(null)}
        submit={(v, key) => submit(pending!, v.reason, key)}
        onDone={() => {
          setStale(null);
          void message.success(t('decision.done'));
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

function StatusCard({ p, noticeOver }: { p: Provider; noticeOver: boolean }) {
  const { t } = useTranslation(NS);
  return (
    <Card title={t('admission.status')}>
      <Space wrap>
        <AdmissionTag status={p.admissionStatus} />
        <Typography.Text type="secondary">
          {t('admission.applied')} <DateTime value={p.submittedAt} /> · {t('verification.waited')} <Age since={p.submittedAt} />
        </Typography.Text>
      </Space>
      {p.noticeStartsAt ? (
        <div className="queues-notice" data-testid="notice">
          <Typography.Text>
            {t('notice.period')} <DateTime value={p.noticeStartsAt} /> – <DateTime value={p.noticeEndsAt} />
          </Typography.Text>
          {p.admissionStatus === 'in_notice' && p.noticeEndsAt ? (
            <div>
              <Countdown end={p.noticeEndsAt} />
            </div>
          ) : null}
        </div>
      ) : null}
      {p.admissionStatus === 'in_notice' && !noticeOver ? <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('admission.admitAfterNotice')} /> : null}
      {p.admissionStatus === 'in_notice' && p.openObjections > 0 ? (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('admission.resolveFirst', { count: p.openObjections })} />
      ) : null}
      {p.admittedAt ? (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          {t('admission.admittedAt')} <DateTime value={p.admittedAt} /> · {t('admission.expiresAt')} <DateTime value={p.admissionExpiresAt} />
        </Typography.Paragraph>
      ) : null}
      {p.decisionReason ? <Typography.Paragraph style={{ marginTop: 8 }}>{t('admission.decisionReason', { reason: p.decisionReason })}</Typography.Paragraph> : null}
    </Card>
  );
}

function ProfileCard({ p }: { p: Provider }) {
  const { t, i18n } = useTranslation(NS);
  const regionName = useRegionName();
  const categories = useCategories();
  return (
    <Card title={t('admission.profile')}>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('fields.uscc')}>{p.uscc}</Descriptions.Item>
        <Descriptions.Item label={t('fields.region')}>{regionName(p.regionCode)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.legalRepresentative')}>{p.legalRepresentative}</Descriptions.Item>
        <Descriptions.Item label={t('fields.contactPhone')}>{p.contactPhone}</Descriptions.Item>
        <Descriptions.Item label={t('fields.registeredAddress')}>{p.registeredAddress}</Descriptions.Item>
        <Descriptions.Item label={t('fields.establishedOn')}>{fmtDate(p.establishedOn, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.bankAccount')}>{p.bankAccount ? `${p.bankAccount.bankName} · ${p.bankAccount.accountName} · ${p.bankAccount.accountNo}` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('fields.providerTypes')}>
          <Space size={4} wrap>
            {p.providerTypes.map((x) => (
              <Tag key={x}>{t(`providerType.${x}`)}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.categories')} span="filled">
          <Space size={4} wrap>
            {p.categoryIds.map((c) => (
              <Tag key={c} color={p.admittedCategoryIds.includes(c) ? 'green' : undefined}>
                {categories.data?.get(c) ?? c}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function QualificationsCard({ p }: { p: Provider }) {
  const { t, i18n } = useTranslation(NS);
  const quals = p.qualifications;
  return (
    <Card title={t('fields.qualifications')}>
      {quals.length === 0 ? (
        <Typography.Text type="secondary">{t('admission.noQualifications')}</Typography.Text>
      ) : (
        <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('fields.qualifications')}>
          <Table<Qualification>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={quals}
            columns={[
              { title: t('fields.qualificationKind'), key: 'kind', render: (_v, q) => t(`qualification.${q.kind}`) },
              { title: t('fields.certificateNo'), key: 'number', dataIndex: 'number' },
              { title: t('fields.expiresOn'), key: 'expires', render: (_v, q) => (q.expiresOn ? fmtDate(q.expiresOn, i18n.language) : t('admission.noExpiry')) },
              {
                title: t('fields.certificate'),
                key: 'file',
                render: (_v, q) => <AttachedFile fileId={q.certificateFileId} name={`${p.name}-${q.kind}-${q.number}.pdf`} label={t('admission.openCertificate', { kind: q.kind })} />,
              },
            ]}
          />
        </div>
      )}
    </Card>
  );
}

function ObjectionsTable({ list, onResolve, canResolve }: { list: Objection[]; onResolve: (o: Objection, upheld: boolean) => void; canResolve: boolean }) {
  const { t } = useTranslation(NS);
  const COLOR = { open: 'gold', upheld: 'red', dismissed: 'default' } as const;
  return (
    <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('objections.title')}>
      <Table<Objection>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={list}
        columns={[
          { title: t('objections.raisedAt'), key: 'at', render: (_v, o) => <DateTime value={o.createdAt} /> },
          { title: t('objections.reason'), key: 'reason', render: (_v, o) => <div className="queues-text">{o.reason}</div> },
          {
            title: t('fields.status'),
            key: 'status',
            render: (_v, o) => (
              <div>
                <Tag color={COLOR[o.status]}>{t(`objections.status.${o.status}`)}</Tag>
                {o.resolutionReason ? <div className="queues-secondary">{o.resolutionReason}</div> : null}
              </div>
            ),
          },
          {
            title: t('admin:table.actions'),
            key: 'actions',
            render: (_v, o) =>
              o.status === 'open' && canResolve ? (
                <Space size={4} wrap>
                  <Button size="small" danger onClick={() => onResolve(o, true)}>
                    {t('objections.uphold')}
                  </Button>
                  <Button size="small" onClick={() => onResolve(o, false)}>
                    {t('objections.dismiss')}
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}

/** A change request: the live values (now) beside the proposed ones, field by field; approve or reject while pending. */
function ChangeRequestView({ p, r, onDecide }: { p: Provider; r: ChangeRequest; onDecide: (d: 'approve' | 'reject') => void }) {
  const { t } = useTranslation(NS);
  const value = useValueText();
  const live = p as unknown as Record<string, unknown>;
  const rows: DiffRow[] = Object.keys(r.changes).map((field) => {
    const now = field in live ? live[field] : r.previous[field];
    return { key: field, label: t(`fields.${field}`, { defaultValue: field }), live: value(field, now), proposed: value(field, r.changes[field]), changed: !same(now, r.changes[field]) };
  });
  const COLOR = { pending: 'gold', approved: 'green', rejected: 'red' } as const;
  return (
    <div data-testid={`change-request-${r.status}`} className="queues-change">
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={COLOR[r.status]}>{t(`changes.status.${r.status}`)}</Tag>
        <Typography.Text type="secondary">
          {t('changes.requested')} <DateTime value={r.createdAt} />
          {r.status === 'pending' ? (
            <>
              {' '}
              · {t('verification.waited')} <Age since={r.createdAt} />
            </>
          ) : null}
        </Typography.Text>
        {r.status === 'pending' ? (
          <>
            <Button size="small" type="primary" onClick={() => onDecide('approve')}>
              {t('changes.approve')}
            </Button>
            <Button size="small" danger onClick={() => onDecide('reject')}>
              {t('changes.reject')}
            </Button>
          </>
        ) : null}
      </Space>
      {r.reason ? <Typography.Paragraph type="secondary">{t('admission.decisionReason', { reason: r.reason })}</Typography.Paragraph> : null}
      <DiffTable rows={rows} liveTitle={t(r.status === 'pending' ? 'diff.live' : 'diff.before')} proposedTitle={t('diff.proposed')} testId="change-diff" label={t('changes.title')} />
    </div>
  );
}

/** Field values of organizations in words (regions, categories, types, accounts, qualifications). */
function useValueText(): (field: string, v: unknown) => ReactNode {
  const { t } = useTranslation(NS);
  const regionName = useRegionName();
  const categories = useCategories();
  return (field, v) => {
    if (v === null || v === undefined || v === '') return '—';
    if (field === 'regionCode') return regionName(String(v));
    if (field === 'categoryIds' || field === 'admittedCategoryIds') return (v as string[]).map((c) => categories.data?.get(c) ?? c).join(listSep());
    if (field === 'providerTypes') return (v as string[]).map((x) => t(`providerType.${x}`)).join(listSep());
    if (field === 'bankAccount') {
      const b = v as { bankName?: string; accountName?: string; accountNo?: string };
      return [b.bankName, b.accountName, b.accountNo].filter(Boolean).join(' · ');
    }
    if (field === 'qualifications')
      return (
        <ul className="queues-list">
          {(v as { kind: string; number: string; expiresOn?: string | null }[]).map((q) => (
            <li key={`${q.kind}-${q.number}`}>
              {t(`qualification.${q.kind}`, { defaultValue: q.kind })} · {q.number}
              {q.expiresOn ? ` · ${q.expiresOn}` : ''}
            </li>
          ))}
        </ul>
      );
    if (Array.isArray(v)) return v.join(listSep());
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  };
}

