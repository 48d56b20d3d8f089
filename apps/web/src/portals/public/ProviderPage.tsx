// A provider's public page: its searchable offerings (public), and what the public knows of it —
// name and rating from its offerings, type and region from the provider search. Its own members
// and staff covering it also get GET /providers/{id} (qualification numbers and expiry).
import { Result, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError, call } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ProblemAlert } from '../../components/ProblemAlert';
import { priceText, useCategories, useNamer, useRegions } from './shared';
import { listSep } from '../../lib/text';

export function ProviderPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('public');
  const name = useNamer();
  const { me, ready } = useAuth();
  const regions = useRegions();
  const categories = useCategories();
  const offerings = useQuery({
    queryKey: ['provider', id, 'offerings', !!me],
    enabled: ready,
    queryFn: ({ signal }) => call(api.GET('/api/v1/providers/{id}/offerings', { params: { path: { id }, query: { pageSize: 100 } }, signal })),
  });
  // members and staff covering it see the record; anyone else gets a 404 here, which is fine
  const detail = useQuery({
    queryKey: ['provider', id, 'detail'],
    enabled: ready && !!me,
    retry: false,
    queryFn: ({ signal }) => call(api.GET('/api/v1/providers/{id}', { params: { path: { id } }, signal })),
  });
  const items = offerings.data?.items ?? [];
  const providerName = detail.data?.name ?? items[0]?.providerName;
  const found = useQuery({
    queryKey: ['provider', id, 'search', providerName],
    enabled: !!providerName && !detail.data,
    queryFn: async ({ signal }) => {
      const res = await call(api.GET('/api/v1/search/providers', { params: { query: { q: providerName!.slice(0, 200), pageSize: 100 } }, signal }));
      return res.items.find((p) => p.id === id) ?? null;
    },
  });

  if (!ready || offerings.isPending || (me && detail.isPending)) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (offerings.isError) {
    if (offerings.error instanceof ApiError && offerings.error.status === 404) return <Result status="404" title="404" subTitle={t('provider.notFound')} />;
    return <ProblemAlert error={offerings.error} onRetry={() => void offerings.refetch()} />;
  }
  if (!providerName) return <Result status="404" title="404" subTitle={t('provider.notFound')} extra={<Link to="/">{t('home.title')}</Link>} />;

  const regionCode = detail.data?.regionCode ?? found.data?.regionCode;
  const types = detail.data?.providerTypes ?? found.data?.providerTypes ?? [];
  const categoryIds = detail.data?.admittedCategoryIds ?? found.data?.categoryIds ?? [];
  const rating = detail.data?.rating ?? items[0]?.providerRating;
  const kinds = [...new Set(items.flatMap((o) => o.qualificationKinds))];
  return (
    <article className="pub-page" data-testid="provider-page">
      <section className="pub-card">
        <div className="pub-muted">{t('provider.title')}</div>
        <Typography.Title level={2} className="page-title">{providerName}</Typography.Title>
        <dl className="pub-facts">
          {types.length > 0 && (
            <>
              <dt>{t('provider.types')}</dt>
              <dd>{types.map((p) => t(`providerType.${p}`, { defaultValue: p })).join(listSep())}</dd>
            </>
          )}
          {regionCode && (
            <>
              <dt>{t('provider.region')}</dt>
              <dd>{name(regions.data?.get(regionCode), regionCode)}</dd>
            </>
          )}
          {categoryIds.length > 0 && (
            <>
              <dt>{t('provider.categories')}</dt>
              <dd>{categoryIds.map((c) => name(categories.data?.get(c), '…')).join(listSep())}</dd>
            </>
          )}
          <dt>{t('provider.qualifications')}</dt>
          <dd>
            {detail.data ? (
              detail.data.qualifications.length === 0 ? (
                <span className="pub-muted">{t('offering.noQualifications')}</span>
              ) : (
                <ul className="pub-list">
                  {detail.data.qualifications.map((q) => (
                    <li key={q.id}>
                      {t('provider.qualificationNumber', { kind: t(`qualification.${q.kind}`), number: q.number })}
                      {q.expiresOn && <span className="pub-muted"> · {t('provider.expires', { date: q.expiresOn })}</span>}
                    </li>
                  ))}
                </ul>
              )
            ) : kinds.length === 0 ? (
              <span className="pub-muted">{t('offering.noQualifications')}</span>
            ) : (
              <span className="pub-tags">
                {kinds.map((k) => (
                  <span key={k} className="pub-chip">{t(`qualification.${k}`, { defaultValue: k })}</span>
                ))}
              </span>
            )}
          </dd>
          <dt>{t('provider.rating')}</dt>
          <dd>
            {rating && rating.count > 0 && rating.average != null
              ? t('offering.ratingValue', { average: rating.average.toFixed(2), count: rating.count })
              : t('item.noRating')}
          </dd>
        </dl>
      </section>
      <section className="pub-card">
        <h2>{t('provider.offerings', { count: offerings.data?.total ?? 0 })}</h2>
        {items.length === 0 ? (
          <p className="pub-muted">{t('provider.noOfferings')}</p>
        ) : (
          <ul className="pub-list" data-testid="provider-offerings">
            {items.map((o) => (
              <li key={o.id}>
                <Link to={`/offerings/${o.id}`}>{o.title}</Link>
                <div className="pub-muted">
                  <span className="money">{priceText(t, o.pricing)}</span> · {t('item.leadTimeLabel')} {t('item.leadTime', { count: o.leadTimeDays })} ·{' '}
                  {name(categories.data?.get(o.categoryId), '…')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
