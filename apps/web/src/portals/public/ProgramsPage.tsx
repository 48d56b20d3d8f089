// Open voucher programs and their rules (GET /programs, public notices: no login needed), and the
// public figures (GET /public/statistics).
import { lazy, Suspense } from 'react';
import { Result, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { Money } from '../../components/Money';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { formatBps, formatFen } from '../../lib/money';
import type { ProgramView } from './programs';
import { useCategories, useNamer, usePublicStatistics, useRegions, type PublicStatistics } from './shared';
import { listSep } from '../../lib/text';

// ECharts is loaded with the chart, never with the page's first paint
const GrantedChart = lazy(() => import('./GrantedChart'));

export function ProgramsPage() {
  const { t } = useTranslation('public');
  const stats = usePublicStatistics();
  const open = useQuery({
    queryKey: ['programs', 'open'],
    queryFn: ({ signal }) => call(api.GET('/api/v1/programs', { params: { query: { pageSize: 100 } }, signal })),
  });
  return (
    <div className="pub-page" data-testid="programs-page">
      <div>
        <Typography.Title level={2} className="page-title">{t('programs.title')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('programs.intro')}</Typography.Paragraph>
      </div>
      <section aria-labelledby="open-programs">
        <h2 id="open-programs" className="pub-section-title">{t('programs.open')}</h2>
        <QueryState query={open} isEmpty={(d) => d.items.length === 0} empty={t('programs.noOpen')}>
          {(d) => (
            <ul className="pub-list pub-card">
              {d.items.map((p) => (
                <ProgramSummary key={p.id} p={p} />
              ))}
            </ul>
          )}
        </QueryState>
      </section>
      <section aria-labelledby="program-stats" className="pub-card">
        <h2 id="program-stats">{t('programs.statistics')}</h2>
        <QueryState query={stats} isEmpty={(d) => d.programs.length === 0}>
          {(d) => <StatisticsTable stats={d} />}
        </QueryState>
      </section>
    </div>
  );
}

function ProgramSummary({ p }: { p: ProgramView }) {
  const { t } = useTranslation('public');
  return (
    <li data-testid="program-item">
      <Link to={`/programs/${p.id}`} style={{ fontWeight: 600 }}>{p.name}</Link>
      <div className="pub-muted">
        {t('programs.fiscalYear', { year: p.fiscalYear })} · {t(`programStatus.${p.status}`, { defaultValue: p.status })} ·{' '}
        {t('programs.window', { from: p.applicationOpensOn, to: p.applicationClosesOn })} · {t('programs.grantExpires', { date: p.grantExpiresOn })}
      </div>
      <div className="pub-muted">
        {t(`allocationMode.${p.allocationMode}`, { defaultValue: p.allocationMode })} · {t('program.maxGrant', { amount: formatFen(p.maxGrantFen) })}
      </div>
    </li>
  );
}

function StatisticsTable({ stats }: { stats: PublicStatistics }) {
  const { t } = useTranslation('public');
  const hidden = <span className="pub-muted">{t('programs.hidden')}</span>;
  const withMoney = stats.programs.filter((p) => p.grantedFen !== null);
  return (
    <>
      <div className="pub-table-wrap">
        <table className="pub-table" data-testid="program-statistics">
          <thead>
            <tr>
              <th scope="col">{t('programs.name')}</th>
              <th scope="col">{t('programs.status')}</th>
              <th scope="col">{t('programs.granted')}</th>
              <th scope="col">{t('programs.disbursed')}</th>
              <th scope="col">{t('programs.ordersCompleted')}</th>
              <th scope="col">{t('programs.enterprisesServed')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.programs.map((p) => (
              <tr key={p.programId}>
                <td><Link to={`/programs/${p.programId}`}>{p.name}</Link></td>
                <td>{t(`programStatus.${p.status}`, { defaultValue: p.status })}</td>
                <td className="num">{p.grantedFen === null ? hidden : <Money fen={p.grantedFen} />}</td>
                <td className="num">{p.disbursedFen === null ? hidden : <Money fen={p.disbursedFen} />}</td>
                <td className="num">{p.ordersCompleted ?? hidden}</td>
                <td className="num">{p.enterprisesServed ?? hidden}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="pub-muted">{t('programs.statisticsNote', { min: stats.minimumCell })}</p>
      {withMoney.length > 0 && (
        <figure style={{ margin: 0 }}>
          <figcaption className="pub-muted">{t('programs.chartTitle')}</figcaption>
          <Suspense fallback={<div className="pub-chart pub-muted">{t('programs.chartLoading')}</div>}>
            <GrantedChart rows={withMoney.map((p) => ({ name: p.name, yuan10k: p.grantedFen! / 1_000_000 }))} label={t('programs.chartTitle')} />
          </Suspense>
        </figure>
      )}
    </>
  );
}

export function ProgramPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('public');
  const name = useNamer();
  const { org } = useAuth();
  const categories = useCategories();
  const regions = useRegions();
  const program = useQuery({
    queryKey: ['program', id],
    retry: false,
    queryFn: ({ signal }) => call(api.GET('/api/v1/programs/{id}', { params: { path: { id } }, signal })),
  });

  if (program.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (program.isError) {
    if (program.error instanceof ApiError && program.error.status === 404) return <Result status="404" title="404" subTitle={t('program.notFound')} />;
    return <ProblemAlert error={program.error} onRetry={() => void program.refetch()} />;
  }
  const p = program.data;
  return (
    <article className="pub-page" data-testid="program-page">
      <div>
        <Typography.Title level={2} className="page-title">{p.name}</Typography.Title>
        <div className="pub-muted">
          {t('programs.fiscalYear', { year: p.fiscalYear })} · {t(`programStatus.${p.status}`, { defaultValue: p.status })} ·{' '}
          {t('programs.window', { from: p.applicationOpensOn, to: p.applicationClosesOn })} · {t('programs.grantExpires', { date: p.grantExpiresOn })}
        </div>
      </div>
      <div className="pub-card">
        <Link to={`/?program=${p.id}`}>{t('programs.searchEligible')}</Link>
        {org('enterprise') && p.status === 'open' && (
          <>
            {' · '}
            <Link to="/enterprise/programs">{t('program.apply')}</Link>
          </>
        )}
      </div>
      <section className="pub-card">
        <h2>{t('program.rules')}</h2>
        {p.subsidyRules.length === 0 ? (
          <p className="pub-muted">{t('program.noRules')}</p>
        ) : (
          <ul className="pub-list" data-testid="program-rules">
            {p.subsidyRules.map((r) => (
              <li key={r.categoryId}>
                {t('program.ruleRow', { category: name(categories.data?.get(r.categoryId), '…'), ratio: formatBps(r.ratioBp), cap: formatFen(r.perOrderCapFen) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="pub-card">
        <h2>{t('program.eligibility')}</h2>
        <dl className="pub-facts">
          <dt>{t('program.sizeClasses')}</dt>
          <dd>{p.eligibility.sizeClasses.map((s) => t(`sizeClass.${s}`, { defaultValue: s })).join(listSep())}</dd>
          <dt>{t('program.regions')}</dt>
          <dd>{p.eligibility.regionCodes.map((c) => name(regions.data?.get(c), c)).join(listSep())}</dd>
          {p.eligibility.requiredFlags.length > 0 && (
            <>
              <dt>{t('program.flags')}</dt>
              <dd>{p.eligibility.requiredFlags.map((f) => t(`flag.${f}`, { defaultValue: f })).join(listSep())}</dd>
            </>
          )}
          {p.eligibility.minMonthsRegistered != null && (
            <>
              <dt>{t('program.minMonths', { count: p.eligibility.minMonthsRegistered })}</dt>
              <dd>✓</dd>
            </>
          )}
        </dl>
      </section>
      <section className="pub-card">
        <h2>{t('program.caps')}</h2>
        <ul className="pub-list">
          <li>{t('program.maxGrant', { amount: formatFen(p.maxGrantFen) })}</li>
          <li>{t('program.enterpriseCap', { amount: formatFen(p.enterpriseAnnualCapFen) })}</li>
          {p.highTechAnnualCapFen != null && <li>{t('program.highTechCap', { amount: formatFen(p.highTechAnnualCapFen) })}</li>}
          {p.providerAnnualCapFen != null && <li>{t('program.providerCap', { amount: formatFen(p.providerAnnualCapFen) })}</li>}
          <li>{t('program.claimDeadline', { count: p.claimDeadlineDays })}</li>
        </ul>
      </section>
      <section className="pub-card">
        <h2>{t('program.allocation')} · {t('program.settlement')}</h2>
        <p>{t(`allocationMode.${p.allocationMode}`, { defaultValue: p.allocationMode })}</p>
        <p>{t(`settlementMode.${p.settlementMode}`, { defaultValue: p.settlementMode })}</p>
        <h2>{t('program.funding')}</h2>
        <ul className="pub-list">
          {p.fundingSources.map((s) => (
            <li key={s.key}>{t('program.share', { name: s.name, share: formatBps(s.shareBp) })}</li>
          ))}
        </ul>
      </section>
    </article>
  );
}
