// The marketplace home: search-as-you-type with facets, filters, sorts and paging. The URL holds the
// whole search state (q, filters, sort, page), so a result page can be shared and a reload restores
// it. In the first bundle: only light Ant Design components here.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Skeleton } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, call, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import './public.css';
import { Highlighted, itemPriceText, useCategories, useNamer, usePublicStatistics, useRegions, type SearchItem } from './shared';

type SearchQuery = NonNullable<paths['/api/v1/search/offerings']['get']['parameters']['query']>;
type Sort = 'relevance' | 'price_asc' | 'price_desc' | 'rating' | 'newest';
const SORTS: Sort[] = ['relevance', 'price_asc', 'price_desc', 'rating', 'newest'];
const FACETS = ['category', 'providerType', 'region', 'qualification', 'program'] as const;
type Facet = (typeof FACETS)[number];
const PRICES: Record<string, [number | undefined, number | undefined]> = {
  lt1000: [undefined, 100_000],
  '1000to5000': [100_000, 500_000],
  '5000to20000': [500_000, 2_000_000],
  gt20000: [2_000_000, undefined],
};
const LEAD_TIMES = [3, 7, 15, 30];
export const PAGE_SIZE = 10;
const DEBOUNCE_MS = 250;

const int = (v: string | null) => (v !== null && /^\d+$/.test(v) ? Number(v) : undefined);

/** The search the URL describes (unknown or malformed values are dropped). */
function fromUrl(sp: URLSearchParams): SearchQuery {
  const sort = sp.get('sort') as Sort | null;
  const q: SearchQuery = { pageSize: PAGE_SIZE };
  const text = sp.get('q')?.trim();
  if (text) q.q = text.slice(0, 200);
  for (const f of FACETS) {
    const v = sp.get(f);
    if (v) (q as Record<string, unknown>)[f] = v;
  }
  q.priceMinFen = int(sp.get('priceMinFen'));
  q.priceMaxFen = int(sp.get('priceMaxFen'));
  q.leadTimeMaxDays = int(sp.get('leadTimeMaxDays'));
  if (sort && SORTS.includes(sort)) q.sort = sort;
  const page = int(sp.get('page'));
  if (page && page > 1) q.page = page;
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as SearchQuery;
}

/** The URL of a search: only what differs from the defaults, in a stable order. */
function toParams(q: SearchQuery): URLSearchParams {
  const sp = new URLSearchParams();
  for (const k of ['q', ...FACETS, 'priceMinFen', 'priceMaxFen', 'leadTimeMaxDays', 'sort', 'page'] as const) {
    const v = (q as Record<string, unknown>)[k];
    if (v === undefined || v === '' || (k === 'sort' && v === 'relevance') || (k === 'page' && v === 1)) continue;
    sp.set(k, String(v));
  }
  return sp;
}

/** The same search as the canonical string search-prefetch.js computes. */
function keyOf(q: SearchQuery): string {
  return Object.entries(q)
    .map(([k, v]) => [k, String(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

type OfferingSearchPage = Schemas['OfferingSearchPage'];
/** The answer index.html's inline script asked for before the bundle ran, once, when it is this search. */
type EarlySearch = { key: string; answer: Promise<OfferingSearchPage | null>; data: OfferingSearchPage | null };
const earlyWindow = window as { __innoserveSearch?: EarlySearch };
function prefetchedSearch(q: SearchQuery): Promise<OfferingSearchPage | null> | null {
  const early = earlyWindow.__innoserveSearch;
  if (!early) return null;
  delete earlyWindow.__innoserveSearch;
  return early.key === keyOf(q) ? early.answer : null;
}
/** That answer when it has already come and is this search: the first render shows the results, not a skeleton. */
function prefetchedAnswer(q: SearchQuery): OfferingSearchPage | undefined {
  const early = earlyWindow.__innoserveSearch;
  if (!early?.data || early.key !== keyOf(q)) return undefined;
  delete earlyWindow.__innoserveSearch;
  return early.data;
}

export function HomePage() {
  const { t } = useTranslation('public');
  const [sp, setSp] = useSearchParams();
  const query = useMemo(() => fromUrl(sp), [sp]);
  const [text, setText] = useState(query.q ?? '');
  // on a phone the facets fold away behind a button, so the results come first
  const [facetsOpen, setFacetsOpen] = useState(false);

  // the URL changed underneath (back/forward, a link): the box shows its text
  const committed = useRef(query.q ?? '');
  useEffect(() => {
    if ((query.q ?? '') !== committed.current) {
      committed.current = query.q ?? '';
      setText(committed.current);
    }
  }, [query.q]);

  const update = (patch: Partial<SearchQuery>, opts: { keepPage?: boolean; replace?: boolean } = {}) => {
    const next = { ...query, ...patch };
    if (!opts.keepPage) delete next.page;
    committed.current = next.q ?? '';
    setSp(toParams(next), { replace: opts.replace });
  };

  // search as you type: the URL (and so the query) follows the box after a pause
  useEffect(() => {
    const trimmed = text.trim();
    if (trimmed === (query.q ?? '')) return;
    const timer = setTimeout(() => update({ q: trimmed || undefined }, { replace: true }), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  // one query per search state: a newer state's answer replaces the view, an older one still in
  // flight is aborted (its signal) and, should it land anyway, belongs to a key nobody shows
  const result = useQuery({
    queryKey: ['search', 'offerings', query],
    queryFn: async ({ signal }) => {
      const early = await prefetchedSearch(query);
      return early ?? call(api.GET('/api/v1/search/offerings', { params: { query }, signal }));
    },
    initialData: () => prefetchedAnswer(query),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const data = result.data;
  const stale = result.isPlaceholderData;
  const priceKey = Object.keys(PRICES).find((k) => PRICES[k][0] === query.priceMinFen && PRICES[k][1] === query.priceMaxFen);
  const filtered = FACETS.some((f) => query[f]) || query.priceMinFen !== undefined || query.priceMaxFen !== undefined || query.leadTimeMaxDays !== undefined;

  return (
    <div className="pub-home">
      <h1 className="pub-h1">{t('home.title')}</h1>
      <p className="pub-intro">{t('home.intro')}</p>
      <form role="search" className="pub-searchbar" onSubmit={(e) => { e.preventDefault(); update({ q: text.trim() || undefined }); }}>
        {/* a native input: antd's Input brings TextArea, Password, OTP… into the first bundle */}
        <input
          className="pub-input"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('home.searchPlaceholder')}
          aria-label={t('home.searchLabel')}
          maxLength={200}
          enterKeyHint="search"
          autoComplete="off"
          data-testid="search-input"
        />
      </form>
      <div className="pub-layout">
        <button type="button" className="pub-facets-toggle" aria-expanded={facetsOpen} aria-controls="pub-facets" onClick={() => setFacetsOpen((o) => !o)}>
          {t('home.filters')}
          {filtered ? ` · ${t('home.filtersOn')}` : ''}
        </button>
        <aside id="pub-facets" className={`pub-facets${facetsOpen ? ' is-open' : ''}`} aria-label={t('home.filters')}>
          <Facets facets={data?.facets} query={query} onPick={(f, v) => update({ [f]: v })} />
          {filtered && (
            <button type="button" className="pub-link-button" onClick={() => update({ ...Object.fromEntries(FACETS.map((f) => [f, undefined])), priceMinFen: undefined, priceMaxFen: undefined, leadTimeMaxDays: undefined })}>
              {t('home.clearFilters')}
            </button>
          )}
        </aside>
        <section className="pub-results-col" aria-label={t('home.resultsLabel')}>
          <div className="pub-toolbar">
            <span className="pub-total" aria-live="polite">
              {data ? t(data.estimated ? 'home.totalEstimated' : 'home.total', { count: data.total }) : ''}
              {stale && <span className="pub-updating"> · {t('home.updating')}</span>}
            </span>
            <div className="pub-selects">
              {/* native selects: the first bundle needs no antd Select for them */}
              <select
                className="pub-select"
                aria-label={t('home.priceLabel')}
                value={priceKey ?? ''}
                onChange={(e) => update({ priceMinFen: PRICES[e.target.value]?.[0], priceMaxFen: PRICES[e.target.value]?.[1] })}
                data-testid="price-filter"
              >
                <option value="">{`${t('home.priceLabel')}: ${t('home.any')}`}</option>
                {Object.keys(PRICES).map((k) => (
                  <option key={k} value={k}>{t(`price.${k}`)}</option>
                ))}
              </select>
              <select
                className="pub-select"
                aria-label={t('home.leadTimeLabel')}
                value={query.leadTimeMaxDays ?? 0}
                onChange={(e) => update({ leadTimeMaxDays: Number(e.target.value) || undefined })}
                data-testid="lead-time-filter"
              >
                <option value={0}>{`${t('home.leadTimeLabel')}: ${t('home.any')}`}</option>
                {LEAD_TIMES.map((d) => (
                  <option key={d} value={d}>{t('leadTime.upTo', { count: d })}</option>
                ))}
              </select>
              <select
                className="pub-select"
                aria-label={t('home.sortLabel')}
                value={query.sort ?? 'relevance'}
                onChange={(e) => update({ sort: e.target.value === 'relevance' ? undefined : (e.target.value as Sort) })}
                data-testid="sort-select"
              >
                {SORTS.map((o) => (
                  <option key={o} value={o}>{t(`sort.${o}`)}</option>
                ))}
              </select>
            </div>
          </div>
          {result.isPending ? (
            <Skeleton active paragraph={{ rows: 6 }} aria-busy="true" />
          ) : result.isError && !data ? (
            <SearchProblem error={result.error} onRetry={() => void result.refetch()} />
          ) : data && data.items.length === 0 ? (
            <div className="pub-empty" role="status">{t('home.empty')}</div>
          ) : data ? (
            <>
              <ol className={`pub-results${stale ? ' is-stale' : ''}`} data-testid="search-results" data-q={stale ? '' : (query.q ?? '')} data-page={stale ? '' : (query.page ?? 1)} aria-busy={stale}>
                {data.items.map((it) => (
                  <ResultItem key={it.id} item={it} />
                ))}
              </ol>
              {data.total > PAGE_SIZE && (
                <Pager
                  current={query.page ?? 1}
                  pages={Math.ceil(Math.min(data.total, PAGE_SIZE * 1000) / PAGE_SIZE)}
                  onPage={(page) => {
                    update({ page: page > 1 ? page : undefined }, { keepPage: true });
                    window.scrollTo({ top: 0 });
                  }}
                />
              )}
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}

/**
 * What went wrong, in words, with a retry: components/ProblemAlert's wording, without importing that
 * module (its antd Alert would come into the first bundle with it).
 */
function SearchProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const api = error instanceof ApiError ? error : null;
  const known = api ? t(`errors.${api.code}`, { defaultValue: '' }) : '';
  const network = error instanceof TypeError || (api !== null && (api.status === 0 || api.code === 'NETWORK'));
  const title = network ? t('errors.network') : known || api?.problem.title || t('errors.generic');
  const detail = network ? t('errors.networkDetail') : api?.problem.detail || (known ? '' : t('errors.genericDetail'));
  return (
    <div role="alert" className="pub-problem">
      <strong>{title}</strong>
      {detail && <div>{detail}</div>}
      <button type="button" className="pub-link-button" onClick={onRetry}>{t('actions.retry')}</button>
    </div>
  );
}

/** Page links: the first, the last, and two either side of the current one (a light stand-in for antd's Pagination). */
function Pager({ current, pages, onPage }: { current: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation('public');
  const shown: (number | null)[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - current) <= 2) shown.push(p);
    else if (shown[shown.length - 1] !== null) shown.push(null);
  }
  return (
    <nav aria-label={t('home.pageLabel')} className="pub-pager">
      <button type="button" className="pub-page-btn" disabled={current <= 1} onClick={() => onPage(current - 1)} aria-label={t('home.prevPage')}>‹</button>
      {shown.map((p, i) =>
        p === null ? (
          <span key={`gap${i}`} className="pub-page-gap" aria-hidden>…</span>
        ) : (
          <button key={p} type="button" className={`pub-page-btn${p === current ? ' is-current' : ''}`} aria-current={p === current ? 'page' : undefined} aria-label={t('home.page', { page: p })} onClick={() => onPage(p)}>
            {p}
          </button>
        ),
      )}
      <button type="button" className="pub-page-btn" disabled={current >= pages} onClick={() => onPage(current + 1)} aria-label={t('home.nextPage')}>›</button>
    </nav>
  );
}

function ResultItem({ item }: { item: SearchItem }) {
  const { t } = useTranslation('public');
  return (
    <li className="pub-result" data-testid="search-result">
      {/* elementtiming: the Element Timing API reports when this text is painted (bench/web) */}
      <h3 className="pub-result-title" {...{ elementtiming: 'search-result' }}>
        <Link to={`/offerings/${item.id}`}>
          <Highlighted html={item.highlight.title || item.title} />
        </Link>
      </h3>
      <div className="pub-result-meta">
        <Link to={`/providers/${item.provider.id}`} className="pub-result-provider">{item.provider.name}</Link>
        <span>{t('item.leadTimeLabel')} {t('item.leadTime', { count: item.leadTimeDays })}</span>
        <span>{item.rating != null ? `★ ${item.rating.toFixed(1)}` : t('item.noRating')}</span>
        {item.programIds.length > 0 && <span className="pub-badge">{t('item.voucher')}</span>}
      </div>
      {item.highlight.description && (
        <p className="pub-result-desc">
          <Highlighted html={item.highlight.description} />
        </p>
      )}
      <div className="pub-result-price money">{itemPriceText(t, item)}</div>
    </li>
  );
}

function Facets({ facets, query, onPick }: { facets: Schemas['SearchFacetsView'] | undefined; query: SearchQuery; onPick: (f: Facet, v: string | undefined) => void }) {
  const { t } = useTranslation('public');
  const name = useNamer();
  const categories = useCategories();
  const regions = useRegions();
  const stats = usePublicStatistics();
  if (!facets) return null;
  const label = (f: Facet, key: string): string => {
    switch (f) {
      case 'category':
        return name(categories.data?.get(key), '…');
      case 'region':
        return name(regions.data?.get(key), key);
      case 'providerType':
        return t(`providerType.${key}`, { defaultValue: key });
      case 'qualification':
        return t(`qualification.${key}`, { defaultValue: key });
      case 'program':
        return stats.data?.programs.find((p) => p.programId === key)?.name ?? '…';
    }
  };
  return (
    <>
      {FACETS.map((f) => {
        const selected = query[f];
        const entries = Object.entries(facets[f] ?? {})
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8);
        if (selected && !entries.some(([k]) => k === selected)) entries.unshift([selected, 0]);
        if (entries.length === 0) return null;
        return (
          <div key={f} className="pub-facet" role="group" aria-labelledby={`facet-${f}`}>
            <h2 id={`facet-${f}`} className="pub-facet-title">{t(`facets.${f}`)}</h2>
            <ul>
              {entries.map(([key, count]) => {
                const on = selected === key;
                const text = label(f, key);
                return (
                  <li key={key}>
                    <button
                      type="button"
                      className={`pub-facet-value${on ? ' is-on' : ''}`}
                      aria-pressed={on}
                      title={on ? t('facets.selected', { label: text }) : undefined}
                      onClick={() => onPick(f, on ? undefined : key)}
                      data-facet={f}
                    >
                      <span className="pub-facet-label">{text}</span>
                      {count > 0 && <span className="pub-facet-count">{count}</span>}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </>
  );
}

