// The enterprise portal's data: the signed-in user's enterprise, reference data, and the API's
// shapes (from the generated client).
import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, call, type Schemas } from '../../api/client';
import { useAuth } from '../../auth/auth';

export type Enterprise = Schemas['EnterpriseViewDto'];
export type Order = Schemas['OrderViewDto'];
export type Region = Schemas['RegionView'];
export type Claim = Schemas['ClaimViewDto'];
/** GET /api/v1/programs/:id (libs/vouchers program-views.ts ProgramView). */
export type ProgramView = Schemas['ProgramViewDto'];
export type ApplicationView = Schemas['ApplicationViewDto'];
/** GET /api/v1/enterprises/:id/grants: each grant with its ledger amounts. */
export type GrantView = Schemas['EnterpriseGrantViewDto'];

/** The enterprise the portal acts for (chosen in the portal when the user belongs to several). */
export const EnterpriseContext = createContext<string | undefined>(undefined);

export function useEnterpriseId(): string | undefined {
  const chosen = useContext(EnterpriseContext);
  const first = useAuth().org('enterprise')?.organizationId;
  return chosen ?? first;
}

const CHOICE_KEY = 'innoserve.enterprise';

/** The remembered choice of enterprise for this user in this browser. */
export function storedEnterprise(userId: string): string | null {
  try {
    return localStorage.getItem(`${CHOICE_KEY}.${userId}`);
  } catch {
    return null;
  }
}

export function rememberEnterprise(userId: string, id: string): void {
  try {
    localStorage.setItem(`${CHOICE_KEY}.${userId}`, id);
  } catch {
    /* private mode: the choice lasts for this page */
  }
}

export function useEnterprise(id: string | undefined) {
  return useQuery({
    queryKey: ['enterprise', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/enterprises/{id}', { params: { path: { id: id! } } })),
  });
}

export { useRegionList as useRegions, useRegionName } from '../../api/reference';


export function usePrograms() {
  return useQuery({
    queryKey: ['programs', 'open'],
    queryFn: () => call(api.GET('/api/v1/programs', { params: { query: { pageSize: 100 } } })),
    select: (d) => d.items,
  });
}

export function useProgram(id: string | null | undefined) {
  return useQuery({
    queryKey: ['program', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/programs/{id}', { params: { path: { id: id! } } })),
    staleTime: 5 * 60_000,
  });
}

export function useGrants(enterpriseId: string | undefined) {
  return useQuery({
    queryKey: ['grants', enterpriseId],
    enabled: !!enterpriseId,
    queryFn: () => call(api.GET('/api/v1/enterprises/{id}/grants', { params: { path: { id: enterpriseId! } } })),
  });
}

/** The offering behind an order (its provider's name); public while the offering is listed. */
export function useOffering(id: string | null | undefined) {
  return useQuery({
    queryKey: ['offering', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/offerings/{id}', { params: { path: { id: id! } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The orders of the enterprise chosen in the switcher (not of every enterprise the user belongs to). */
export function useBuyerOrders(status?: Order['status'], page = 1, pageSize = 20) {
  const organizationId = useEnterpriseId();
  return useQuery({
    queryKey: ['orders', 'buyer', organizationId, status ?? 'all', page, pageSize],
    enabled: !!organizationId,
    queryFn: () => call(api.GET('/api/v1/orders', { params: { query: { as: 'buyer', organizationId, status, page, pageSize } } })),
  });
}

/** A date (YYYY-MM-DD or ISO) in the reader's language, in Asia/Shanghai. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  // YYYY-MM-DD in both languages (en-CA formats so), the same as the dates the API answers
  void lang;
  return new Date(value).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
}

/**
 * Stripe's publishable key from the API (GET /api/v1/payments/stripe/config, public; 404
 * STRIPE_NOT_CONFIGURED where card payments are not offered): undefined means bank transfer only.
 */
export function useStripeKey(): string | undefined {
  const q = useQuery({
    queryKey: ['stripe-config'],
    queryFn: async () => {
      const res = await fetch('/api/v1/payments/stripe/config', { headers: { accept: 'application/json' } });
      if (!res.ok) return null;
      return ((await res.json()) as { publishableKey?: string }).publishableKey ?? null;
    },
    staleTime: Infinity,
    retry: false,
  });
  return q.data ?? undefined;
}
