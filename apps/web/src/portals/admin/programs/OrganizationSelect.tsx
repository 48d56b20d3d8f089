// Picking an organization by name through the server: what is typed (debounced) is sent as `q` to
// GET /admin/enterprises and /admin/providers (a part of the name or a USCC prefix, 20 of each, the
// caller's jurisdiction), the two merged (an organization that is both shows both kinds). A value
// that is not among the results (a deep link's preset, a choice made before another search) is named
// from GET /enterprises/:id and /providers/:id, as the organization's own page reads it.
import { useEffect, useState, type ReactNode } from 'react';
import { Select, Space, Spin, type SelectProps } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, call } from '../../../api/client';
import { shortId } from './data';
import { listSep, withAside } from '../../../lib/text';

export const ORGANIZATION_SEARCH_DEBOUNCE_MS = 300;
const PAGE_SIZE = 20;
/** The API's limit on q. */
const MAX_QUERY = 100;

export type OrganizationKind = 'enterprise' | 'provider';

export interface OrganizationChoice {
  id: string;
  name: string;
  kinds: OrganizationKind[];
}

const quiet = (n: number, e: Error) => !(e instanceof ApiError && e.status < 500) && n < 2;

/** A list the caller's roles do not open (403: providers are a program officer's list) reads as empty. */
async function orEmpty<T>(p: Promise<{ items: T[] }>): Promise<{ items: T[] }> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { items: [] };
    throw e;
  }
}

async function searchOrganizations(q: string): Promise<OrganizationChoice[]> {
  const query = { pageSize: PAGE_SIZE, ...(q ? { q } : {}) };
  const [enterprises, providers] = await Promise.all([
    orEmpty(call(api.GET('/api/v1/admin/enterprises', { params: { query } }))),
    orEmpty(call(api.GET('/api/v1/admin/providers', { params: { query } }))),
  ]);
  const out = new Map<string, OrganizationChoice>();
  for (const e of enterprises.items) out.set(e.id, { id: e.id, name: e.name, kinds: ['enterprise'] });
  for (const p of providers.items) {
    const had = out.get(p.id);
    if (had) had.kinds.push('provider');
    else out.set(p.id, { id: p.id, name: p.name, kinds: ['provider'] });
  }
  return [...out.values()];
}

/** One organization's name and kinds, by id (its enterprise and provider profiles; the cache the organization's page fills). */
export function useOrganization(id: string | undefined, enabled = true) {
  const on = !!id && enabled;
  const enterprise = useQuery({ queryKey: ['admin', 'org', id, 'enterprise'], queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: id! } } })), enabled: on, retry: quiet });
  const provider = useQuery({ queryKey: ['admin', 'org', id, 'provider'], queryFn: () => call(api.GET('/api/v1/providers/{id}', { params: { path: { id: id! } } })), enabled: on, retry: quiet });
  const name = enterprise.data?.name ?? provider.data?.name;
  const kinds: OrganizationKind[] = [...(enterprise.data ? (['enterprise'] as const) : []), ...(provider.data ? (['provider'] as const) : [])];
  return { data: id && name ? { id, name, kinds } : undefined, isLoading: enterprise.isLoading || provider.isLoading };
}

export interface OrganizationSelectProps
  extends Omit<SelectProps<{ value: string; label: ReactNode }>, 'value' | 'onChange' | 'options' | 'showSearch' | 'labelInValue' | 'loading' | 'notFoundContent' | 'filterOption' | 'onSearch'> {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Label each organization with its kinds (企业 / 服务机构) as well as its name. */
  withKinds?: boolean;
}

/** A select of the organizations in the caller's jurisdiction, searched on the server as one types. */
export function OrganizationSelect({ value, onChange, withKinds = false, onOpenChange, ...rest }: OrganizationSelectProps) {
  const { t } = useTranslation('adminPrograms');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const wanted = text.trim().slice(0, MAX_QUERY);
  useEffect(() => {
    if (wanted === q) return;
    const timer = setTimeout(() => setQ(wanted), ORGANIZATION_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [wanted, q]);
  const results = useQuery({
    queryKey: ['admin', 'organizations', 'search', q],
    queryFn: () => searchOrganizations(q),
    enabled: open || q !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  // the choice made from earlier results stays named while other results show
  const [chosen, setChosen] = useState<OrganizationChoice>();
  const known = results.data?.find((o) => o.id === value) ?? (chosen?.id === value ? chosen : undefined);
  const preset = useOrganization(value, !known);
  const selected = known ?? preset.data;
  const label = (o: OrganizationChoice) => (withKinds ? withAside(o.name, o.kinds.map((k) => t(`orgKind.${k}`)).join(listSep())) : o.name);
  const searching = results.isFetching || wanted !== q;
  return (
    <Select<{ value: string; label: ReactNode }>
      {...rest}
      labelInValue
      value={value ? { value, label: selected ? label(selected) : preset.isLoading ? t('orgSearch.naming') : shortId(value) } : undefined}
      onChange={(v) => {
        const id = v?.value;
        setChosen(id ? results.data?.find((o) => o.id === id) : undefined);
        onChange?.(id);
      }}
      showSearch={{ filterOption: false, onSearch: setText }}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setText('');
        onOpenChange?.(o);
      }}
      loading={searching && open}
      options={(results.data ?? []).map((o) => ({ value: o.id, label: label(o) }))}
      notFoundContent={
        searching ? (
          <Space size="small">
            <Spin size="small" />
            {t('orgSearch.searching')}
          </Space>
        ) : results.isError ? (
          t('orgSearch.failed')
        ) : (
          t('orgSearch.noMatch')
        )
      }
    />
  );
}
