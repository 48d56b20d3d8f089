// Small pieces shared by the programs area's pages: status tags, an action's problem with what to do
// next, a confirmed action button, and the diff of an audit entry's before and after.
import { TableWrap as CommonTableWrap } from '../common';
import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react';
import { App, Button, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';

const PROGRAM_COLORS: Record<string, string> = { draft: 'default', open: 'green', closed: 'orange', archived: 'purple' };
const BATCH_COLORS: Record<string, string> = { open: 'processing', paid: 'success', cancelled: 'default' };
const SANCTION_COLORS: Record<string, string> = { 'void-grant': 'orange', forfeit: 'orange', clawback: 'red', suspend: 'volcano', delist: 'magenta', blacklist: 'red' };

export function ProgramStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('adminPrograms');
  return <Tag color={PROGRAM_COLORS[status]}>{t(`programStatus.${status}`, { defaultValue: status })}</Tag>;
}

export function BatchStatusTag({ status }: { status: string }) {
  const { t } = useTranslation('adminPrograms');
  return <Tag color={BATCH_COLORS[status]}>{t(`batchStatus.${status}`, { defaultValue: status })}</Tag>;
}

export function SanctionKindTag({ kind }: { kind: string }) {
  const { t } = useTranslation('adminPrograms');
  return <Tag color={SANCTION_COLORS[kind]}>{t(`sanctionKind.${kind}`, { defaultValue: kind })}</Tag>;
}

/**
 * The problem of an action: the API's explanation and, for the refusals this area meets
 * (four eyes, nothing to disburse, a program not settled…), what it means and what to do next.
 * A stale version says so and reloads (onStale).
 */
export function ActionError({ error, onStale }: { error: unknown; onStale?: () => void }) {
  const { t } = useTranslation('adminPrograms');
  const stale = error instanceof ApiError && error.code === 'STALE_VERSION';
  const reloaded = useRef<unknown>(null);
  useEffect(() => {
    if (stale && onStale && reloaded.current !== error) {
      reloaded.current = error;
      onStale();
    }
  }, [stale, error, onStale]);
  if (!error) return null;
  const hint = error instanceof ApiError ? t(`problems.${error.code}`, { defaultValue: '' }) : '';
  return (
    <div data-testid="action-error">
      <ProblemAlert error={error} />
      {hint ? (
        <Typography.Paragraph style={{ marginTop: -8 }} data-testid="action-hint">
          {hint}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}

/** A button that asks first (title, what happens), then runs the action; its errors are the caller's to show. */
export function ConfirmButton({ title, content, okText, onConfirm, children, danger, ...rest }: ButtonProps & { title: string; content?: ReactNode; okText: string; onConfirm: () => Promise<unknown> }) {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (
    <Button
      danger={danger}
      {...rest}
      onClick={() =>
        modal.confirm({
          title,
          content,
          okText,
          cancelText: t('actions.cancel'),
          okButtonProps: { danger },
          onOk: () => onConfirm().catch(() => undefined),
        })
      }
    >
      {children}
    </Button>
  );
}

/** A table's scroll region (common.tsx's), with this area's scroll styling. */
export function TableWrap({ label, children, style }: { label: string; children: ReactNode; style?: CSSProperties }) {
  return (
    <CommonTableWrap label={label} className="admin-programs-scroll" style={style}>
      {children}
    </CommonTableWrap>
  );
}

const show = (v: unknown): string => (v === undefined ? '—' : v === null ? 'null' : typeof v === 'string' ? v : JSON.stringify(v));

/** An audit entry's before and after, field by field, the changed ones marked. */
export function AuditDiff({ before, after }: { before?: Record<string, unknown> | null; after?: Record<string, unknown> | null }) {
  const { t } = useTranslation('adminPrograms');
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (keys.length === 0) return <Typography.Text type="secondary">{t('history.noDetail')}</Typography.Text>;
  const rows = keys.map((k) => ({ key: k, before: before?.[k], after: after?.[k], changed: show(before?.[k]) !== show(after?.[k]) }));
  return (
    <TableWrap label={t('history.title')}>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        rowClassName={(r) => (r.changed && before ? 'admin-programs-changed' : '')}
        columns={[
          { title: t('history.field'), dataIndex: 'key', render: (k: string) => <code>{k}</code> },
          { title: t('history.before'), dataIndex: 'before', render: (v: unknown) => <span className="admin-programs-value">{show(v)}</span> },
          {
            title: t('history.after'),
            dataIndex: 'after',
            render: (v: unknown, r) => (
              <span className="admin-programs-value">
                {show(v)}
                {r.changed && before ? <Tag color="gold" style={{ marginInlineStart: 6 }}>{t('history.changed')}</Tag> : null}
              </span>
            ),
          },
        ]}
      />
    </TableWrap>
  );
}
