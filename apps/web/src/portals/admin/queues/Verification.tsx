// Enterprise verification (企业认证): the queue of enterprises in the staff member's jurisdiction
// (pending first, oldest submission first), and one enterprise with its profile, the size class and
// why, the business licence, and the decision (approve / reject with a reason / suspend /
// reinstate) sending the version seen.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, call, type Schemas } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { Age, DateTime, PageTitle, pagination, useTableState } from '../common';
import { AttachedFile, DecisionModal, NS, RegionFilter, SortFilter, StaleNotice, fmtDate, isNotFound, pageQuery, useRegionName, type DecisionSpec } from './shared';
import { sizeReasons, type SizeBound, type SizeClass } from './sizes';
import { listSep } from '../../../lib/text';

type Enterprise = Schemas['EnterpriseViewDto'];
const STATUSES = ['pending', 'verified', 'rejected', 'suspended'] as const;
const STATUS_COLOR: Record<Enterprise['status'], string> = { pending: 'blue', verified: 'green', rejected: 'red', suspended: 'orange' };

export function EnterpriseStatusTag({ status }: { status: Enterprise['status'] }) {
  const { t } = useTranslation(NS);
  return <Tag color={STATUS_COLOR[status]}>{t(`enterpriseStatus.${status}`)}</Tag>;
}

/** The size class and, in one line, the classifier's inputs. */
function SizeCell({ e }: { e: Enterprise }) {
  const { t } = useTranslation(NS);
  return (
    <div>
      <Tag>{t(`sizeClass.${e.sizeClass}`)}</Tag>
      <div className="queues-secondary">
        {t(`industry.${e.industry}`)} · {t('size.employeesN', { count: e.employees })} · {t('size.revenueShort')} <Money fen={e.annualRevenueFen} /> · {t('size.assetsShort')}{' '}
        <Money fen={e.totalAssetsFen} />
      </div>
    </div>
  );
}

export function VerificationList() {
  const { t } = useTranslation(NS);
  const { t: ta } = useTranslation('admin');
  const state = useTableState();
  const regionName = useRegionName();
  const status = state.get('status') ?? 'pending';
  const region = state.get('region');
  const list = useQuery({
    queryKey: ['admin', 'enterprises', status, region, state.page, state.pageSize, state.sort],
    queryFn: () =>
      call(api.GET('/api/v1/admin/enterprises', { params: { query: { ...(status !== 'all' ? { status } : {}), ...(region ? { region } : {}), ...pageQuery(state) } as never } })),
    placeholderData: (prev) => prev,
  });
  return (
    <>
      <PageTitle>{t('verification.title')}</PageTitle>
      <div className="admin-filters" role="search" aria-label={ta('table.filter')}>
        <Select
          aria-label={t('filters.status')}
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v: string) => state.set({ status: v === 'pending' ? undefined : v })}
          options={[...STATUSES.map((s) => ({ value: s, label: t(`enterpriseStatus.${s}`) })), { value: 'all', label: t('filters.allStatuses') }]}
        />
        <RegionFilter state={state} roles={['county_reviewer', 'program_officer']} />
        <SortFilter state={state} />
      </div>
      <QueryState query={list} isEmpty={(d) => d.total === 0} empty={t('verification.empty')} rows={6}>
        {(d) => (
          <div className="admin-table-wrap" tabIndex={0} role="region" aria-label={t('verification.title')}>
            <Table<Enterprise>
              rowKey="id"
              dataSource={d.items}
              loading={list.isFetching && list.isPlaceholderData}
              pagination={pagination(state, d.total, ta)}
              columns={[
                {
                  title: t('fields.enterprise'),
                  key: 'name',
                  render: (_v, e) => (
                    <div>
                      <Link to={`/admin/verification/${e.id}`}>{e.name}</Link>
                      <div className="queues-secondary">{e.uscc}</div>
                    </div>
                  ),
                },
                { title: t('fields.region'), key: 'region', render: (_v, e) => regionName(e.regionCode) },
                { title: t('fields.sizeClass'), key: 'size', render: (_v, e) => <SizeCell e={e} /> },
                { title: t('fields.status'), key: 'status', render: (_v, e) => <EnterpriseStatusTag status={e.status} /> },
                { title: ta('table.age'), key: 'age', render: (_v, e) => <Age since={e.submittedAt} /> },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}

function BoundText({ bound }: { bound: SizeBound }) {
  const { t } = useTranslation(NS);
  const parts = [
    bound.employees !== undefined ? t('size.boundEmployees', { n: bound.employees }) : null,
    bound.revenueWan !== undefined ? t('size.boundRevenue', { n: bound.revenueWan }) : null,
    bound.assetsWan !== undefined ? t('size.boundAssets', { n: bound.assetsWan }) : null,
  ].filter(Boolean);
  return <>{parts.join(t('size.and'))}</>;
}

/** Why the enterprise is of its size class: the inputs, the bound reached and what the next class needs. */
export function SizeWhy({ e }: { e: Pick<Enterprise, 'industry' | 'employees' | 'annualRevenueFen' | 'totalAssetsFen' | 'sizeClass'> }) {
  const { t } = useTranslation(NS);
  const why = sizeReasons(e.sizeClass as SizeClass, e);
  return (
    <div data-testid="size-why">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('fields.sizeClass')}>
          <Tag color="blue">{t(`sizeClass.${e.sizeClass}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.industry')}>{t(`industry.${e.industry}`)}</Descriptions.Item>
        <Descriptions.Item label={t('fields.employees')}>{t('size.employeesN', { count: e.employees })}</Descriptions.Item>
        <Descriptions.Item label={t('fields.annualRevenue')}>
          <Money fen={e.annualRevenueFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('fields.totalAssets')}>
          <Money fen={e.totalAssetsFen} />
        </Descriptions.Item>
      </Descriptions>
      <ul className="queues-why">
        {why.reached ? (
          <li>
            {t('size.reached', { cls: t(`sizeClass.${e.sizeClass}`) })} <BoundText bound={why.reached} />
          </li>
        ) : (
          <li>{t('size.micro')}</li>
        )}
        {why.next ? (
          <li>
            {t('size.next', { cls: t(`sizeClass.${why.next.cls}`) })} <BoundText bound={why.next.bound} />
            {why.next.short.length > 0 ? t('size.shortOf', { what: why.next.short.map((s) => t(`size.indicator.${s}`)).join(t('size.list')) }) : null}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

export function VerificationDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const regionName = useRegionName();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [stale, setStale] = useState<unknown>(null);
  const enterprise = useQuery({
    queryKey: ['admin', 'enterprise', id],
    queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id } } })),
    retry: (n: number, e: Error) => !isNotFound(e) && n < 2,
  });
  if (enterprise.isError && isNotFound(enterprise.error)) return <NotFound />;
  const e = enterprise.data;
  const specs: Record<Decision, DecisionSpec> = {
    approve: { title: t('verification.approveTitle', { name: e?.name }), okText: t('verification.approve'), reason: 'optional', reasonLabel: t('decision.note'), explain: t('verification.approveExplain') },
    reject: { title: t('verification.rejectTitle', { name: e?.name }), okText: t('verification.reject'), danger: true, reason: 'required', reasonLabel: t('verification.rejectReason'), explain: t('verification.rejectExplain') },
    suspend: { title: t('verification.suspendTitle', { name: e?.name }), okText: t('verification.suspend'), danger: true, reason: 'required' },
    reinstate: { title: t('verification.reinstateTitle', { name: e?.name }), okText: t('verification.reinstate'), reason: 'optional', reasonLabel: t('decision.note') },
  };
  const reload = () => {
    setStale(null);
    void enterprise.refetch();
  };
  const actions: Decision[] = e?.status === 'pending' ? ['approve', 'reject'] : e?.status === 'verified' ? ['suspend'] : e?.status === 'suspended' ? ['reinstate'] : [];
  return (
    <>
      <Link to="/admin/verification" className="queues-back">
        <ArrowLeftOutlined aria-hidden /> {t('verification.back')}
      </Link>
      <PageTitle
        extra={actions.map((a) => (
          <Button
            key={a}
            type={a === 'approve' || a === 'reinstate' ? 'primary' : 'default'}
            danger={a === 'reject' || a === 'suspend'}
            disabled={a === 'approve' && !e?.businessLicenceFileId}
            onClick={() => setDeciding(a)}
          >
            {t(`verification.${a}`)}
          </Button>
        ))}
      >
        {e?.name ?? t('verification.detailTitle')}
      </PageTitle>
      <StaleNotice error={stale} statusLabel={(s) => t(`enterpriseStatus.${s}`, { defaultValue: s })} onReload={reload} />
      <QueryState query={enterprise} rows={10}>
        {(e) => (
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('verification.status')}>
              <Space wrap>
                <EnterpriseStatusTag status={e.status} />
                <Typography.Text type="secondary">
                  {t('verification.submitted')} <DateTime value={e.submittedAt} /> · {t('verification.waited')} <Age since={e.submittedAt} />
                </Typography.Text>
              </Space>
              {e.rejectionReason ? <Typography.Paragraph style={{ marginTop: 8 }}>{t('verification.rejectionReason', { reason: e.rejectionReason })}</Typography.Paragraph> : null}
              {e.suspensionReason ? <Typography.Paragraph style={{ marginTop: 8 }}>{t('verification.suspensionReason', { reason: e.suspensionReason })}</Typography.Paragraph> : null}
            </Card>
            <Card title={t('verification.licence')}>
              <AttachedFile fileId={e.businessLicenceFileId} name={`${e.name}-${t('verification.licenceFile')}.pdf`} label={t('verification.openLicence')} />
              {!e.businessLicenceFileId && e.status === 'pending' ? <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('verification.licenceRequired')} /> : null}
            </Card>
            <Card title={t('verification.profile')}>
              <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('fields.uscc')}>{e.uscc}</Descriptions.Item>
                <Descriptions.Item label={t('fields.region')}>{regionName(e.regionCode)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.legalRepresentative')}>{e.legalRepresentative}</Descriptions.Item>
                <Descriptions.Item label={t('fields.contactPhone')}>{e.contactPhone}</Descriptions.Item>
                <Descriptions.Item label={t('fields.registeredAddress')}>{e.registeredAddress}</Descriptions.Item>
                <Descriptions.Item label={t('fields.establishedOn')}>{fmtDate(e.establishedOn, i18n.language)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.bankAccount')}>{e.bankAccount ? `${e.bankAccount.bankName} · ${e.bankAccount.accountName} · ${e.bankAccount.accountNo}` : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.shareholders')}>{e.shareholders.length ? e.shareholders.join(listSep()) : '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.controllerGroup')}>{e.controllerGroup ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.techSmeNo')}>{e.techSmeNo ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('fields.highTechCert')}>
                  {e.highTechCertNo ? `${e.highTechCertNo}${e.highTechCertExpiresOn ? ` · ${t('fields.until', { date: fmtDate(e.highTechCertExpiresOn, i18n.language) })}` : ''}` : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.blacklistedUntil')}>{e.blacklistedUntil ? fmtDate(e.blacklistedUntil, i18n.language) : t('verification.notBlacklisted')}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('verification.sizeWhy')}>
              <SizeWhy e={e} />
            </Card>
          </Space>
        )}
      </QueryState>
      <DecisionModal
        spec={deciding && e ? specs[deciding] : null}
        onClose={() => setDeciding(null)}
        submit={(v, key) =>
          call(
            api.POST('/api/v1/admin/enterprises/{id}/verification', {
              params: { path: { id } },
              headers: { 'Idempotency-Key': key },
              body: { decision: deciding!, reason: v.reason, version: e!.version },
            }),
          )
        }
        onDone={() => {
          setStale(null);
          void message.success(t(`verification.done.${deciding}`));
          void qc.invalidateQueries({ queryKey: ['admin'] });
        }}
        onStale={(e) => {
          setStale(e);
          void enterprise.refetch();
          void qc.invalidateQueries({ queryKey: ['admin', 'enterprises'] });
        }}
      />
    </>
  );
}
