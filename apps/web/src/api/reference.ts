// Reference data every portal reads: the regions (GET /api/v1/regions), fetched once per session
// under one query key, each page taking the shape it needs (a list in the reader's language, a map
// by code, or a name function) through `select`.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from './client';

export type Region = Schemas['RegionView'];

const REGIONS_KEY = ['reference', 'regions'] as const;
const fetchRegions = ({ signal }: { signal: AbortSignal }) => call(api.GET('/api/v1/regions', { signal }));

/** The regions as the API answers them (both names). */
export function useRegionList(enabled = true) {
  return useQuery({ queryKey: REGIONS_KEY, enabled, staleTime: Infinity, queryFn: fetchRegions });
}

/** The regions with their name in the reader's language. */
export function useRegions() {
  const en = useTranslation().i18n.language === 'en-US';
  return useQuery({
    queryKey: REGIONS_KEY,
    staleTime: Infinity,
    queryFn: fetchRegions,
    select: (regions: Region[]) => regions.map((r) => ({ code: r.code, name: en ? r.nameEn : r.nameZh, level: r.level })),
  });
}

/** The regions by code (both names). */
export function useRegionMap() {
  return useQuery({ queryKey: REGIONS_KEY, staleTime: Infinity, queryFn: fetchRegions, select: (regions: Region[]) => new Map(regions.map((r) => [r.code, r])) });
}

/** Region names by code, in the reader's language; `enabled` false holds the request back (a page asking for more urgent data first). */
export function useRegionNames(enabled = true) {
  const en = useTranslation().i18n.language === 'en-US';
  return useQuery({
    queryKey: REGIONS_KEY,
    enabled,
    staleTime: Infinity,
    queryFn: fetchRegions,
    select: (regions: Region[]) => new Map(regions.map((r) => [r.code, en ? r.nameEn : r.nameZh])),
  });
}

/** A region's name in the reader's language: the code while the names load or when unknown, — for none. */
export function useRegionName(): (code: string | null | undefined) => string {
  const names = useRegionNames();
  return (code) => (code ? (names.data?.get(code) ?? code) : '—');
}
