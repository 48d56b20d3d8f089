import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { registerAndLogin } from '../../../test/support/auth.js';

describe('lockout under a burst of concurrent guesses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks at most LOGIN_MAX_FAILURES passwords in a burst, then refuses even the right one', async () => {
    const u = await registerAndLogin(t);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: `wrong-password-${i}` } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const right = await t.request('POST', '/api/v1/auth/login', { body: { email: u.email, password: u.password } });
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
  });
});
