// The audit log viewer (/admin/audit, auditors): GET /admin/audit filtered by entity, actor and
// time (filters and page in the URL), each entry's before and after as a diff, and the hash chain's
// verification status (GET /admin/audit/verification: the last sealed anchor and its result).
import { useState } from 'react';
import { Alert, AutoComplete, Button, Form, Input, Table, Tag, Tooltip, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryState } from '../../../components/QueryState';
import { DateTime, PageTitle, pagination, TableWrap, useTableState } from '../common';
import { diff, type DiffRow } from './diff';
import type { AuditEntry } from './types';

const ENTITY_TYPES = ['organization', 'order', 'claim', 'voucher_program', 'voucher_application', 'voucher_grant', 'disbursement', 'sanction', 'offering', 'user', 'holiday_calendar_day'];

/**
 * datetime-local text, read as Beijing time (the log's times are shown in Asia/Shanghai, whatever the
 * reader's computer says) → ISO 8601 for the API; undefined when empty or invalid.
 */
const iso = (local: string | undefined) => {
  if (!local) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/.exec(local);
  if (!m) return undefined;
  const d = new Date(`${m[1]}T${m[2]}${m[3] ?? ':00'}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

interface Filters {
  entityType?: string;
  entityId?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export default function AuditPage() {
  const { t } = useTranslation('adminInsight');
  const { t: ta } = useTranslation('admin');
  const state = useTableState();
  const filters: Filters = { entityType: state.get('entityType'), entityId: state.get('entityId'), actor: state.get('actor'), from: state.get('from'), to: state.get('to') };
  const [form] = Form.useForm<Filters>();
  const entries = useQuery({
    queryKey: ['admin', 'audit', filters, state.page, state.pageSize],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const query = {
        entityType: filters.entityType,
        entityId: filters.entityId,
        actor: filters.actor,
        from: iso(filters.from),
        to: iso(filters.to),
        page: state.page,
        pageSize: state.pageSize,
      };
      return call(api.GET('/api/v1/admin/audit', { params: { query: query as never }, signal }));
    },
  });
  const apply = (v: Filters) => state.set({ entityType: v.entityType?.trim(), entityId: v.entityId?.trim(), actor: v.actor?.trim(), from: v.from, to: v.to });
  const filterBy = (values: Filters) => {
    form.setFieldsValue(values);
    state.set({ ...values });
  };
  const active = Object.values(filters).some(Boolean);
  return (
    <div className="insight-page" data-testid="audit-page">
      <PageTitle>{t('audit.title')}</PageTitle>
      <Verification />
      <section className="insight-section" aria-labelledby="audit-filter-title">
        <h2 id="audit-filter-title" className="sr-only">{ta('table.filter')}</h2>
        <Form<Filters> form={form} layout="vertical" initialValues={filters} onFinish={apply} className="audit-filters">
          <div className="audit-filter-grid">
            <Form.Item name="entityType" label={t('audit.entityType')}>
              <AutoComplete allowClear options={ENTITY_TYPES.map((v) => ({ value: v, label: `${t(`entity.${v}`, { defaultValue: v })} (${v})` }))} filterOption={(input, o) => String(o?.value).includes(input.toLowerCase())} />
            </Form.Item>
            <Form.Item name="entityId" label={t('audit.entityId')}>
              <Input allowClear autoComplete="off" />
            </Form.Item>
            <Form.Item name="actor" label={t('audit.actor')} rules={[{ pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message: t('audit.actorInvalid') }]}>
              <Input allowClear autoComplete="off" placeholder={t('audit.actorHint')} />
            </Form.Item>
            <Form.Item name="from" label={t('audit.from')}>
              <Input type="datetime-local" />
            </Form.Item>
            <Form.Item
              name="to"
              label={t('audit.to')}
              dependencies={['from']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, v: string | undefined) => {
                    const from = iso(getFieldValue('from') as string | undefined);
                    if (v && from && iso(v)! <= from) throw new Error(t('audit.toBeforeFrom'));
                  },
                }),
              ]}
            >
              <Input type="datetime-local" />
            </Form.Item>
          </div>
          <div className="admin-filters">
            <Button type="primary" htmlType="submit">{t('audit.apply')}</Button>
            {active ? (
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ entityType: undefined, entityId: undefined, actor: undefined, from: undefined, to: undefined });
                  state.set({ entityType: undefined, entityId: undefined, actor: undefined, from: undefined, to: undefined });
                }}
              >
                {t('audit.clear')}
              </Button>
            ) : null}
          </div>
        </Form>
      </section>
      <section className="insight-section" aria-labelledby="audit-entries-title">
        <h2 id="audit-entries-title" className="sr-only">{t('audit.entries')}</h2>
        <QueryState query={entries} isEmpty={(d) => d.items.length === 0} empty={active ? t('audit.noMatch') : t('audit.empty')} rows={8}>
          {(d) => (
            <TableWrap label={t('audit.entries')}>
              <Table<AuditEntry>
                rowKey="id"
                size="small"
                loading={entries.isFetching && entries.isPlaceholderData}
                dataSource={d.items}
                pagination={pagination(state, d.total, ta)}
                data-testid="audit-table"
                expandable={{ expandedRowRender: (e) => <EntryDetail entry={e} />, columnTitle: <span className="sr-only">{t('audit.details')}</span> }}
                columns={[
                  { title: t('audit.id'), dataIndex: 'id', render: (v: string) => <span className="audit-id">#{v}</span> },
                  { title: t('audit.time'), dataIndex: 'occurredAt', render: (v: string) => <DateTime value={v} /> },
                  {
                    title: t('audit.entity'),
                    key: 'entity',
                    render: (_, e) => (
                      <span>
                        <Button type="link" size="small" className="audit-link" onClick={() => filterBy({ entityType: e.streamType, entityId: e.streamId })} aria-label={t('audit.filterEntity', { type: t(`entity.${e.streamType}`, { defaultValue: e.streamType }), id: e.streamId })}>
                          {t(`entity.${e.streamType}`, { defaultValue: e.streamType })}
                        </Button>
                        <Tooltip title={e.streamId}>
                          <span className="audit-id">{e.streamId.length > 13 ? `${e.streamId.slice(0, 8)}…` : e.streamId}</span>
                        </Tooltip>
                        <Typography.Text type="secondary"> · {t('audit.seq', { seq: e.streamSeq })}</Typography.Text>
                      </span>
                    ),
                  },
                  { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
                  {
                    title: t('audit.actor'),
                    dataIndex: 'actorId',
                    render: (v: string | null) =>
                      v ? (
                        <Button type="link" size="small" className="audit-link audit-id" onClick={() => filterBy({ actor: v })} aria-label={t('audit.filterActor', { id: `${v.slice(0, 8)}…` })} title={v}>
                          {v.slice(0, 8)}…
                        </Button>
                      ) : (
                        t('audit.system')
                      ),
                  },
                  { title: t('audit.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
                  { title: t('audit.changes'), key: 'changes', render: (_, e) => <ChangeCount entry={e} /> },
                ]}
              />
            </TableWrap>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function ChangeCount({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('adminInsight');
  const rows = diff(entry.before, entry.after).filter((r) => r.kind !== 'same');
  return <span>{t('audit.changedFields', { count: rows.length })}</span>;
}

const KIND_CLASSES: Record<DiffRow['kind'], string> = { added: 'ok', removed: 'bad', changed: 'warn', same: 'muted' };

/** The entry's before and after, changed paths first marked; unchanged ones on request. */
export function EntryDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('adminInsight');
  const [all, setAll] = useState(false);
  const rows = diff(entry.before, entry.after);
  const changed = rows.filter((r) => r.kind !== 'same');
  const shown = all ? rows : changed;
  return (
    <div className="audit-detail" data-testid={`audit-diff-${entry.id}`}>
      {rows.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('audit.noData')}</Typography.Paragraph>
      ) : (
        <div className="insight-table">
          <table className="audit-diff">
            <caption className="sr-only">{t('audit.diffCaption', { id: entry.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.field')}</th>
                <th scope="col">{t('audit.change')}</th>
                <th scope="col">{t('audit.before')}</th>
                <th scope="col">{t('audit.after')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.path} className={r.kind} data-kind={r.kind}>
                  <th scope="row" className="audit-id">{r.path}</th>
                  <td className="audit-kind"><span className={`insight-tag ${KIND_CLASSES[r.kind]}`}>{t(`audit.kind.${r.kind}`)}</span></td>
                  <td>{r.before === undefined ? '—' : r.kind === 'changed' || r.kind === 'removed' ? <del>{r.before}</del> : r.before}</td>
                  <td>{r.after === undefined ? '—' : r.kind === 'changed' || r.kind === 'added' ? <ins>{r.after}</ins> : r.after}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > changed.length ? (
        <Button type="link" size="small" onClick={() => setAll((v) => !v)} aria-expanded={all}>
          {all ? t('audit.hideSame') : t('audit.showSame', { count: rows.length - changed.length })}
        </Button>
      ) : null}
      <div className="audit-hash">
        {t('audit.hash')}: {entry.hash} · {t('audit.prevHash')}: {entry.prevHash}
      </div>
    </div>
  );
}

/** GET /admin/audit/verification: the whole chain recomputed on request, and the newest sealed anchor. */
function Verification() {
  const { t } = useTranslation('adminInsight');
  const v = useQuery({
    queryKey: ['admin', 'audit', 'verification'],
    retry: false,
    refetchInterval: 5 * 60_000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/admin/audit/verification', { signal })),
  });
  if (v.isPending) return <Alert type="info" showIcon title={t('verification.loading')} data-testid="audit-verification" />;
  if (v.isError) return <ProblemAlert error={v.error} onRetry={() => void v.refetch()} />;
  const d = v.data;
  const anchor = d.lastAnchor;
  const ok = d.ok;
  const problems = d.problems;
  const checkedAt = d.checkedAt;
  if (!anchor && ok) {
    return <Alert type="info" showIcon title={t('verification.noAnchor')} description={<>{t('verification.checkedAt')} <DateTime value={checkedAt} /></>} data-testid="audit-verification" data-status="none" />;
  }
  return (
    <Alert
      type={ok ? 'success' : 'error'}
      showIcon
      data-testid="audit-verification"
      data-status={ok ? 'ok' : 'failed'}
      title={ok ? t('verification.ok', { id: anchor?.id }) : anchor ? t('verification.failed', { id: anchor.id }) : t('verification.failedNoAnchor')}
      description={
        <>
          <div>
            {anchor ? (
              <>
                {t('verification.anchor', { id: anchor.id, upto: anchor.uptoEntryId, count: anchor.entryCount })}
                {' · '}
                {t('verification.sealedAt')} <DateTime value={anchor.sealedAt} />
              </>
            ) : null}
            {checkedAt ? (
              <>
                {' · '}
                {t('verification.checkedAt')} <DateTime value={checkedAt} />
              </>
            ) : null}
          </div>
          {d.unanchored ? <div>{t('verification.unanchored', { count: d.unanchored })}</div> : null}
          {anchor ? <div className="audit-hash">{t('audit.hash')}: {anchor.hash}</div> : null}
          {!ok && problems.length > 0 ? (
            <ul>
              {problems.slice(0, 10).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          ) : null}
        </>
      }
    />
  );
}
