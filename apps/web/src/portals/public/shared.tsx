// Pieces of the public marketplace shared by the home page (first bundle: keep this file light) and
// the public pages (their own chunk).
import { Fragment, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { formatFen } from '../../lib/money';

export type Category = Schemas['CategoryNodeView'];
export type Region = Schemas['RegionView'];
export type SearchItem = Schemas['OfferingSearchItem'];

/** The figures of GET /public/statistics (libs/reports PublicStatistics). */
export type PublicStatistics = Schemas['PublicStatisticsDto'];

const DAY = 24 * 3_600_000;

/** The category tree, flattened: id → node (with the ids of its ancestors, root first). */
export function useCategories() {
  return useQuery({
    queryKey: ['ref', 'categories'],
    staleTime: DAY,
    queryFn: async ({ signal }) => {
      const tree = await call(api.GET('/api/v1/categories', { signal }));
      const byId = new Map<string, Category & { ancestors: string[] }>();
      const walk = (nodes: Category[], ancestors: string[]) => {
        for (const n of nodes) {
          byId.set(n.id, { ...n, ancestors });
          walk(n.children ?? [], [...ancestors, n.id]);
        }
      };
      walk(tree, []);
      return byId;
    },
  });
}

export { useRegionMap as useRegions } from '../../api/reference';

/** Program names for everyone (the transparency figures list every program that has opened). */
export function usePublicStatistics() {
  return useQuery({
    queryKey: ['public', 'statistics'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => call(api.GET('/api/v1/public/statistics', { signal })),
  });
}

/** A localized name of a reference node (zh-CN by default). */
export function useNamer() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (n: { nameZh: string; nameEn: string } | undefined, fallback: string) => (n ? (en ? n.nameEn : n.nameZh) : fallback);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27|apos);/g, (_, e: string) => ENTITIES[e]);

/**
 * The search engine's highlight (HTML-escaped text, matches wrapped in <em>) as React nodes: the
 * text is un-escaped and rendered as text, the matches as <mark>; nothing goes through innerHTML.
 */
export function Highlighted({ html }: { html: string }): ReactNode {
  const parts = html.split(/<em>|<\/em>/);
  return parts.map((p, i) => (p === '' ? null : i % 2 === 1 ? <mark key={i}>{unescape(p)}</mark> : <Fragment key={i}>{unescape(p)}</Fragment>));
}

/** An offering's price as listed: a fixed price, a price per unit, or a quote with an indicative range. */
export function priceText(
  t: (k: string, o?: Record<string, unknown>) => string,
  p: { kind: string; priceFen?: number | null; unitName?: string | null; minFen?: number | null; maxFen?: number | null },
): string {
  if (p.kind === 'fixed') return formatFen(p.priceFen);
  if (p.kind === 'per_unit') return t('pricing.per_unit', { price: formatFen(p.priceFen), unit: p.unitName ?? '' });
  if (p.minFen != null && p.maxFen != null) return t('pricing.quote', { min: formatFen(p.minFen), max: formatFen(p.maxFen) });
  return t('pricing.quoteOpen');
}

/** A search item's price: one figure, or a range when the offering is quoted. */
export function itemPriceText(t: (k: string, o?: Record<string, unknown>) => string, it: Pick<SearchItem, 'priceFen' | 'priceMaxFen'>): string {
  return it.priceMaxFen > it.priceFen ? `${formatFen(it.priceFen)}–${formatFen(it.priceMaxFen)}` : formatFen(it.priceFen);
}
