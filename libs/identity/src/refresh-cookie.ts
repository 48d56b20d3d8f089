/**
 * The browser's refresh token: an httpOnly, SameSite=Strict cookie scoped to the auth routes.
 *
 * A request opts in with the header `X-Refresh-Cookie: 1` (the web app always sends it): login and
 * refresh then set the cookie and leave the token out of the body, refresh reads it when the body
 * has none, and logout revokes its session and clears it. The header is also the CSRF guard: a
 * cross-site form cannot send it, and SameSite=Strict keeps the cookie off cross-site requests anyway.
 * Bearer clients that never send the header see no cookie at all.
 */
export const REFRESH_COOKIE = 'innoserve_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
export const COOKIE_MODE_HEADER = 'x-refresh-cookie';

interface CookieRequest {
  headers: Record<string, string | string[] | undefined>;
  protocol?: string;
}

export function wantsCookie(req: CookieRequest): boolean {
  return req.headers[COOKIE_MODE_HEADER] === '1';
}

/** The refresh token in the request's Cookie header, if any. */
export function readRefreshCookie(req: CookieRequest): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === REFRESH_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return value.length > 0 && value.length <= 200 ? value : undefined;
    }
  }
  return undefined;
}

/** A Set-Cookie value carrying the token for maxAgeSeconds (0 clears it). */
export function refreshCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${REFRESH_COOKIE}=${token}`,
    `Path=${REFRESH_COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
