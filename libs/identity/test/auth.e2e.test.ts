import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { PrincipalLoader } from '@innoserve/identity';
import { DEFAULT_TEST_PASSWORD, createStaffAndLogin, loginAs, registerAndLogin, uniqueEmail } from '../../../test/support/auth.js';

describe('identity: register, sign in, tokens', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { email, password } });
  const refresh = (refreshToken: string) => t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

  it('registers a user, signs in and shows who they are at /me', async () => {
    const email = uniqueEmail('Mixed.Case').replace('mixed', 'MiXeD');
    const reg = await t.request('POST', '/api/v1/auth/register', { body: { email, password: DEFAULT_TEST_PASSWORD, displayName: ' 李明 ', locale: 'en' } });
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({ id: expect.any(String), email: email.toLowerCase(), displayName: '李明', locale: 'en', disabled: false, createdAt: expect.any(String) });
    expect(reg.text).not.toMatch(/password|hash|failed|locked/i);

    const res = await login(email.toUpperCase(), DEFAULT_TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });

    const me = await t.request('GET', '/api/v1/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: reg.body, roles: [], jurisdictions: [], memberships: [] });
  });

  it('defaults the locale to Chinese', async () => {
    const s = await registerAndLogin(t);
    const me = await t.request('GET', '/api/v1/me', { token: s.token });
    expect(me.body.user.locale).toBe('zh');
  });

  it('refuses a second account for the same address, whatever its case', async () => {
    const s = await registerAndLogin(t);
    const res = await t.request('POST', '/api/v1/auth/register', { body: { email: s.email.toUpperCase(), password: DEFAULT_TEST_PASSWORD, displayName: 'Again' } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a wrong password and an unknown address with the same 401', async () => {
    const s = await registerAndLogin(t);
    const wrong = await login(s.email, 'not-the-password-1');
    const unknown = await login(uniqueEmail('nobody'), 'not-the-password-1');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 UNAUTHENTICATED to /me without a token or with a forged one', async () => {
    const s = await registerAndLogin(t);
    const none = await t.request('GET', '/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('UNAUTHENTICATED');
    expect(none.headers['content-type']).toContain('application/problem+json');
    const [h, p] = s.token.split('.');
    const forged = await t.request('GET', '/api/v1/me', { token: `${h}.${p}.${'A'.repeat(43)}` });
    expect(forged.status).toBe(401);
    const garbage = await t.request('GET', '/api/v1/me', { token: 'not-a-jwt' });
    expect(garbage.status).toBe(401);
  });

  it('rotates refresh tokens: a refresh gives a working new pair', async () => {
    const s = await registerAndLogin(t);
    const r1 = await refresh(s.refreshToken);
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(s.refreshToken);
    expect((await t.request('GET', '/api/v1/me', { token: r1.body.accessToken })).body.user.id).toBe(s.userId);
    const r2 = await refresh(r1.body.refreshToken);
    expect(r2.status).toBe(200);
    const rows = await db.query(`SELECT count(*)::int AS n, count(DISTINCT family_id)::int AS families, count(used_at)::int AS used FROM refresh_token WHERE user_id = $1`, [s.userId]);
    expect(rows[0]).toEqual({ n: 3, families: 1, used: 2 });
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const s = await registerAndLogin(t);
    const newer = await refresh(s.refreshToken);
    expect(newer.status).toBe(200);
    const reuse = await refresh(s.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('REFRESH_TOKEN_REUSED');
    const afterwards = await refresh(newer.body.refreshToken);
    expect(afterwards.status).toBe(401);
    expect(afterwards.body.code).toBe('INVALID_REFRESH_TOKEN');
    const [row] = await db.query(`SELECT count(*)::int AS n, count(revoked_at)::int AS revoked FROM refresh_token WHERE user_id = $1`, [s.userId]);
    expect(row.revoked).toBe(row.n);
  });

  it('leaves other sessions of the user alone when one family is revoked for reuse', async () => {
    const s = await registerAndLogin(t);
    const other = await loginAs(t, s.email, s.password);
    await refresh(s.refreshToken);
    await refresh(s.refreshToken);
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('refuses an unknown refresh token', async () => {
    const res = await refresh('x'.repeat(43));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it('signs out one session with its refresh token, and every session without one', async () => {
    const s = await registerAndLogin(t);
    const second = await loginAs(t, s.email, s.password);
    const third = await loginAs(t, s.email, s.password);

    const one = await t.request('POST', '/api/v1/auth/logout', { token: s.token, body: { refreshToken: s.refreshToken } });
    expect(one.status).toBe(204);
    expect((await refresh(s.refreshToken)).status).toBe(401);
    const stillIn = await refresh(second.refreshToken);
    expect(stillIn.status).toBe(200);

    const all = await t.request('POST', '/api/v1/auth/logout', { token: third.token });
    expect(all.status).toBe(204);
    expect((await refresh(stillIn.body.refreshToken)).status).toBe(401);
    expect((await refresh(third.refreshToken)).status).toBe(401);
  });

  it('does not let one user sign out another user’s session', async () => {
    const a = await registerAndLogin(t);
    const b = await registerAndLogin(t);
    expect((await t.request('POST', '/api/v1/auth/logout', { token: a.token, body: { refreshToken: b.refreshToken } })).status).toBe(204);
    expect((await refresh(b.refreshToken)).status).toBe(200);
  });

  it('needs a token to sign out', async () => {
    const res = await t.request('POST', '/api/v1/auth/logout', { body: {} });
    expect(res.status).toBe(401);
  });

  it('stops a disabled user at once: token, sign-in and refresh', async () => {
    const s = await registerAndLogin(t);
    await db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [s.userId]);
    expect((await t.request('GET', '/api/v1/me', { token: s.token })).status).toBe(401);
    const relogin = await login(s.email, s.password);
    expect(relogin.status).toBe(401);
    expect(relogin.body.code).toBe('ACCOUNT_DISABLED');
    const r = await refresh(s.refreshToken);
    expect(r.status).toBe(401);
    await db.query(`UPDATE app_user SET disabled = false WHERE id = $1`, [s.userId]);
    // the refused refresh revoked its family for good
    expect((await refresh(s.refreshToken)).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { token: s.token })).status).toBe(200);
  });

  it('looks up the principals of requests that arrive together in one statement, each request getting its own', async () => {
    const officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350582', '350583'] }]);
    const users = await Promise.all(Array.from({ length: 5 }, () => registerAndLogin(t)));
    const gone = await registerAndLogin(t);
    await db.query(`UPDATE app_user SET disabled = true WHERE id = $1`, [gone.userId]);
    const loader = t.app.get(PrincipalLoader);
    const before = loader.stats;
    const sessions = [officer, ...users, gone, officer, users[0]];
    const answers = await Promise.all(sessions.map((s) => t.request('GET', '/api/v1/me', { token: s.token })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 401, 200, 200]);
    for (const [i, a] of answers.entries()) if (a.status === 200) expect(a.body.user.id).toBe(sessions[i].userId);
    expect(answers[0].body.roles).toEqual([{ role: 'program_officer', regionCodes: ['350582', '350583'] }]);
    expect(answers[1].body.roles).toEqual([]);
    // and directly: two lookups take the two statements in flight, the rest go in one statement,
    // duplicates (any case), unknown and disabled ids included
    const direct = loader.stats;
    const ids = [users[2].userId, users[3].userId, officer.userId, users[1].userId, gone.userId, '00000000-0000-4000-8000-000000000000', officer.userId.toUpperCase(), 'not-a-uuid'];
    const principals = await Promise.all(ids.map((id) => loader.load(id)));
    expect(principals.map((p) => p?.userId ?? null)).toEqual([users[2].userId, users[3].userId, officer.userId, users[1].userId, null, null, officer.userId, null]);
    expect(principals[2]!.staff).toEqual([{ role: 'program_officer', regionCodes: ['350582', '350583'] }]);
    expect(principals[2]!.staff).not.toBe(principals[6]!.staff); // each request its own copy, from one row
    expect(principals[2]!.staff[0].regionCodes).not.toBe(principals[6]!.staff[0].regionCodes);
    expect(loader.stats.batches - direct.batches).toBe(1);
    expect(loader.stats.batchedItems - direct.batchedItems).toBe(5);
    expect(loader.stats.batches).toBeGreaterThan(before.batches);
  });

  it('stores passwords as argon2id hashes', async () => {
    const s = await registerAndLogin(t);
    const [row] = await db.query(`SELECT password_hash FROM app_user WHERE id = $1`, [s.userId]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  describe('malformed input is a 400 problem', () => {
    const good = () => ({ email: uniqueEmail(), password: DEFAULT_TEST_PASSWORD, displayName: 'Ok' });
    it.each([
      ['an unknown field', { ...good(), isAdmin: true }],
      ['an oversize display name', { ...good(), displayName: 'x'.repeat(101) }],
      ['an oversize e-mail address', { ...good(), email: `${'a'.repeat(250)}@example.com` }],
      ['a password of the wrong type', { ...good(), password: 1234567890123 }],
      ['a password shorter than ten characters', { ...good(), password: 'short-123' }],
      ['a password longer than 128 characters', { ...good(), password: 'p'.repeat(129) }],
      ['an address that is not one', { ...good(), email: 'not-an-address' }],
      ['an unknown locale', { ...good(), locale: 'fr' }],
      ['a blank display name', { ...good(), displayName: '   ' }],
    ])('refuses registration with %s', async (_what, body) => {
      const res = await t.request('POST', '/api/v1/auth/register', { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it.each([
      ['a missing password', { email: 'a@example.com' }],
      ['an e-mail of the wrong type', { email: 42, password: DEFAULT_TEST_PASSWORD }],
      ['an unknown field', { email: 'a@example.com', password: DEFAULT_TEST_PASSWORD, remember: true }],
      ['an oversize password', { email: 'a@example.com', password: 'p'.repeat(129) }],
      ['a body that is not an object', [1, 2]],
    ])('refuses a login with %s', async (_what, body) => {
      const res = await t.request('POST', '/api/v1/auth/login', { body });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    });

    it('refuses a login body that is not JSON', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('refuses a refresh with a token of the wrong type or an extra field', async () => {
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 5 } })).status).toBe(400);
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'x', userId: 'y' } })).status).toBe(400);
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: 'x'.repeat(201) } })).status).toBe(400);
    });
  });
});
