// The public transparency page (/statistics, no login): GET /public/statistics. Per program the
// money granted and disbursed and the activity; per county and service category the enterprises
// served. Figures behind fewer than three enterprises are not published (the API sends null), nor
// a complementary cell that would let one be recovered by subtraction: such cells say so, and why.
// Each chart has its table beside it; ECharts loads with the first chart only.
import { lazy, Suspense, useMemo } from 'react';
import { Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, call, type Schemas } from '../../api/client';
import { Money } from '../../components/Money';
import { QueryState } from '../../components/QueryState';
import './public.css';
import '../admin/insight/insight.css';
import { useRegionMap } from '../../api/reference';

const BarChart = lazy(() => import('../admin/insight/BarChart'));

type PublicStatistics = Schemas['PublicStatisticsDto'];

const DAY = 24 * 3_600_000;

/** Names in the reader's language for region codes and top-level category codes (the API's Chinese name otherwise). */
function useNames() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  const regions = useRegionMap();
  const categories = useQuery({
    queryKey: ['ref', 'categories', 'roots'],
    staleTime: DAY,
    queryFn: async ({ signal }) => new Map((await call(api.GET('/api/v1/categories', { signal }))).map((c) => [c.code, c])),
  });
  return {
    region: (code: string, zh: string) => {
      const r = regions.data?.get(code);
      return r ? (en ? r.nameEn : r.nameZh) : zh;
    },
    category: (code: string, zh: string) => {
      const c = categories.data?.get(code);
      return c ? (en ? c.nameEn : c.nameZh) : zh;
    },
  };
}

export default function StatisticsPage() {
  const { t } = useTranslation('statistics');
  const stats = useQuery({
    queryKey: ['public', 'statistics'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/public/statistics', { signal })),
  });
  return (
    <div className="pub-page" data-testid="statistics-page">
      <div>
        <Typography.Title level={2} className="page-title">{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('intro')} <Link to="/programs">{t('programsLink')}</Link>
        </Typography.Paragraph>
      </div>
      <QueryState query={stats} rows={10}>
        {(d) => (
          <>
            <section className="pub-card" aria-labelledby="suppression-title">
              <h2 id="suppression-title">{t('suppression.title')}</h2>
              <p id="suppression-note" style={{ margin: 0 }}>{t('suppression.body', { min: d.minimumCell })}</p>
            </section>
            <Programs stats={d} />
            <Cells stats={d} />
          </>
        )}
      </QueryState>
    </div>
  );
}

function Hidden() {
  const { t } = useTranslation('statistics');
  return (
    <span className="pub-muted" data-testid="suppressed" title={t('suppression.cell')}>
      {t('hidden')}
      <span className="sr-only">{t('suppression.cellSr')}</span>
    </span>
  );
}

function ChartBox({ children, height }: { children: React.ReactNode; height: number }) {
  return <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>{children}</Suspense>;
}

function Programs({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation('statistics');
  const shown = stats.programs.filter((p) => p.grantedFen !== null);
  const chart = useMemo(
    () => ({
      categories: shown.map((p) => p.name),
      // fen as yuan for the chart's axis only; the table shows the exact amounts
      series: [
        { name: t('programs.granted'), data: shown.map((p) => (p.grantedFen === null ? null : p.grantedFen / 100)) },
        { name: t('programs.disbursed'), data: shown.map((p) => (p.disbursedFen === null ? null : p.disbursedFen / 100)) },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- shown follows stats
    [stats, t],
  );
  return (
    <section className="pub-card" aria-labelledby="programs-title">
      <h2 id="programs-title">{t('programs.title')}</h2>
      {stats.programs.length === 0 ? (
        <p className="pub-muted">{t('programs.empty')}</p>
      ) : (
        <div className="insight-pair">
          <figure className="insight-figure">
            {shown.length > 0 ? (
              <ChartBox height={260}>
                <BarChart label={t('programs.chart')} testId="chart-programs" horizontal height={Math.max(200, shown.length * 48 + 60)} {...chart} />
              </ChartBox>
            ) : (
              <p className="pub-muted">{t('programs.nothingToChart')}</p>
            )}
            <figcaption className="pub-muted">{t('programs.chart')}</figcaption>
          </figure>
          <div className="pub-table-wrap">
            <table className="pub-table" data-testid="statistics-programs" aria-describedby="suppression-note">
              <caption className="sr-only">{t('programs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programs.name')}</th>
                  <th scope="col">{t('programs.year')}</th>
                  <th scope="col">{t('programs.status')}</th>
                  <th scope="col">{t('programs.granted')}</th>
                  <th scope="col">{t('programs.disbursed')}</th>
                  <th scope="col">{t('programs.orders')}</th>
                  <th scope="col">{t('programs.enterprises')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.programs.map((p) => (
                  <tr key={p.programId} data-testid={`statistics-program-${p.programId}`}>
                    <th scope="row" style={{ fontWeight: 'normal' }}><Link to={`/programs/${p.programId}`}>{p.name}</Link></th>
                    <td>{p.fiscalYear}</td>
                    <td>{t(`status.${p.status}`, { defaultValue: p.status })}</td>
                    <td className="num">{p.grantedFen === null ? <Hidden /> : <Money fen={p.grantedFen} />}</td>
                    <td className="num">{p.disbursedFen === null ? <Hidden /> : <Money fen={p.disbursedFen} />}</td>
                    <td className="num">{p.ordersCompleted ?? <Hidden />}</td>
                    <td className="num">{p.enterprisesServed ?? <Hidden />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function Cells({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation('statistics');
  const names = useNames();
  const cells = stats.enterprisesByCountyAndCategory;
  const counties = [...new Map(cells.map((c) => [c.regionCode, names.region(c.regionCode, c.regionName)])).entries()];
  const categories = [...new Map(cells.map((c) => [c.category, names.category(c.category, c.categoryName)])).entries()];
  const at = new Map(cells.map((c) => [`${c.regionCode}/${c.category}`, c]));
  const chart = {
    categories: counties.map(([, n]) => n),
    series: categories.map(([code, n]) => ({ name: n, data: counties.map(([region]) => at.get(`${region}/${code}`)?.enterprises ?? null) })),
  };
  return (
    <section className="pub-card" aria-labelledby="cells-title">
      <h2 id="cells-title">{t('cells.title')}</h2>
      <p className="pub-muted">{t('cells.intro', { min: stats.minimumCell })}</p>
      {cells.length === 0 ? (
        <p className="pub-muted">{t('cells.empty')}</p>
      ) : (
        <div className="insight-pair">
          <figure className="insight-figure">
            <ChartBox height={280}>
              <BarChart label={t('cells.chart')} testId="chart-cells" stacked horizontal height={Math.max(220, counties.length * 40 + 80)} {...chart} />
            </ChartBox>
            <figcaption className="pub-muted">{t('cells.chartNote')}</figcaption>
          </figure>
          <div className="pub-table-wrap">
            <table className="pub-table" data-testid="statistics-cells" aria-describedby="suppression-note">
              <caption className="sr-only">{t('cells.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cells.county')}</th>
                  {categories.map(([code, n]) => (
                    <th scope="col" key={code}>{n}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {counties.map(([region, n]) => (
                  <tr key={region}>
                    <th scope="row" style={{ fontWeight: 'normal' }}>{n}</th>
                    {categories.map(([code]) => {
                      const c = at.get(`${region}/${code}`);
                      return (
                        <td className="num" key={code} data-testid={`cell-${region}-${code}`}>
                          {!c ? <span className="pub-muted">0</span> : c.enterprises === null ? <Hidden /> : c.enterprises}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
