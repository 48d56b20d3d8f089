/**
 * Bad input that once crashed the API (an OpenAPI fuzzer's findings), one block per cause:
 *  - null where a field is not nullable, on every DTO (PartialType and @IsOptional let it through);
 *  - a PostgreSQL constraint or data refusal is a 4xx, not a 500;
 *  - no recursion depends on how deeply the input nests;
 *  - framework-level answers (414, 431, a bare OPTIONS, 415) are problem+json with a code;
 *  - an access token without `exp`, `iat` or `sub` is refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AcceptsMediaTypes } from '@innoserve/core';
import { JWT_AUDIENCE, JWT_ISSUER } from '../libs/identity/src/services/access-token.service.js';
import { ProblemFilter, toProblem } from '../apps/api/src/http/problem.filter.js';
import { installRequestGuards } from '../apps/api/src/http/request-guards.js';
import { programBody } from '../libs/vouchers/test/program-support.js';
import { startTestApp, type TestApp, type TestResponse } from './support/app.js';
import { createStaffAndLogin, registerAndLogin, type AuthSession } from './support/auth.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function expectProblem(res: TestResponse, status: number, code?: string): void {
  expect({ status: res.status, type: String(res.headers['content-type']).split(';')[0] }).toEqual({ status, type: 'application/problem+json' });
  expect(typeof res.body?.code).toBe('string');
  if (code) expect(res.body.code).toBe(code);
}

/** `{"a":{"a":…}}` nested `depth` levels deep, as text (JSON.stringify would recurse as deeply). */
const nested = (depth: number, leaf = '1') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);

describe('bad input', () => {
  let t: TestApp;
  let officer: AuthSession;
  let user: AuthSession;
  beforeAll(async () => {
    t = await startTestApp();
    officer = await createStaffAndLogin(t, [{ role: 'program_officer', regionCodes: ['350500'] }]);
    user = await registerAndLogin(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  describe('null where a field is not nullable', () => {
    it('refuses a sign-out with a null refresh token', async () => {
      const res = await t.request('POST', '/api/v1/auth/logout', { token: user.token, body: { refreshToken: null } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ field: 'refreshToken', message: 'refreshToken must not be null' }]);
    });

    it('refuses an application decision with a null amount, before looking the application up', async () => {
      const res = await t.request('POST', `/api/v1/admin/applications/${UNKNOWN_ID}/decision`, {
        token: officer.token,
        body: { decision: 'approve', amountFen: null },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['amountFen']);
    });

    it('refuses null in every non-nullable field of a program patch (a PartialType), and changes nothing', async () => {
      const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody() });
      expect(created.status).toBe(201);
      const url = `/api/v1/admin/programs/${created.body.id}`;
      const fields = [
        'name',
        'fiscalYear',
        'issuingRegionCode',
        'applicationOpensOn',
        'applicationClosesOn',
        'grantExpiresOn',
        'allocationMode',
        'settlementMode',
        'fundingSources',
        'eligibility',
        'subsidyRules',
        'enterpriseAnnualCapFen',
        'maxGrantFen',
        'claimDeadlineDays',
        'reviewLevels',
      ];
      for (const field of fields) {
        const res = await t.request('PATCH', url, { token: officer.token, body: { [field]: null } });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect({ field, named: res.body.errors.some((e: { field: string }) => e.field === field) }).toEqual({ field, named: true });
      }
      const [stored] = await t.app.get(DataSource).query<{ review_levels: string[] }[]>(`SELECT review_levels FROM voucher_program WHERE id = $1`, [created.body.id]);
      expect(stored.review_levels).toEqual(created.body.reviewLevels);
      expect(created.body.reviewLevels).toEqual(['county', 'city']);
    });

    it('refuses null inside nested DTOs and arrays', async () => {
      const bad = [
        { eligibility: { sizeClasses: null, regionCodes: [] } },
        { fundingSources: [{ key: 'city', name: null, shareBp: 10_000 }] },
        { fundingSources: [null] },
        { reviewLevels: [null] },
      ];
      for (const body of bad) {
        const res = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody(body) });
        expect({ body, status: res.status }).toEqual({ body, status: 400 });
      }
    });

    it('still takes null where the document says nullable (it clears the value)', async () => {
      const created = await t.request('POST', '/api/v1/admin/programs', { token: officer.token, body: programBody({ highTechAnnualCapFen: 30_000_000 }) });
      expect(created.status).toBe(201);
      const res = await t.request('PATCH', `/api/v1/admin/programs/${created.body.id}`, {
        token: officer.token,
        body: { highTechAnnualCapFen: null, fundingSources: [{ key: 'city', name: '泉州市科技局', regionCode: null, shareBp: 10_000 }] },
      });
      expect(res.status).toBe(200);
      expect(res.body.highTechAnnualCapFen).toBeNull();
    });
  });

  describe('a PostgreSQL refusal', () => {
    /** The error PostgreSQL really gives for `sql`, run in a rolled-back transaction. */
    async function pgErrorOf(sql: string): Promise<unknown> {
      const runner = t.app.get(DataSource).createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`CREATE TEMP TABLE refusal_probe (id int PRIMARY KEY, name varchar(3) NOT NULL, n int CHECK (n >= 0), parent int REFERENCES refusal_probe (id))`);
        await runner.query(`INSERT INTO refusal_probe VALUES (1, 'a', 1, NULL)`);
        await runner.query(sql);
      } catch (e) {
        return e;
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      throw new Error(`expected ${sql} to fail`);
    }

    it.each([
      ['a NOT NULL violation', `INSERT INTO refusal_probe VALUES (2, NULL, 1, NULL)`, 400, 'REQUIRED_VALUE_MISSING'],
      ['a check violation', `INSERT INTO refusal_probe VALUES (2, 'b', -1, NULL)`, 422, 'CONSTRAINT_VIOLATED'],
      ['a unique violation', `INSERT INTO refusal_probe VALUES (1, 'b', 1, NULL)`, 409, 'ALREADY_EXISTS'],
      ['a foreign key violation', `INSERT INTO refusal_probe VALUES (2, 'b', 1, 99)`, 422, 'INVALID_REFERENCE'],
      ['an invalid text representation', `SELECT 'x'::uuid`, 400, 'INVALID_INPUT'],
      ['a number out of range', `SELECT 9007199254740991::int`, 400, 'INVALID_INPUT'],
      ['a string too long', `INSERT INTO refusal_probe VALUES (2, 'abcd', 1, NULL)`, 400, 'INVALID_INPUT'],
    ])('maps %s to a logged 4xx problem with a stable code', async (_what, sql, status, code) => {
      const error = await pgErrorOf(sql);
      const logged: string[] = [];
      const zh = toProblem(error, 'zh', (id, _e, kind) => logged.push(`${kind} ${id}`)).problem;
      expect({ status: zh.status, code: zh.code }).toEqual({ status, code });
      expect(logged).toEqual([`refused ${zh.errorId}`]);
      const en = toProblem(error, 'en', () => undefined).problem;
      expect(en.detail).toMatch(/^[A-Z][ -~]+$/);
      expect(zh.detail).not.toEqual(en.detail);
    });

    it('still answers 500 to an error that is not the input’s fault', async () => {
      const error = await pgErrorOf(`SELECT * FROM no_such_table`);
      expect(toProblem(error, 'en', () => undefined).problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    });
  });

  describe('deeply nested input', () => {
    it.each([
      ['an anonymous route', 'POST', '/api/v1/auth/login', undefined],
      ['a signed-in route', 'PATCH', `/api/v1/admin/programs/${UNKNOWN_ID}`, 'officer'],
    ])('refuses a body nested 1,700 levels deep on %s with 400 INPUT_TOO_DEEP', async (_what, method, url, who) => {
      const res = await t.request(method, url, {
        token: who ? officer.token : undefined,
        rawBody: nested(1_700),
        headers: { 'content-type': 'application/json' },
      });
      expectProblem(res, 400, 'INPUT_TOO_DEEP');
    });

    it('refuses an array nested 100,000 levels deep without recursing', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { rawBody: '['.repeat(100_000) + ']'.repeat(100_000), headers: { 'content-type': 'application/json' } });
      expectProblem(res, 400, 'INPUT_TOO_DEEP');
    });

    it('lets 64 levels through to validation, and refuses 65', async () => {
      const ok = await t.request('POST', '/api/v1/auth/login', { rawBody: nested(64), headers: { 'content-type': 'application/json' } });
      expectProblem(ok, 400, 'VALIDATION_FAILED');
      const deep = await t.request('POST', '/api/v1/auth/login', { rawBody: nested(65), headers: { 'content-type': 'application/json' } });
      expectProblem(deep, 400, 'INPUT_TOO_DEEP');
    });

    it('still finds a NUL deep inside the body', async () => {
      const res = await t.request('POST', '/api/v1/auth/login', { rawBody: nested(40, '"a\\u0000b"'), headers: { 'content-type': 'application/json' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].field).toBe(Array(40).fill('a').join('.'));
    });
  });

  describe('framework-level answers', () => {
    it('answers a path parameter over 100 characters with a 414 problem that does not echo the URL', async () => {
      const long = 'z'.repeat(150);
      const res = await t.request('GET', `/api/v1/programs/${long}`, { token: user.token });
      expectProblem(res, 414, 'PATH_PARAMETER_TOO_LONG');
      expect(res.text).not.toContain(long);
    });

    it('answers a bare OPTIONS with a problem', async () => {
      const res = await t.request('OPTIONS', '/api/v1/auth/login');
      expectProblem(res, 400);
    });

    it('answers an unknown route with a 404 problem', async () => {
      expectProblem(await t.request('GET', '/api/v1/no-such-route'), 404, 'NOT_FOUND');
    });

    it('answers oversize headers with a 431 problem (over a real socket)', async () => {
      await t.app.listen(0, '127.0.0.1');
      try {
        const { port } = t.app.getHttpServer().address() as AddressInfo;
        const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port, path: '/health/live', headers: { 'x-big': 'b'.repeat(20_000) } }, (r) => {
            let body = '';
            r.on('data', (c: Buffer) => (body += c.toString()));
            r.on('end', () => resolve({ status: r.statusCode!, type: String(r.headers['content-type']), body }));
          });
          req.on('error', reject);
          req.end();
        });
        expect(res.status).toBe(431);
        expect(res.type).toContain('application/problem+json');
        expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE' });
      } finally {
        await new Promise((resolve) => t.app.getHttpServer().close(resolve));
      }
    });

    it.each([
      ['a form', 'application/x-www-form-urlencoded', 'email=a%40example.com&password=x'],
      ['plain text', 'text/plain', '{"email":"a@example.com","password":"x"}'],
      ['an unknown type', 'application/xml', '<login/>'],
    ])('answers %s on a JSON route with 415', async (_what, type, rawBody) => {
      const res = await t.request('POST', '/api/v1/auth/login', { rawBody, headers: { 'content-type': type } });
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('access tokens', () => {
    const sign = (claims: Record<string, unknown>, opts: { exp?: boolean; iat?: boolean } = {}) =>
      new JwtService({ secret: t.config.JWT_SECRET }).sign(claims, {
        algorithm: 'HS256',
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        ...(opts.exp === false ? {} : { expiresIn: 900 }),
        ...(opts.iat === false ? { noTimestamp: true } : {}),
      });

    it('accepts a well-formed token (the control)', async () => {
      expect((await t.request('GET', '/api/v1/me', { token: sign({ sub: user.userId, typ: 'access' }) })).status).toBe(200);
    });

    it.each([
      ['without exp', { exp: false }, true],
      ['without iat', { iat: false }, true],
      ['without sub', {}, false],
    ])('refuses a token %s with 401', async (_what, opts, withSub) => {
      const token = sign(withSub ? { sub: user.userId, typ: 'access' } : { typ: 'access' }, opts);
      expectProblem(await t.request('GET', '/api/v1/me', { token }), 401, 'UNAUTHENTICATED');
    });
  });
});

@Controller('forms')
class FormTestController {
  @Post('unsubscribe')
  @AcceptsMediaTypes('application/x-www-form-urlencoded')
  unsubscribe(@Body() body: Record<string, string>): Record<string, string> {
    return body;
  }

  @Post('json')
  json(@Body() body: Record<string, string>): Record<string, string> {
    return body;
  }
}

@Module({ controllers: [FormTestController] })
class FormTestModule {}

describe('@AcceptsMediaTypes', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(FormTestModule, new FastifyAdapter(), { logger: false });
    installRequestGuards(app.getHttpAdapter().getInstance());
    app.useGlobalFilters(new ProblemFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, type: string, payload: string) => app.getHttpAdapter().getInstance().inject({ method: 'POST', url, headers: { 'content-type': type }, payload });

  it('lets a route made for forms take a form', async () => {
    const res = await post('/forms/unsubscribe', 'application/x-www-form-urlencoded', 'List-Unsubscribe=One-Click');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ 'List-Unsubscribe': 'One-Click' });
  });

  it('refuses a form on a route that did not opt in, and still takes JSON there', async () => {
    const form = await post('/forms/json', 'application/x-www-form-urlencoded', 'a=1');
    expect(form.statusCode).toBe(415);
    expect(form.headers['content-type']).toContain('application/problem+json');
    expect((await post('/forms/json', 'application/json', '{"a":"1"}')).statusCode).toBe(201);
  });
});
