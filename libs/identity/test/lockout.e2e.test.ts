import { DataSource } from 'typeorm';
import { ManualClock } from '@innoserve/core';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { registerAndLogin } from '../../../test/support/auth.js';

const seconds = (clock: ManualClock, s: number) => clock.set(new Date(clock.now().getTime() + s * 1000));

describe('identity: lockout after failed sign-ins (ManualClock)', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { email, password } });

  it('locks an account for LOGIN_LOCKOUT_SECONDS after ten failures, even against the right password', async () => {
    const s = await registerAndLogin(t);
    for (let i = 0; i < 10; i++) {
      const res = await login(s.email, `wrong-password-${i}`);
      expect(res.status).toBe(401);
    }
    const locked = await login(s.email, s.password);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('TOO_MANY_REQUESTS');
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(Number(locked.headers['retry-after'])).toBe(900);

    seconds(clock, 600);
    const still = await login(s.email, s.password);
    expect(still.status).toBe(429);
    expect(Number(still.headers['retry-after'])).toBe(300);

    seconds(clock, 301);
    expect((await login(s.email, s.password)).status).toBe(200);
  });

  it('resets the count on a successful sign-in', async () => {
    const s = await registerAndLogin(t);
    for (let i = 0; i < 9; i++) expect((await login(s.email, 'wrong-password-x')).status).toBe(401);
    expect((await login(s.email, s.password)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(s.email, 'wrong-password-x')).status).toBe(401);
    expect((await login(s.email, s.password)).status).toBe(200);
  });

  it('counts concurrent failures correctly', async () => {
    const s = await registerAndLogin(t);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => login(s.email, `wrong-password-${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(401));
    const [row] = await t.app.get(DataSource).query(`SELECT failed_login_count, locked_until FROM app_user WHERE id = $1`, [s.userId]);
    expect(row.failed_login_count).toBe(10);
    expect(row.locked_until).not.toBeNull();
    expect((await login(s.email, s.password)).status).toBe(429);
  });

  it('locks only the attacked account', async () => {
    const victim = await registerAndLogin(t);
    const bystander = await registerAndLogin(t);
    for (let i = 0; i < 10; i++) await login(victim.email, 'wrong-password-x');
    expect((await login(victim.email, victim.password)).status).toBe(429);
    expect((await login(bystander.email, bystander.password)).status).toBe(200);
  });

  it('lets an access token expire after JWT_ACCESS_TTL_SECONDS by the application clock, while refresh still works', async () => {
    const s = await registerAndLogin(t);
    expect((await t.request('GET', '/api/v1/me', { token: s.token })).status).toBe(200);
    seconds(clock, 901);
    const expired = await t.request('GET', '/api/v1/me', { token: s.token });
    expect(expired.status).toBe(401);
    const r = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { token: r.body.accessToken })).status).toBe(200);
  });

  it('refuses a refresh token after REFRESH_TOKEN_TTL_DAYS', async () => {
    const s = await registerAndLogin(t);
    clock.advanceDays(31);
    const r = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('INVALID_REFRESH_TOKEN');
  });
});

describe('identity: per-account throttle on login and refresh', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { THROTTLE_ENABLED: 'true', THROTTLE_AUTH_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  const login = (email: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { email, password } });

  it('answers 429 with Retry-After past THROTTLE_AUTH_PER_MINUTE sign-ins for one account, until the minute is over', async () => {
    const s = await registerAndLogin(t); // the first sign-in
    expect((await login(s.email, 'wrong-password-1')).status).toBe(401);
    expect((await login(s.email, s.password)).status).toBe(200);
    const limited = await login(s.email.toUpperCase(), s.password);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

    const other = await registerAndLogin(t);
    expect(other.token).toEqual(expect.any(String));

    seconds(clock, 61);
    expect((await login(s.email, s.password)).status).toBe(200);
  });

  it('throttles unknown addresses too, so the limit does not reveal which accounts exist', async () => {
    const email = 'nobody-throttled@example.com';
    for (let i = 0; i < 3; i++) expect((await login(email, 'wrong-password-1')).status).toBe(401);
    expect((await login(email, 'wrong-password-1')).status).toBe(429);
  });

  it('throttles refreshes per account', async () => {
    const s = await registerAndLogin(t);
    let token = s.refreshToken;
    for (let i = 0; i < 3; i++) {
      const r = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: token } });
      expect(r.status).toBe(200);
      token = r.body.refreshToken;
    }
    const limited = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: token } });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    seconds(clock, 61);
    // the throttled attempt changed nothing: the same token still works
    expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: token } })).status).toBe(200);
  });
});
