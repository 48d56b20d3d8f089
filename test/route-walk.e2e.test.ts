/**
 * Walks every route the API serves:
 *  - each declares an access policy, and the policy holds for every role (401 signed out,
 *    403 for roles it does not name, never 401/403 for the roles it names);
 *  - malformed input (unreadable JSON, unknown fields, wrong types, null where the document does
 *    not say nullable, oversize strings, a body nested 1,700 levels deep) gets a 4xx problem+json
 *    naming the field, never a 500.
 */
import { STAFF_ROLES, type StaffRole } from '@innoserve/identity';
import { startTestApp, type TestApp } from './support/app.js';
import { createStaffAndLogin, registerAndLogin } from './support/auth.js';
import { collectRoutes, concretePath, type RouteInfo } from './support/routes.js';

describe('every route', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  let doc: any;
  const tokens: Partial<Record<StaffRole | 'user', string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    routes = collectRoutes(t);
    doc = (await t.request('GET', '/docs-json')).body;
    tokens.user = (await registerAndLogin(t)).token;
    for (const role of STAFF_ROLES) tokens[role] = (await createStaffAndLogin(t, [{ role, regionCodes: ['350500'] }])).token;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const isMutation = (r: RouteInfo) => ['POST', 'PATCH', 'PUT', 'DELETE'].includes(r.method);
  const isProblem = (res: { headers: Record<string, unknown> }) => String(res.headers['content-type']).includes('application/problem+json');

  it('declares an access policy on every route', () => {
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !r.policy).map((r) => `${r.method} ${r.path} (${r.handler})`);
    expect(missing).toEqual([]);
  });

  it('answers 401 to a signed-out caller on every non-public route', async () => {
    for (const r of routes.filter((x) => x.policy && x.policy.kind !== 'public')) {
      const res = await t.request(r.method, concretePath(r.path), isMutation(r) ? { body: {} } : {});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 });
      expect(isProblem(res)).toBe(true);
    }
  });

  it('lets only the roles a staff route names through (super-admin always), 403 for the others', async () => {
    for (const r of routes.filter((x) => x.policy?.kind === 'staff')) {
      const allowed = new Set<string>([...(r.policy as { roles: StaffRole[] }).roles, 'super_admin']);
      for (const who of ['user', ...STAFF_ROLES] as const) {
        const res = await t.request(r.method, concretePath(r.path), { token: tokens[who], ...(isMutation(r) ? { body: {} } : {}) });
        const label = `${r.method} ${r.path} as ${who}`;
        if (allowed.has(who)) {
          expect({ label, denied: [401, 403].includes(res.status) && res.body?.code !== 'CONFLICT_OF_INTEREST' }).toEqual({ label, denied: false });
        } else {
          expect({ label, status: res.status }).toEqual({ label, status: 403 });
        }
        expect({ label, status: res.status < 500 }).toEqual({ label, status: true });
      }
    }
  });

  function bodySchema(r: RouteInfo): any {
    const p = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const op = doc.paths[p]?.[r.method.toLowerCase()];
    const s = op?.requestBody?.content?.['application/json']?.schema;
    return resolve(s);
  }
  function resolve(s: any): any {
    if (s?.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()]);
    return s;
  }
  function wrongValue(prop: any): unknown {
    const s = resolve(prop) ?? {};
    switch (s.type) {
      case 'string':
        return 12345;
      case 'integer':
      case 'number':
        return 'not-a-number';
      case 'boolean':
        return 'yes';
      case 'array':
        return 'not-an-array';
      default:
        return 12345;
    }
  }

  it('rejects malformed bodies on every mutating route with a 4xx problem naming the field, never a 500', async () => {
    const failures: string[] = [];
    for (const r of routes.filter(isMutation)) {
      const url = concretePath(r.path);
      const token = tokens.super_admin;
      const check = async (what: string, opts: { body?: unknown; rawBody?: string; headers?: Record<string, string> }, field?: string) => {
        const res = await t.request(r.method, url, { token, ...opts });
        const label = `${r.method} ${r.path} ${what}`;
        if (res.status >= 500) failures.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (res.status < 400 || !isProblem(res)) failures.push(`${label}: expected a 4xx problem, got ${res.status}`);
        else if (field && !(res.body.errors ?? []).some((e: { field: string }) => e.field === field || e.field.startsWith(field + '.'))) {
          // a route whose target does not exist may answer 404 before reading the body only when it takes no body
          failures.push(`${label}: expected an error naming "${field}", got ${res.status} ${res.text.slice(0, 200)}`);
        }
      };
      await check('unreadable JSON', { rawBody: '{"a": ', headers: { 'content-type': 'application/json' } });
      const schema = bodySchema(r);
      if (!schema?.properties) continue;
      await check('unknown field', { body: { zzUnknownField: 1 } }, 'zzUnknownField');
      for (const [name, prop] of Object.entries<any>(schema.properties)) {
        await check(`wrong type for ${name}`, { body: { [name]: wrongValue(prop) } }, name);
        const s = resolve(prop);
        if (s?.type === 'string' && !s.enum && !s.format) await check(`oversize ${name}`, { body: { [name]: 'x'.repeat(20_000) } }, name);
        if (s?.type === 'string') await check(`NUL in ${name}`, { body: { [name]: 'a\u0000b' } }, name);
        if (!prop.nullable && !s?.nullable) await check(`null for ${name}`, { body: { [name]: null } }, name);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses a body nested 1,700 levels deep on every route that reads a body, signed in or not, with 400', async () => {
    const failures: string[] = [];
    const deep = '{"a":'.repeat(1_700) + '1' + '}'.repeat(1_700);
    for (const r of routes.filter(isMutation)) {
      for (const token of [undefined, tokens.super_admin]) {
        const res = await t.request(r.method, concretePath(r.path), { token, rawBody: deep, headers: { 'content-type': 'application/json' } });
        if (res.status !== 400 || !isProblem(res) || res.body.code !== 'INPUT_TOO_DEEP') {
          failures.push(`${r.method} ${r.path} ${token ? 'signed in' : 'anonymous'}: ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('refuses a NUL character in a query string or path with a 400 problem, never a 500', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const url = concretePath(r.path) + '?page=1%00';
      const res = await t.request(r.method, url, { token: tokens.super_admin, ...(isMutation(r) ? { body: {} } : {}) });
      if (res.status !== 400 || !isProblem(res)) failures.push(`${r.method} ${r.path}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
