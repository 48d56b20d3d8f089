/**
 * Cookie mode of the auth routes (browsers): with `X-Refresh-Cookie: 1` the refresh token travels
 * only in an httpOnly SameSite=Strict cookie scoped to /api/v1/auth; without the header nothing changes.
 */
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { registerAndLogin } from '../../../test/support/auth.js';

const COOKIE = { 'x-refresh-cookie': '1' };
const cookieOf = (headers: Record<string, unknown>): string => {
  const raw = headers['set-cookie'];
  return String(Array.isArray(raw) ? raw[0] : raw);
};
const valueOf = (setCookie: string) => /^innoserve_refresh=([^;]*)/.exec(setCookie)![1];

describe('auth routes in cookie mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets the refresh token as an httpOnly cookie and leaves it out of the body', async () => {
    const u = await registerAndLogin(t);
    const res = await t.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password }, headers: COOKIE });
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(res.body.refreshToken).toBeUndefined();
    const set = cookieOf(res.headers);
    expect(set).toMatch(/^innoserve_refresh=[^;]+; Path=\/api\/v1\/auth; Max-Age=2592000; HttpOnly; SameSite=Strict$/);
    expect(res.headers['cache-control']).toBe('no-store');

    // refresh reads the cookie (only with the header: a request without it is a bearer client)
    const token = valueOf(set);
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: {}, headers: { cookie: `innoserve_refresh=${token}` } })).status).toBe(401);
    const refreshed = await t.request('POST', '/api/v1/auth/refresh', { body: {}, headers: { ...COOKIE, cookie: `other=1; innoserve_refresh=${token}` } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toBeUndefined();
    const next = valueOf(cookieOf(refreshed.headers));
    expect(next).not.toBe(token);

    // logout ends that session and clears the cookie
    const out = await t.request('POST', '/api/v1/auth/logout', { token: refreshed.body.accessToken, body: {}, headers: { ...COOKIE, cookie: `innoserve_refresh=${next}` } });
    expect(out.status).toBe(204);
    expect(cookieOf(out.headers)).toMatch(/^innoserve_refresh=; Path=\/api\/v1\/auth; Max-Age=0; HttpOnly; SameSite=Strict$/);
    const after = await t.request('POST', '/api/v1/auth/refresh', { body: {}, headers: { ...COOKIE, cookie: `innoserve_refresh=${next}` } });
    expect(after.status).toBe(401);
    // the user's bearer session from registerAndLogin is untouched by the cookie logout
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: u.refreshToken } })).status).toBe(200);
  });

  it('answers 401 INVALID_REFRESH_TOKEN to a cookie-mode refresh without a cookie, and bearer clients see no cookie', async () => {
    const none = await t.request('POST', '/api/v1/auth/refresh', { body: {}, headers: COOKIE });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('INVALID_REFRESH_TOKEN');
    const u = await registerAndLogin(t);
    const bearer = await t.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
    expect(bearer.body.refreshToken).toEqual(expect.any(String));
    expect(bearer.headers['set-cookie']).toBeUndefined();
    expect(bearer.headers['cache-control']).toBe('no-store'); // token answers are never cached
  });

  it('marks the cookie Secure when the site is served over HTTPS (PUBLIC_BASE_URL), also behind a proxy that speaks http to it', async () => {
    const https = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://innoserve.example.cn' } });
    try {
      const u = await registerAndLogin(https);
      const res = await https.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password }, headers: COOKIE });
      expect(cookieOf(res.headers)).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await https.close();
    }
  });
});
