/**
 * Sign-in helpers for e2e tests: users and staff with fresh unique e-mail addresses, logged in
 * over the real HTTP API. Use the returned `token` as `t.request(..., { token })`.
 */
import { randomUUID } from 'node:crypto';
import { UsersService, type StaffGrant } from '@innoserve/identity';
import type { TestApp } from './app.js';

export interface AuthSession {
  userId: string;
  email: string;
  password: string;
  /** The access token (Bearer). */
  token: string;
  refreshToken: string;
}

export interface NewUserOptions {
  email?: string;
  password?: string;
  displayName?: string;
  locale?: 'zh' | 'en';
}

export const DEFAULT_TEST_PASSWORD = 'correct-horse-battery-9';

/** A unique e-mail address for this test run. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.com`;
}

function fail(what: string, res: { status: number; text: string }): never {
  throw new Error(`${what} failed: ${res.status} ${res.text}`);
}

/** Logs in over HTTP and looks the user up with GET /me. */
export async function loginAs(t: TestApp, email: string, password: string): Promise<AuthSession> {
  const login = await t.request<{ accessToken: string; refreshToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) fail(`login as ${email}`, login);
  const me = await t.request<{ user: { id: string; email: string } }>('GET', '/api/v1/me', { token: login.body.accessToken });
  if (me.status !== 200) fail('GET /me', me);
  return { userId: me.body.user.id, email: me.body.user.email, password, token: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/** Registers a user through POST /auth/register and logs in. */
export async function registerAndLogin(t: TestApp, opts: NewUserOptions = {}): Promise<AuthSession> {
  const email = opts.email ?? uniqueEmail();
  const password = opts.password ?? DEFAULT_TEST_PASSWORD;
  const reg = await t.request<{ id: string; email: string }>('POST', '/api/v1/auth/register', {
    body: { email, password, displayName: opts.displayName ?? 'Test User', ...(opts.locale ? { locale: opts.locale } : {}) },
  });
  if (reg.status !== 201) fail(`register ${email}`, reg);
  const login = await t.request<{ accessToken: string; refreshToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) fail(`login as ${email}`, login);
  return { userId: reg.body.id, email: reg.body.email, password, token: login.body.accessToken, refreshToken: login.body.refreshToken };
}

/**
 * Creates a staff account directly (UsersService from the app container, audited as the system)
 * and logs in over HTTP. Example: createStaffAndLogin(t, [{ role: 'county_reviewer', regionCodes: ['350582'] }]).
 */
export async function createStaffAndLogin(t: TestApp, roles: StaffGrant[], opts: NewUserOptions = {}): Promise<AuthSession> {
  const email = opts.email ?? uniqueEmail(roles[0]?.role.replace(/_/g, '-') ?? 'staff');
  const password = opts.password ?? DEFAULT_TEST_PASSWORD;
  await t.app.get(UsersService).createStaff({ email, password, displayName: opts.displayName ?? 'Test Staff', locale: opts.locale, roles });
  return loginAs(t, email, password);
}

/** A city super-admin (350500), for tests that need one. */
export function createSuperAdminAndLogin(t: TestApp, opts: NewUserOptions = {}): Promise<AuthSession> {
  return createStaffAndLogin(t, [{ role: 'super_admin', regionCodes: ['350500'] }], opts);
}
