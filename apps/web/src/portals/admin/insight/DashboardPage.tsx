// The dashboards (/admin, /admin/dashboard): a program's report (GET /admin/reports/programs/:id)
// as charts, each with its table beside it, and the report's XLSX export. Every figure is the API's
// own (nothing is added up here), and each key money figure carries data-testid="figure-<field>-<source>"
// and its integer fen in data-fen, so it can be held to the ledger's balances.
import { useMemo } from 'react';
import { Alert, Select, Statistic, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../../api/client';
import { Money } from '../../../components/Money';
import { NotFound } from '../../../components/NotFound';
import { QueryState } from '../../../components/QueryState';
import { formatBps } from '../../../lib/money';
import { PageTitle, useStaff, useTableState } from '../common';
import { Chart, ExportButton, Section, useRegionName } from './shared';
import type { ProgramItem, ProgramReport, SourceFigures } from './types';
import { withAside } from '../../../lib/text';

/** Fen as yuan for a chart's axis only (the tables show the exact amounts). */
const yuan = (fen: number) => fen / 100;

const SOURCE_FIELDS = ['budget', 'granted', 'held', 'payable', 'disbursed', 'lapsed', 'voided', 'forfeited', 'clawedBack', 'repaid', 'returned', 'available'] as const;
type SourceField = (typeof SOURCE_FIELDS)[number];
/** the burn-down chart: what became of the money granted (the budget and the pool are in the table) */
const CHART_FIELDS: SourceField[] = ['granted', 'held', 'payable', 'disbursed', 'lapsed', 'clawedBack'];

/** A table's empty state in words (dark enough to read; antd's placeholder grey is not). */
function Empty({ text }: { text: string }) {
  return <span className="insight-empty">{text}</span>;
}

/** A money figure marked for tests: data-testid="figure-<field>-<key>", data-fen the exact amount. */
function Figure({ field, id, fen }: { field: string; id: string; fen: number }) {
  return (
    <span className="insight-num" data-testid={`figure-${field}-${id}`} data-fen={fen}>
      <Money fen={fen} />
    </span>
  );
}

function usePrograms() {
  const staff = useStaff();
  // programs are listed for those who run or check money; reviewers pick from the programs that
  // have opened (the public list), and the report itself says whether they may read it
  const canList = staff.has('program_officer', 'finance_officer', 'auditor');
  return useQuery({
    queryKey: ['admin', 'insight', 'programs', canList],
    queryFn: async ({ signal }): Promise<ProgramItem[]> => {
      if (canList) {
        const page = await call(api.GET('/api/v1/admin/programs', { params: { query: { pageSize: 100 } }, signal }));
        return page.items;
      }
      const stats = await call(api.GET('/api/v1/public/statistics', { signal }));
      return stats.programs.map((p) => ({ id: p.programId, name: p.name, fiscalYear: p.fiscalYear, status: p.status }));
    },
  });
}

export default function DashboardPage() {
  const { t } = useTranslation('adminInsight');
  const state = useTableState();
  const programs = usePrograms();
  const list = programs.data ?? [];
  const chosen = state.get('program');
  // the program in the URL, else the first open one, else the newest
  const programId = chosen ?? (list.find((p) => p.status === 'open') ?? list[0])?.id;
  const program = list.find((p) => p.id === programId);
  return (
    <div className="insight-page" data-testid="dashboard-page">
      <PageTitle
        extra={
          list.length > 0 ? (
            <>
              <label htmlFor="dashboard-program" className="sr-only">{t('dashboard.program')}</label>
              <Select
                id="dashboard-program"
                className="insight-picker"
                aria-label={t('dashboard.program')}
                value={programId}
                onChange={(v: string) => state.set({ program: v })}
                showSearch={{ optionFilterProp: 'label' }}
                options={list.map((p) => ({ value: p.id, label: `${withAside(p.name, String(p.fiscalYear))}· ${t(`programStatus.${p.status}`, { defaultValue: p.status })}` }))}
              />
              {programId ? <ExportButton programId={programId} fiscalYear={program?.fiscalYear ?? 0} /> : null}
            </>
          ) : null
        }
      >
        {t('dashboard.title')}
      </PageTitle>
      <QueryState query={programs} isEmpty={(d) => d.length === 0} empty={t('dashboard.noPrograms')}>
        {() => (programId ? <Report key={programId} programId={programId} /> : null)}
      </QueryState>
    </div>
  );
}

function Report({ programId }: { programId: string }) {
  const { t } = useTranslation('adminInsight');
  const report = useQuery({
    queryKey: ['admin', 'report', programId],
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    queryFn: ({ signal }) => call(api.GET('/api/v1/admin/reports/programs/{id}', { params: { path: { id: programId } }, signal })),
  });
  if (report.isError && report.error instanceof ApiError && report.error.status === 404) return <NotFound />;
  return (
    <QueryState query={report} rows={12}>
      {(r) => (
        <>
          {r.scope === 'county' ? <Alert type="info" showIcon className="insight-scope" title={t('dashboard.countyScope')} data-testid="county-scope" /> : null}
          <Sources r={r} />
          {r.scope === 'county' && r.cityShare && r.cityShare.length > 0 ? <CityShare r={r} /> : null}
          <Counties r={r} />
          {r.scope === 'program' ? <Claims r={r} /> : null}
          <Categories r={r} />
          {r.scope === 'program' ? <Providers r={r} /> : null}
          <Participation r={r} />
        </>
      )}
    </QueryState>
  );
}

function Sources({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  const region = useRegionName();
  const label = (s: SourceFigures) => (s.regionCode ? withAside(s.name, region(s.regionCode)) : s.name);
  const fen = (s: SourceFigures, f: SourceField) => s[`${f}Fen` as const];
  const chart = useMemo(
    () => ({
      categories: r.sources.map(label),
      series: CHART_FIELDS.map((f) => ({ name: t(`sources.${f}`), data: r.sources.map((s) => yuan(fen(s, f))) })),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the report and the language
    [r, t, region],
  );
  return (
    <Section
      id="sources"
      wide
      title={t('sources.title')}
      intro={t('sources.intro')}
      actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.sources')} />}
      chart={r.sources.length > 0 ? <Chart label={t('sources.chart')} testId="chart-sources" categories={chart.categories} series={chart.series} /> : undefined}
    >
      <Table<SourceFigures>
        rowKey="source"
        size="small"
        pagination={false}
        dataSource={r.sources}
        locale={{ emptyText: <Empty text={t('sources.empty')} /> }}
        data-testid="table-sources"
        columns={[
          { title: t('sources.source'), key: 'name', render: (_, s) => <span className="insight-nowrap">{label(s)}</span> },
          ...SOURCE_FIELDS.map((f) => ({
            title: t(`sources.${f}`),
            key: f,
            align: 'right' as const,
            render: (_: unknown, s: SourceFigures) => <Figure field={f} id={s.source} fen={fen(s, f)} />,
          })),
        ]}
      />
    </Section>
  );
}

function CityShare({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  const rows = r.cityShare ?? [];
  return (
    <Section id="city-share" title={t('cityShare.title')} intro={t('cityShare.intro')}>
      <Table
        rowKey="source"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: t('sources.source'), dataIndex: 'name' },
          ...(['granted', 'held', 'payable', 'disbursed'] as const).map((f) => ({
            title: t(`sources.${f}`),
            key: f,
            align: 'right' as const,
            render: (_: unknown, s: (typeof rows)[number]) => <Figure field={`share-${f}`} id={s.source} fen={s[`${f}Fen`]} />,
          })),
        ]}
      />
    </Section>
  );
}

function Counties({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  const region = useRegionName();
  type Row = ProgramReport['byCounty'][number];
  const name = (c: Row) => (region(c.regionCode) === c.regionCode ? c.nameZh : region(c.regionCode));
  const chart = useMemo(
    () => ({
      categories: r.byCounty.map(name),
      series: [
        { name: t('counties.subsidy'), data: r.byCounty.map((c) => yuan(c.subsidyFen)) },
        { name: t('counties.redeemed'), data: r.byCounty.map((c) => yuan(c.redeemedFen)) },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the report and the language
    [r, t, region],
  );
  return (
    <Section
      id="counties"
      title={t('counties.title')}
      intro={t('counties.intro')}
      actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.counties')} />}
      chart={r.byCounty.length > 0 ? <Chart label={t('counties.chart')} testId="chart-counties" {...chart} /> : undefined}
    >
      <Table<Row>
        rowKey="regionCode"
        size="small"
        pagination={false}
        dataSource={r.byCounty}
        locale={{ emptyText: <Empty text={t('counties.empty')} /> }}
        data-testid="table-counties"
        columns={[
          { title: t('counties.county'), key: 'county', render: (_, c) => name(c) },
          { title: t('counties.orders'), dataIndex: 'ordersCompleted', align: 'right' },
          { title: t('counties.enterprises'), dataIndex: 'enterprises', align: 'right' },
          { title: t('counties.subsidy'), key: 'subsidy', align: 'right', render: (_, c) => <Figure field="county-subsidy" id={c.regionCode} fen={c.subsidyFen} /> },
          { title: t('counties.redeemed'), key: 'redeemed', align: 'right', render: (_, c) => <Figure field="county-redeemed" id={c.regionCode} fen={c.redeemedFen} /> },
        ]}
      />
    </Section>
  );
}

function Claims({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  type Row = ProgramReport['claimPipeline'][number];
  const stage = (c: Row) => (c.levelKind ? `${t(`claimStatus.${c.status}`, { defaultValue: c.status })} · ${t(`level.${c.levelKind}`, { defaultValue: c.levelKind })}` : t(`claimStatus.${c.status}`, { defaultValue: c.status }));
  const pipeline = useMemo(
    () => ({ categories: r.claimPipeline.map(stage), series: [{ name: t('claims.count'), data: r.claimPipeline.map((c) => c.count) }] }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the labels follow the report and the language
    [r, t],
  );
  const times = useMemo(
    () => ({
      categories: r.reviewTimes.map((x) => t(`level.${x.levelKind}`, { defaultValue: x.levelKind })),
      series: [
        { name: t('claims.p50'), data: r.reviewTimes.map((x) => x.p50Hours) },
        { name: t('claims.p90'), data: r.reviewTimes.map((x) => x.p90Hours) },
      ],
    }),
    [r, t],
  );
  const hours = (v: number | null) => (v === null ? '—' : t('claims.hours', { value: v }));
  return (
    <>
      <Section
        id="pipeline"
        title={t('claims.pipelineTitle')}
        intro={t('claims.pipelineIntro')}
        actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.pipeline')} />}
        chart={r.claimPipeline.length > 0 ? <Chart label={t('claims.pipelineChart')} testId="chart-pipeline" horizontal {...pipeline} /> : undefined}
      >
        <Table<Row>
          rowKey={(c) => `${c.status}-${c.levelKind ?? ''}`}
          size="small"
          pagination={false}
            dataSource={r.claimPipeline}
          locale={{ emptyText: <Empty text={t('claims.empty')} /> }}
          data-testid="table-pipeline"
          columns={[
            { title: t('claims.status'), key: 'status', render: (_, c) => stage(c) },
            { title: t('claims.count'), dataIndex: 'count', align: 'right', render: (v: number, c) => <span data-testid={`figure-claims-${c.status}${c.levelKind ? `-${c.levelKind}` : ''}`}>{v}</span> },
            { title: t('claims.amount'), key: 'amount', align: 'right', render: (_, c) => <Money fen={c.amountFen} /> },
          ]}
        />
      </Section>
      <Section
        id="review-times"
        title={t('claims.timesTitle')}
        intro={t('claims.timesIntro')}
        actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.reviewTimes')} />}
        chart={r.reviewTimes.length > 0 ? <Chart label={t('claims.timesChart')} testId="chart-review-times" {...times} /> : undefined}
      >
        <Table
          rowKey="levelKind"
          size="small"
          pagination={false}
            dataSource={r.reviewTimes}
          locale={{ emptyText: <Empty text={t('claims.noDecisions')} /> }}
          data-testid="table-review-times"
          columns={[
            { title: t('claims.level'), dataIndex: 'levelKind', render: (v: string) => t(`level.${v}`, { defaultValue: v }) },
            { title: t('claims.decisions'), dataIndex: 'decisions', align: 'right' },
            { title: t('claims.p50'), dataIndex: 'p50Hours', align: 'right', render: hours },
            { title: t('claims.p90'), dataIndex: 'p90Hours', align: 'right', render: hours },
          ]}
        />
      </Section>
    </>
  );
}

function Categories({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  type Row = ProgramReport['byCategory'][number];
  const chart = useMemo(
    () => ({
      categories: r.byCategory.map((c) => c.nameZh || c.categoryId),
      series: [
        { name: t('categories.spend'), data: r.byCategory.map((c) => yuan(c.spendFen)) },
        { name: t('categories.subsidy'), data: r.byCategory.map((c) => yuan(c.subsidyFen)) },
      ],
    }),
    [r, t],
  );
  return (
    <Section
      id="categories"
      title={t('categories.title')}
      intro={t('categories.intro')}
      actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.categories')} />}
      chart={r.byCategory.length > 0 ? <Chart label={t('categories.chart')} testId="chart-categories" horizontal {...chart} /> : undefined}
    >
      <Table<Row>
        rowKey="categoryId"
        size="small"
        pagination={false}
        dataSource={r.byCategory}
        locale={{ emptyText: <Empty text={t('categories.empty')} /> }}
        data-testid="table-categories"
        columns={[
          { title: t('categories.category'), key: 'name', render: (_, c) => c.nameZh || c.categoryId },
          { title: t('categories.orders'), dataIndex: 'ordersCompleted', align: 'right' },
          { title: t('categories.spend'), key: 'spend', align: 'right', render: (_, c) => <Figure field="category-spend" id={c.categoryId} fen={c.spendFen} /> },
          { title: t('categories.subsidy'), key: 'subsidy', align: 'right', render: (_, c) => <Figure field="category-subsidy" id={c.categoryId} fen={c.subsidyFen} /> },
        ]}
      />
    </Section>
  );
}

const TOP = 10;

function Providers({ r }: { r: ProgramReport }) {
  const { t } = useTranslation('adminInsight');
  type Row = ProgramReport['providers'][number];
  const top = r.providers.slice(0, TOP);
  const chart = useMemo(
    () => ({ categories: top.map((p) => p.name), series: [{ name: t('providers.redeemed'), data: top.map((p) => yuan(p.redeemedFen)) }] }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- top follows r
    [r, t],
  );
  return (
    <Section
      id="providers"
      title={t('providers.title')}
      intro={t('providers.intro', { n: TOP })}
      actions={<ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.providers')} />}
      chart={top.length > 0 ? <Chart label={t('providers.chart', { n: TOP })} testId="chart-providers" horizontal height={Math.max(200, top.length * 36 + 40)} {...chart} /> : undefined}
    >
      <Table<Row>
        rowKey="providerId"
        size="small"
        pagination={r.providers.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={r.providers}
        locale={{ emptyText: <Empty text={t('providers.empty')} /> }}
        data-testid="table-providers"
        columns={[
          { title: t('providers.rank'), key: 'rank', align: 'right', render: (_, p) => r.providers.indexOf(p) + 1 /* the league's rank, not the row on this page */ },
          { title: t('providers.name'), dataIndex: 'name' },
          { title: t('providers.orders'), dataIndex: 'ordersCompleted', align: 'right' },
          { title: t('providers.redeemed'), key: 'redeemed', align: 'right', render: (_, p) => <Figure field="provider-redeemed" id={p.providerId} fen={p.redeemedFen} /> },
          { title: t('providers.rating'), dataIndex: 'rating', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('providers.flagged'), dataIndex: 'flaggedClaims', align: 'right', render: (v: number) => (v > 0 ? <span className="insight-tag warn">{v}</span> : v) },
        ]}
      />
    </Section>
  );
}

function Participation({ r }: { r: ProgramReport }) {
  const { t, i18n } = useTranslation('adminInsight');
  const en = i18n.language === 'en-US';
  const p = r.participation;
  const value = (key: string, v: number | null) => {
    if (v === null) return '—';
    if (key.endsWith('_fen')) return <Money fen={v} />;
    if (key.endsWith('_bp')) return t('participation.bp', { value: v.toLocaleString(i18n.language), percent: formatBps(v) });
    if (key.startsWith('median_days')) return t('participation.days', { value: v });
    return v.toLocaleString(i18n.language);
  };
  return (
    <Section
      id="participation"
      title={t('participation.title')}
      actions={r.indicators.length > 0 ? <ExportButton programId={r.programId} fiscalYear={r.fiscalYear} sheet={t('sheets.indicators')} /> : undefined}
    >
      <div className="insight-figures">
        <Statistic title={t('participation.served')} value={p.enterprisesServed} valueRender={() => <span data-testid="figure-enterprises-served">{p.enterprisesServed}</span>} />
        {r.scope === 'program' ? (
          <>
            <Statistic title={t('participation.firstTime')} value={p.firstTimeBuyers} valueRender={() => <span data-testid="figure-first-time-buyers">{p.firstTimeBuyers}</span>} />
            <Statistic
              title={t('participation.microSmall')}
              value={p.microSmallShareBp ?? '—'}
              valueRender={() => <span data-testid="figure-micro-small">{p.microSmallShareBp === null ? '—' : formatBps(p.microSmallShareBp)}</span>}
            />
          </>
        ) : null}
      </div>
      {r.indicators.length > 0 ? (
        <>
          <h3>{t('participation.indicators')}</h3>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
                dataSource={r.indicators}
            data-testid="table-indicators"
            columns={[
              { title: t('participation.indicator'), key: 'name', render: (_, x) => (en ? x.nameEn : x.nameZh) },
              { title: t('participation.value'), key: 'value', align: 'right', render: (_, x) => <span className="insight-num" data-testid={`indicator-${x.key}`}>{value(x.key, x.value)}</span> },
              {
                title: t('participation.formula'),
                key: 'formula',
                render: (_, x) => <span className="insight-formula">{t(`formula.${x.key}`, { defaultValue: x.formula })}</span>,
              },
            ]}
          />
        </>
      ) : null}
    </Section>
  );
}
