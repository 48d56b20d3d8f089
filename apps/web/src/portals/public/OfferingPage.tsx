// An offering: provider, qualifications, price or range, lead time, rating, the voucher programs it
// is eligible in, and the indicative subsidy for a signed-in enterprise with a grant.
import { Breadcrumb, Button, Result, Skeleton, Typography } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatBps, formatFen } from '../../lib/money';
import { indicativeSubsidy, ruleFor } from './programs';
import { priceText, useCategories, useNamer, usePublicStatistics, useRegions } from './shared';
import { listSep } from '../../lib/text';

export function OfferingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('public');
  const name = useNamer();
  const { me, org, ready } = useAuth();
  const categories = useCategories();
  const regions = useRegions();
  const offering = useQuery({
    queryKey: ['offering', id, !!me],
    queryFn: ({ signal }) => call(api.GET('/api/v1/offerings/{id}', { params: { path: { id } }, signal })),
    enabled: ready,
  });
  const o = offering.data;

  // the programs the offering is voucher-eligible in, as the search index knows them
  const programIds = useQuery({
    queryKey: ['offering', id, 'programIds'],
    enabled: !!o,
    queryFn: async ({ signal }) => {
      const res = await call(api.GET('/api/v1/search/offerings', { params: { query: { q: o!.title.slice(0, 200), category: o!.categoryId, pageSize: 100 } }, signal }));
      return res.items.find((i) => i.id === o!.id)?.programIds ?? [];
    },
  });
  const stats = usePublicStatistics();
  // signed in: each program's rules (GET /programs/{id} needs a login)
  const programs = useQueries({
    queries: (me ? (programIds.data ?? []) : []).map((pid) => ({
      queryKey: ['program', pid],
      queryFn: ({ signal }: { signal: AbortSignal }) => call(api.GET('/api/v1/programs/{id}', { params: { path: { id: pid } }, signal })),
      staleTime: 60_000,
    })),
  });
  const enterprise = org('enterprise');
  const grants = useQuery({
    queryKey: ['enterprise', enterprise?.organizationId, 'grants'],
    enabled: !!enterprise,
    queryFn: ({ signal }) => call(api.GET('/api/v1/enterprises/{id}/grants', { params: { path: { id: enterprise!.organizationId } }, signal })),
  });

  if (!ready || offering.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (offering.isError) {
    if (offering.error instanceof ApiError && offering.error.status === 404) return <Result status="404" title="404" subTitle={t('offering.notFound')} extra={<Link to="/">{t('home.title')}</Link>} />;
    return <ProblemAlert error={offering.error} onRetry={() => void offering.refetch()} />;
  }
  if (!o) return null;

  const category = categories.data?.get(o.categoryId);
  const chain = category ? [...category.ancestors, o.categoryId] : [o.categoryId];
  const programList = (programIds.data ?? []).map((pid, i) => ({
    id: pid,
    view: programs[i]?.data,
    name: programs[i]?.data?.name ?? stats.data?.programs.find((p) => p.programId === pid)?.name ?? pid.slice(0, 8),
  }));
  const subsidy = grants.data
    ? indicativeSubsidy(o.pricing, grants.data, programList.flatMap((p) => (p.view ? [p.view] : [])), chain)
    : null;
  const rating = o.providerRating;

  return (
    <article className="pub-page" data-testid="offering-page">
      <Breadcrumb items={[{ title: <Link to="/">{t('home.title')}</Link> }, { title: name(category, '…') }]} />
      <div className="pub-offer-head">
        <section className="pub-card">
          <Typography.Title level={2} className="page-title">{o.title}</Typography.Title>
          <dl className="pub-facts">
            <dt>{t('offering.provider')}</dt>
            <dd>
              <Link to={`/providers/${o.providerId}`} data-testid="offering-provider">{o.providerName}</Link>
            </dd>
            <dt>{t('offering.category')}</dt>
            <dd>{name(category, '…')}</dd>
            <dt>{t('offering.leadTime')}</dt>
            <dd>{t('item.leadTime', { count: o.leadTimeDays })}</dd>
            <dt>{t('offering.regions')}</dt>
            <dd>{o.regionCodes.map((c) => name(regions.data?.get(c), c)).join(listSep())}</dd>
            <dt>{t('offering.qualifications')}</dt>
            <dd>
              {o.qualificationKinds.length === 0 ? (
                <span className="pub-muted">{t('offering.noQualifications')}</span>
              ) : (
                <span className="pub-tags">
                  {o.qualificationKinds.map((k) => (
                    <span key={k} className="pub-chip">{t(`qualification.${k}`, { defaultValue: k })}</span>
                  ))}
                </span>
              )}
            </dd>
            {o.tags.length > 0 && (
              <>
                <dt>{t('offering.tags')}</dt>
                <dd className="pub-tags">
                  {o.tags.map((tag) => (
                    <span key={tag} className="pub-chip">{tag}</span>
                  ))}
                </dd>
              </>
            )}
          </dl>
        </section>
        <aside className="pub-card" aria-label={t('offering.price')}>
          <div className="pub-muted">{t('offering.price')}</div>
          <div className="pub-price-big money" data-testid="offering-price">{priceText(t, o.pricing)}</div>
          {me && enterprise ? (
            subsidy ? (
              <div className="pub-subsidy" data-testid="offering-subsidy">
                <div>{t('offering.subsidy')}</div>
                <div className="pub-subsidy-amount money">
                  {subsidy.min === subsidy.max ? formatFen(subsidy.min) : t('offering.subsidyRange', { min: formatFen(subsidy.min), max: formatFen(subsidy.max) })}
                </div>
                {subsidy.ownShareMin !== null && subsidy.ownShareMin === subsidy.ownShareMax && <div>{t('offering.ownShare', { amount: formatFen(subsidy.ownShareMin) })}</div>}
                <div className="pub-muted">
                  {t('offering.subsidyGrant', {
                    program: programList.find((p) => p.id === subsidy.grant.programId)?.name ?? '',
                    available: formatFen(subsidy.grant.availableFen),
                    expires: subsidy.grant.expiresOn,
                  })}
                </div>
                <p className="pub-muted" style={{ margin: '6px 0 0' }}>{t('offering.subsidyIndicative')}</p>
              </div>
            ) : grants.data && programIds.data ? (
              <p className="pub-muted">
                {t('offering.noGrant')} <Link to="/programs">{t('offering.applyGrant')}</Link>
              </p>
            ) : null
          ) : !me ? (
            <p className="pub-muted">{t('offering.loginForSubsidy')}</p>
          ) : null}
          <Link to={`/enterprise/orders/new?offering=${o.id}`} data-testid="order-button">
            <Button type="primary" size="large" block style={{ marginTop: 12 }} tabIndex={-1}>
              {o.pricing.kind === 'quote' ? t('offering.orderQuote') : t('offering.order')}
            </Button>
          </Link>
        </aside>
      </div>
      <section className="pub-card">
        <h2>{t('offering.description')}</h2>
        <p className="pub-pre">{o.description}</p>
        <h2 style={{ marginTop: 16 }}>{t('offering.deliverables')}</h2>
        <p className="pub-pre">{o.deliverables}</p>
      </section>
      <section className="pub-card" data-testid="offering-programs">
        <h2>{t('offering.programs')}</h2>
        {programIds.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : programList.length === 0 ? (
          <p className="pub-muted">{t('offering.noPrograms')}</p>
        ) : (
          <ul className="pub-list">
            {programList.map((p) => {
              const rule = p.view ? ruleFor(p.view, chain) : null;
              return (
                <li key={p.id}>
                  <Link to={`/programs/${p.id}`}>{p.name}</Link>
                  {rule && <div className="pub-muted">{t('offering.programRule', { ratio: formatBps(rule.ratioBp), cap: formatFen(rule.perOrderCapFen) })}</div>}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="pub-card" data-testid="offering-rating">
        <h2>{t('offering.rating')}</h2>
        {rating.count > 0 && rating.average != null ? (
          <>
            <div>
              <span aria-hidden className="pub-stars">{'★'.repeat(Math.round(rating.average))}{'☆'.repeat(5 - Math.round(rating.average))}</span>{' '}
              {t('offering.ratingValue', { average: rating.average.toFixed(2), count: rating.count })}
            </div>
            <p className="pub-muted">{t('offering.ratingNote')}</p>
          </>
        ) : (
          <p className="pub-muted">{t('offering.noReviews')}</p>
        )}
      </section>
    </article>
  );
}
