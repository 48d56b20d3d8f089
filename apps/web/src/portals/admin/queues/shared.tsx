// Pieces shared by the queue pages: reference data (regions, categories), region filters within the
// staff member's jurisdiction, the decision dialog (reason where required, the version seen sent,
// a stale version explained and the page reloaded), a field-by-field diff, and authenticated files.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, call, type Schemas } from '../../../api/client';
import { FileButton } from '../../../components/orders/FileButton';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { idempotencyKey, keySpentOn } from '../../../lib/forms';
import { useAuth } from '../../../auth/auth';
import { DateTime, useStaff, type StaffRole, type TableState } from '../common';
import { useRegions } from '../../../api/reference';

export const NS = 'adminQueues';

// ---- reference data ----

export { useRegionName, useRegions } from '../../../api/reference';


export function useCategories() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useQuery({
    queryKey: ['reference', 'categories'],
    queryFn: () => call(api.GET('/api/v1/categories')),
    staleTime: Infinity,
    select: (tree: Schemas['CategoryNodeView'][]) => {
      const out = new Map<string, string>();
      const walk = (nodes: Schemas['CategoryNodeView'][], names: string[]) => {
        for (const n of nodes) {
          const name = en ? n.nameEn : n.nameZh;
          out.set(n.id, [...names, name].join(' / '));
          walk(n.children ?? [], [...names, name]);
        }
      };
      walk(tree, []);
      return out;
    },
  });
}

/** Whether a jurisdiction code covers a region (a city code, ending in 00, covers its counties). */
export function covers(jurisdiction: string, region: string): boolean {
  return jurisdiction === region || (jurisdiction.endsWith('00') && region.startsWith(jurisdiction.slice(0, 4)));
}

/** A region filter offering only the regions the staff member's roles cover. */
export function RegionFilter({ state, roles }: { state: TableState; roles: StaffRole[] }) {
  const { t } = useTranslation(NS);
  const regions = useRegions();
  const staff = useStaff();
  const mine = staff.regions(...roles);
  const options = (regions.data ?? []).filter((r) => mine.some((j) => covers(j, r.code))).map((r) => ({ value: r.code, label: r.name }));
  return (
    <Select
      aria-label={t('filters.region')}
      style={{ minWidth: 160 }}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('filters.allRegions')}
      value={state.get('region')}
      onChange={(v?: string) => state.set({ region: v })}
      options={options}
      loading={regions.isPending}
    />
  );
}

/** Oldest first (the API's default, sent as nothing) or newest first. */
export function SortFilter({ state }: { state: TableState }) {
  const { t } = useTranslation('admin');
  return (
    <Select
      aria-label={t('table.sort')}
      style={{ minWidth: 160 }}
      value={state.sort === 'newest' ? 'newest' : 'oldest'}
      onChange={(v: string) => state.set({ sort: v === 'newest' ? 'newest' : undefined })}
      options={[
        { value: 'oldest', label: t('table.oldest') },
        { value: 'newest', label: t('table.newest') },
      ]}
    />
  );
}

/** page, pageSize and sort as the list routes take them (sort only when not the default). */
export function pageQuery(state: TableState): { page: number; pageSize: number; sort?: string } {
  return { page: state.page, pageSize: state.pageSize, ...(state.sort === 'newest' ? { sort: 'newest' } : {}) };
}

// ---- decisions ----

export const isStale = (e: unknown): boolean => e instanceof ApiError && e.code === 'STALE_VERSION';

/** Who someone is, as the reader can tell: "you", a name when the API gives one, or a short id. */
function useWho(): (userId: string | null | undefined, name?: string | null) => string {
  const { t } = useTranslation(NS);
  const { me } = useAuth();
  return (userId, name) => {
    if (!userId) return name ?? t('stale.system');
    if (userId === me?.user.id) return t('stale.you');
    return name ?? t('stale.staff', { id: userId.slice(0, 8) });
  };
}

/**
 * What a stale decision means (409 STALE_VERSION): someone changed the item meanwhile — who, when,
 * and its status now, from the problem's details — nothing was changed, and the page shows the latest.
 */
export function StaleNotice({ error, statusLabel, onReload }: { error: unknown; statusLabel: (status: string) => string; onReload: () => void }) {
  const { t } = useTranslation(NS);
  const who = useWho();
  if (!(error instanceof ApiError)) return null;
  const p = error.problem as Schemas['Problem'] & { currentStatus?: string; decidedBy?: string | null; decidedByName?: string | null; decidedAt?: string | null };
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="stale-notice"
      title={t('stale.title')}
      description={
        <>
          {p.decidedBy !== undefined || p.currentStatus !== undefined ? (
            <div>
              {p.decidedBy || p.decidedByName ? t('stale.decidedBy', { who: who(p.decidedBy, p.decidedByName) }) : t('stale.changed')}
              {p.decidedAt ? (
                <>
                  {' '}
                  {t('stale.at')} <DateTime value={p.decidedAt} />
                </>
              ) : null}
              {p.currentStatus ? ` · ${t('stale.now', { status: statusLabel(p.currentStatus) })}` : null}
            </div>
          ) : null}
          <div>{t('stale.detail')}</div>
        </>
      }
      action={
        <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={onReload}>
          {t('common:actions.reload')}
        </Button>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

export interface DecisionSpec {
  /** the dialog's title and its confirm button */
  title: string;
  okText: string;
  danger?: boolean;
  /** a reason is required (reject, suspend…) or optional (shown, not required) or not asked */
  reason: 'required' | 'optional' | 'none';
  reasonLabel?: string;
  /** what the decision does, in words, above the form */
  explain?: ReactNode;
  /** more fields (e.g. an amount), inside the form */
  extra?: ReactNode;
  initialValues?: Record<string, unknown>;
}

/**
 * The decision dialog: validates the reason, sends the decision (with an Idempotency-Key), shows
 * any error in words. A stale version (409 STALE_VERSION) closes the dialog and hands over to the
 * page (onStale), which explains it and reloads.
 */
export function DecisionModal({
  spec,
  onClose,
  submit,
  onDone,
  onStale,
}: {
  spec: DecisionSpec | null;
  onClose: () => void;
  submit: (values: Record<string, string | undefined> & { reason?: string }, idempotencyKey: string) => Promise<unknown>;
  onDone: () => void;
  onStale: (error: unknown) => void;
}) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // one key per decision: kept while its answer is unknown (a retry replays), new once it was answered
  const [key, setKey] = useState(idempotencyKey);
  const label = spec?.reasonLabel ?? t('decision.reason');
  return (
    <Modal
      open={spec !== null}
      title={spec?.title}
      okText={spec?.okText}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: spec?.danger, loading: busy }}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {spec?.explain ? <Typography.Paragraph>{spec.explain}</Typography.Paragraph> : null}
      <ProblemAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={spec?.initialValues}
        onFinish={async (v: Record<string, string | undefined>) => {
          setBusy(true);
          setError(null);
          try {
            const reason = v.reason?.trim() || undefined;
            await submit({ ...v, reason }, key);
            setKey(idempotencyKey());
            onClose();
            onDone();
          } catch (e) {
            if (keySpentOn(e)) setKey(idempotencyKey());
            if (isStale(e)) {
              onClose();
              onStale(e);
            } else setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {spec?.extra}
        {spec && spec.reason !== 'none' ? (
          <Form.Item
            name="reason"
            label={label}
            rules={[
              ...(spec.reason === 'required' ? [{ required: true, whitespace: true, message: t('common:form.required', { field: label }) }] : []),
              { max: 1000, message: t('common:form.tooLong', { max: 1000 }) },
            ]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

// ---- diffs ----

export interface DiffRow {
  key: string;
  label: string;
  live: ReactNode;
  proposed: ReactNode;
  changed: boolean;
}

/** Live and proposed values side by side; changed rows are marked (in words too, not by colour alone). */
export function DiffTable({ rows, liveTitle, proposedTitle, testId, label }: { rows: DiffRow[]; liveTitle: string; proposedTitle: string; testId?: string; label: string }) {
  const { t } = useTranslation(NS);
  return (
    <div className="admin-table-wrap queues-diff" tabIndex={0} role="region" aria-label={label} data-testid={testId}>
      <Table<DiffRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.changed ? 'queues-diff-changed' : '')}
        columns={[
          {
            title: t('diff.field'),
            key: 'label',
            render: (_v, r) => (
              <>
                {r.label}
                {r.changed ? <span className="queues-diff-mark">{t('diff.changed')}</span> : null}
              </>
            ),
          },
          { title: liveTitle, key: 'live', render: (_v, r) => <div className="queues-diff-value">{r.live}</div> },
          { title: proposedTitle, key: 'proposed', render: (_v, r) => <div className="queues-diff-value">{r.changed ? <ins>{r.proposed}</ins> : r.proposed}</div> },
        ]}
      />
    </div>
  );
}

/** Structural equality of JSON values (for diffs). */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

// ---- files ----

/** An attached file (authenticated download), or a note that none is attached yet. */
export function AttachedFile({ fileId, name, label }: { fileId: string | null | undefined; name: string; label?: string }) {
  const { t } = useTranslation(NS);
  if (!fileId) return <Typography.Text type="warning">{t('files.missing')}</Typography.Text>;
  return <FileButton fileId={fileId} name={name} label={label ?? t('files.open')} />;
}

/** A problem that is a 404: the object is outside the caller's jurisdiction (or gone). */
export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.status === 404;

export function fmtDate(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`) : new Date(value);
  return d.toLocaleDateString(lang, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
}
