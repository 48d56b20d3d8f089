// The typed API client, generated from docs/openapi.json (npm run web:client writes schema.d.ts;
// a test fails when the committed document and the client differ).
//
// Auth: the access token lives in memory only; the refresh token is an httpOnly SameSite=Strict
// cookie the API sets when a request carries `X-Refresh-Cookie: 1`. A 401 on an authenticated call
// triggers one silent refresh (shared by concurrent callers) and a single retry.
import createClient from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }
  get code(): string {
    return this.problem.code;
  }
  /** Field errors keyed by field name (the API's `errors` list). */
  get fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const e of this.problem.errors ?? []) (out[e.field] ??= []).push(e.message);
    return out;
  }
}

interface Session {
  accessToken: string;
  expiresAt: number;
}

let session: Session | null = null;
let refreshing: Promise<Session | null> | null = null;
let locale: 'zh' | 'en' = 'zh';
const listeners = new Set<(signedIn: boolean) => void>();

export function setApiLocale(l: 'zh' | 'en'): void {
  locale = l;
}
export function onSessionChange(fn: (signedIn: boolean) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
function setSession(s: Session | null): void {
  const was = session !== null;
  session = s;
  if (was !== (s !== null)) for (const fn of listeners) fn(s !== null);
}
export function hasSession(): boolean {
  return session !== null;
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

function toSession(t: TokenAnswer): Session {
  return { accessToken: t.accessToken, expiresAt: Date.now() + t.expiresIn * 1000 };
}

function withRefreshLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  return locks ? locks.request('innoserve-refresh', fn) : fn();
}

/** Trades the refresh cookie for a new access token; null when there is no valid cookie. */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      // One refresh at a time across this browser's tabs: the cookie is shared, each refresh rotates
      // it, and presenting a rotated-away token counts as reuse (the API then ends the session).
      // Under the lock, a second tab sends the cookie the first tab's refresh has just set.
      const res = await withRefreshLock(() =>
        fetch('/api/v1/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-refresh-cookie': '1', 'accept-language': locale },
          body: '{}',
          credentials: 'same-origin',
        }),
      );
      if (res.status === 401) {
        setSession(null);
        return null;
      }
      // throttled or a server error: the session is not over; keep the current token, try later
      if (!res.ok) return session;
      const s = toSession((await res.json()) as TokenAnswer);
      setSession(s);
      return s;
    } catch {
      return session;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function authedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const send = (req: Request) => {
    if (session) req.headers.set('authorization', `Bearer ${session.accessToken}`);
    if (!req.headers.has('accept-language')) req.headers.set('accept-language', locale);
    return fetch(req);
  };
  // refresh a little before expiry rather than eat a 401
  if (session && session.expiresAt - Date.now() < 30_000) await refreshSession();
  const res = await send(input);
  if (res.status !== 401 || !session || new URL(input.url).pathname.startsWith('/api/v1/auth/')) return res;
  const renewed = await refreshSession();
  return renewed ? send(retry) : res;
}

export const api = createClient<paths>({ baseUrl: '', fetch: authedFetch });

/** Unwraps an openapi-fetch answer: the data, or an ApiError carrying the problem+json. */
export async function call<T>(p: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await p;
  if (response.ok) return data as T;
  const problem =
    error && typeof error === 'object' && 'code' in error
      ? (error as Problem)
      : ({ type: 'about:blank', title: response.statusText, status: response.status, detail: '', code: `HTTP_${response.status}` } as Problem);
  throw new ApiError(response.status, problem);
}

export async function login(email: string, password: string): Promise<void> {
  const t = await call(api.POST('/api/v1/auth/login', { body: { email, password }, headers: { 'x-refresh-cookie': '1' } }));
  setSession(toSession(t));
}

export async function logout(): Promise<void> {
  try {
    if (session) await api.POST('/api/v1/auth/logout', { body: {}, headers: { 'x-refresh-cookie': '1' } });
  } finally {
    setSession(null);
  }
}

/** Downloads an authenticated file (contract PDFs, attachments) and opens it. */
export async function openFile(url: string, filename: string): Promise<void> {
  const res = await authedFetch(new Request(url));
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => ({ code: `HTTP_${res.status}`, detail: '' }))) as Problem);
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  // a name without an extension (a document known by its id only) gets the one of its type
  const ext = { 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg' }[blob.type.split(';')[0]];
  a.download = /\.[A-Za-z0-9]{1,5}$/.test(filename) || !ext ? filename : `${filename}${ext}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/** Uploads a file (multipart) and answers its id. */
export async function uploadFile(file: File): Promise<Schemas['FileViewDto']> {
  const form = new FormData();
  form.append('file', file);
  const res = await authedFetch(new Request('/api/v1/files', { method: 'POST', body: form }));
  const body = (await res.json()) as unknown;
  if (!res.ok) throw new ApiError(res.status, body as Problem);
  return body as Schemas['FileViewDto'];
}
