// Pieces the insight pages share: the regions (names for codes), the export of a program's report,
// and a section that puts a chart beside its table.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, openFile, type Schemas } from '../../../api/client';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { BarChartProps } from './BarChart';

// ECharts arrives with the first chart that renders, never with the console
const LazyBarChart = lazy(() => import('./BarChart'));

export function Chart(props: BarChartProps) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 280 }} />}>
      <LazyBarChart {...props} />
    </Suspense>
  );
}

export type Region = Schemas['RegionView'];

export { useRegionMap as useRegions, useRegionName } from '../../../api/reference';


/** The whole report as an XLSX workbook (one sheet per section), downloaded with the session. */
export function ExportButton({ programId, fiscalYear, sheet }: { programId: string; fiscalYear: number; sheet?: string }) {
  const { t } = useTranslation('adminInsight');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await openFile(`/api/v1/admin/reports/programs/${programId}/export`, `report-${fiscalYear}-${programId.slice(0, 8)}.xlsx`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="insight-export">
      <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()}>
        {t('export.button')}
      </Button>
      {sheet ? <Typography.Text type="secondary" className="insight-export-note">{t('export.sheet', { sheet })}</Typography.Text> : null}
      {error ? <ProblemAlert error={error} /> : null}
    </span>
  );
}

/** A dashboard section: its heading, an export, and the chart with its table beside it (below it when the table is wide). */
export function Section({ id, title, intro, actions, chart, wide, children }: { id: string; title: string; intro?: ReactNode; actions?: ReactNode; chart?: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <section className="insight-section" aria-labelledby={`${id}-title`} data-testid={`section-${id}`}>
      <div className="insight-section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
      <div className={chart ? (wide ? 'insight-stack' : 'insight-pair') : undefined}>
        {chart ? <figure className="insight-figure" aria-label={title}>{chart}</figure> : null}
        {/* a keyboard-reachable scroll region: wide tables scroll inside it */}
        <div className="insight-table" tabIndex={0} role="region" aria-label={title}>{children}</div>
      </div>
    </section>
  );
}
