// /admin/organizations/:id: an organization's file for program officers — its profile (enterprise
// and/or provider), its sanctions, and its history (GET /admin/organizations/:id/history: the audit
// entries of the organization, newest first, each with its before and after as a diff). An
// organization outside the jurisdiction is the 404 page.
import { Button, Card, Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { DateTime, pagination, PageTitle, useStaff, useTableState } from '../common';
import { regionName, useRegions, type AuditEntry, type Enterprise, type Provider, type Sanction } from './data';
import { AuditDiff, SanctionKindTag, TableWrap } from './parts';
import { listSep } from '../../../lib/text';

const missing = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 403 || e.status === 400);
const quiet = (n: number, e: Error) => !(e instanceof ApiError && e.status < 500) && n < 2;

export default function OrganizationPage() {
  const { id } = useParams();
  const { t } = useTranslation('adminPrograms');
  const staff = useStaff();
  const navigate = useNavigate();
  const regions = useRegions();
  const enterprise = useQuery({ queryKey: ['admin', 'org', id, 'enterprise'], queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: id! } } })), retry: quiet });
  const provider = useQuery({ queryKey: ['admin', 'org', id, 'provider'], queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id: id! } } })), retry: quiet });
  if (enterprise.isPending || provider.isPending) return <QueryState query={enterprise}>{() => null}</QueryState>;
  // neither an enterprise nor a provider this staff member may see
  if (missing(enterprise.error) && missing(provider.error)) return <NotFound />;
  if (!missing(enterprise.error) && enterprise.isError) return <QueryState query={enterprise}>{() => null}</QueryState>;
  if (!missing(provider.error) && provider.isError) return <QueryState query={provider}>{() => null}</QueryState>;
  const e = enterprise.data as Enterprise | undefined;
  const p = provider.data as Provider | undefined;
  const name = e?.name ?? p?.name ?? '';
  return (
    <>
      <PageTitle extra={staff.has('program_officer') ? <Button danger onClick={() => navigate(`/admin/sanctions/new?organizationId=${id}`)}>{t('sanctions.impose')}</Button> : null}>{name}</PageTitle>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {e ? (
          <Col xs={24} lg={p ? 12 : 24}>
            <Card size="small" title={<span>{t('orgKind.enterprise')} <Tag>{t(`enterpriseStatus.${e.status}`, { defaultValue: e.status })}</Tag></span>}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('org.uscc')}><code>{e.uscc}</code></Descriptions.Item>
                <Descriptions.Item label={t('org.region')}>{regionName(regions.data, e.regionCode)}</Descriptions.Item>
                <Descriptions.Item label={t('org.sizeClass')}>{t(`sizeClass.${e.sizeClass}`)}</Descriptions.Item>
                <Descriptions.Item label={t('org.employees')}>{e.employees}</Descriptions.Item>
                <Descriptions.Item label={t('org.revenue')}><Money fen={e.annualRevenueFen} /></Descriptions.Item>
                <Descriptions.Item label={t('org.legalRep')}>{e.legalRepresentative}</Descriptions.Item>
                <Descriptions.Item label={t('org.blacklistedUntil')}>{e.blacklistedUntil ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.verifiedAt')}><DateTime value={e.verifiedAt} /></Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ) : null}
        {p ? (
          <Col xs={24} lg={e ? 12 : 24}>
            <Card size="small" title={<span>{t('orgKind.provider')} <Tag>{t(`admissionStatus.${p.admissionStatus}`, { defaultValue: p.admissionStatus })}</Tag></span>}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('org.uscc')}><code>{p.uscc}</code></Descriptions.Item>
                <Descriptions.Item label={t('org.region')}>{regionName(regions.data, p.regionCode)}</Descriptions.Item>
                <Descriptions.Item label={t('org.legalRep')}>{p.legalRepresentative}</Descriptions.Item>
                <Descriptions.Item label={t('org.qualifications')}>{p.qualifications.map((q) => `${q.kind} ${q.number}`).join(listSep()) || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('org.blacklistedUntil')}>{p.blacklistedUntil ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
        ) : null}
      </Row>
      {/* reviewers open the file from a claim: its profile; sanctions and history are for programs, money and audit staff */}
      {staff.has('program_officer', 'finance_officer', 'auditor') ? <OrganizationSanctions organizationId={id!} /> : null}
      {staff.has('program_officer', 'auditor') ? <OrganizationHistory organizationId={id!} /> : null}
    </>
  );
}

function OrganizationSanctions({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation('adminPrograms');
  const sanctions = useQuery({
    queryKey: ['admin', 'sanctions', organizationId, 1, 100],
    queryFn: () => call(api.GET('/api/v1/admin/sanctions', { params: { query: { organizationId, page: 1, pageSize: 100 } } })),
  });
  return (
    <section aria-labelledby="org-sanctions" style={{ marginBottom: 24 }}>
      <Typography.Title level={4} id="org-sanctions">
        {t('org.sanctions')}
      </Typography.Title>
      <QueryState query={sanctions} isEmpty={(d) => d.items.length === 0} empty={t('org.noSanctions')}>
        {(d) => (
          <TableWrap label={t('org.sanctions')}>
            <Table<Sanction>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.items}
              columns={[
                { title: t('sanctions.imposedAt'), dataIndex: 'createdAt', render: (v: string, s) => <Link to={`/admin/sanctions/${s.id}`}><DateTime value={v} /></Link> },
                { title: t('sanctions.kind'), dataIndex: 'kind', render: (k: string) => <SanctionKindTag kind={k} /> },
                { title: t('sanctions.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number | null) => (v === null ? '—' : <Money fen={v} />) },
                { title: t('sanctions.until'), dataIndex: 'until', render: (v: string | null) => v ?? '—' },
                { title: t('sanctions.reason'), dataIndex: 'reason' },
              ]}
            />
          </TableWrap>
        )}
      </QueryState>
    </section>
  );
}

function OrganizationHistory({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation('adminPrograms');
  const { t: ta } = useTranslation('admin');
  const state = useTableState({ pageSize: 20 });
  const history = useQuery({
    queryKey: ['admin', 'org', organizationId, 'history', state.page, state.pageSize],
    queryFn: () => call(api.GET('/api/v1/admin/organizations/{id}/history', { params: { path: { id: organizationId }, query: { page: state.page, pageSize: state.pageSize } } })),
    placeholderData: keepPreviousData,
    retry: quiet,
  });
  return (
    <section aria-labelledby="org-history">
      <Typography.Title level={4} id="org-history">
        {t('history.title')}
      </Typography.Title>
      <QueryState query={history} isEmpty={(d) => d.items.length === 0} empty={t('history.empty')}>
        {(d) => (
          <TableWrap label={t('history.title')}>
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              dataSource={d.items}
              pagination={pagination(state, d.total, ta)}
              expandable={{
                expandedRowRender: (a) => <AuditDiff before={a.before as Record<string, unknown> | null} after={a.after as Record<string, unknown> | null} />,
                expandRowByClick: false,
              }}
              columns={[
                { title: t('history.when'), dataIndex: 'occurredAt', render: (v: string) => <DateTime value={v} /> },
                { title: t('history.action'), dataIndex: 'action', render: (a: string) => <code>{a}</code> },
                { title: t('history.entity'), key: 'entity', render: (_: unknown, a) => <span>{t(`entity.${a.streamType}`, { defaultValue: a.streamType })}</span> },
                { title: t('history.actor'), dataIndex: 'actorId', render: (v: string | null) => (v ? <code title={v}>{v.slice(0, 8)}</code> : t('history.system')) },
                { title: t('history.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
              ]}
            />
          </TableWrap>
        )}
      </QueryState>
    </section>
  );
}
