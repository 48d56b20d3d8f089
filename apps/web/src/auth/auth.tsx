import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, hasSession, login as apiLogin, logout as apiLogout, onSessionChange, refreshSession, type Schemas } from '../api/client';
import { applyLang, rememberLang, storedLang } from '../i18n';

export type Me = Schemas['MeDto'];
export type Membership = Schemas['MembershipViewDto'];

interface AuthState {
  /** false until the silent refresh on page load has answered */
  ready: boolean;
  me: Me | null;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  reloadMe(): Promise<void>;
  /** the first organization with the given profile */
  org(profile: 'enterprise' | 'provider'): Membership | undefined;
  isStaff: boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [ready, setReady] = useState(false);
  const [signedIn, setSignedIn] = useState(hasSession());

  useEffect(() => onSessionChange(setSignedIn), []);
  useEffect(() => {
    // a returning browser: trade the httpOnly refresh cookie for an access token
    void refreshSession().finally(() => setReady(true));
  }, []);

  const meQuery = useQuery({
    queryKey: ['me'],
    enabled: signedIn,
    queryFn: () => call(api.GET('/api/v1/me')),
    staleTime: 60_000,
  });
  const me = signedIn ? (meQuery.data ?? null) : null;

  useEffect(() => {
    if (!me) return;
    const lang = storedLang(me.user.id) ?? (me.user.locale === 'en' ? 'en-US' : 'zh-CN');
    applyLang(lang);
  }, [me?.user.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const signIn = useCallback(
    async (email: string, password: string) => {
      await apiLogin(email, password);
      const fresh = await qc.fetchQuery({ queryKey: ['me'], queryFn: () => call(api.GET('/api/v1/me')) });
      const lang = storedLang(fresh.user.id);
      if (lang) applyLang(lang);
      return fresh;
    },
    [qc],
  );
  const signOut = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      qc.clear();
    }
  }, [qc]);
  const reloadMe = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: ['me'] });
  }, [qc]);

  const value = useMemo<AuthState>(
    () => ({
      ready: ready && (!signedIn || !meQuery.isLoading),
      me,
      signIn,
      signOut,
      reloadMe,
      org: (profile) => me?.memberships.find((m) => m.profiles.includes(profile)),
      isStaff: (me?.roles.length ?? 0) > 0,
    }),
    [ready, signedIn, meQuery.isLoading, me, signIn, signOut, reloadMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

export { rememberLang };
