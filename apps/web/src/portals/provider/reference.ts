// Reference data and the provider's own record, shared by the provider portal's pages.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/auth';

export type Category = Schemas['CategoryNodeView'];
export type Region = Schemas['RegionView'];
export type Provider = Schemas['ProviderViewDto'];
export type Offering = Schemas['OfferingViewDto'];
export type Order = Schemas['OrderViewDto'];
export type Claim = Schemas['ClaimViewDto'];

export const PROVIDER_TYPES = ['tech_transfer', 'incubator', 'ip_service', 'testing_lab', 'rd_design', 'pilot_scale', 'consulting'] as const;
export const QUALIFICATION_KINDS = ['CMA', 'CNAS', 'PATENT_AGENCY', 'MAKERSPACE_NATIONAL', 'MAKERSPACE_PROVINCIAL', 'MAKERSPACE_MUNICIPAL', 'HIGH_TECH_INCUBATOR'] as const;

/** The category tree, flattened depth-first, each with its label path (检验检测认证 / 纺织服装检测). */
export interface FlatCategory {
  id: string;
  code: string;
  label: string;
  name: string;
  depth: number;
  ancestors: string[];
}

export function useCategories() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return useQuery({
    queryKey: ['reference', 'categories'],
    queryFn: () => call(api.GET('/api/v1/categories')),
    staleTime: Infinity,
    select: (tree: Category[]) => {
      const out: FlatCategory[] = [];
      const walk = (nodes: Category[], names: string[], ancestors: string[]) => {
        for (const n of [...nodes].sort((a, b) => a.sortOrder - b.sortOrder)) {
          const name = en ? n.nameEn : n.nameZh;
          out.push({ id: n.id, code: n.code, name, label: [...names, name].join(' / '), depth: names.length, ancestors });
          walk(n.children ?? [], [...names, name], [...ancestors, n.id]);
        }
      };
      walk(tree, [], []);
      return out;
    },
  });
}

export { useRegions } from '../../api/reference';

/** The signed-in user's provider organization id (undefined when they have none). */
export function useProviderId(): string | undefined {
  return useAuth().org('provider')?.organizationId;
}

export function useProvider(id: string | undefined) {
  return useQuery({
    queryKey: ['provider', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id: id! } } })),
  });
}

/** A name lookup: id or code → label, with the raw value while the list loads. */
export function nameOf<T extends { label?: string; name?: string }>(list: T[] | undefined, key: keyof T, value: string): string {
  const hit = list?.find((x) => x[key] === value);
  return (hit?.label ?? hit?.name ?? value) as string;
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the API's calendar). */
export function todayShanghai(offsetDays = 0): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'en-US' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Date(iso).toLocaleDateString(lang === 'en-US' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
}

// one key per user action: lib/forms.ts
export { useIdempotencyKey } from '../../lib/forms';
