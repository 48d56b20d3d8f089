import { randomUUID } from 'node:crypto';
import { Controller, HttpException, Post, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defer, lastValueFrom, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { BusinessRuleError, ManualClock, TooManyRequestsError, msg } from '@innoserve/core';
import { IdempotencyKeyInProgressError, SkipIdempotency, TransactionRunner } from '@innoserve/database';
import { IdempotencyInterceptor } from '../apps/api/src/http/idempotency.interceptor.js';
import { startTestApp, type TestApp } from './support/app.js';
import { DEFAULT_TEST_PASSWORD, registerAndLogin, uniqueEmail } from './support/auth.js';
import { crashAfterCommit } from './support/crash.js';

const REGISTER = '/api/v1/auth/register';

describe('Idempotency-Key over HTTP', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: "true" } }); // the tests vary the client address with X-Forwarded-For
    db = t.app.get(DataSource);
  });
  afterAll(async () => t.close());

  const users = async (email: string): Promise<number> =>
    Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM app_user WHERE email = $1', [email]))[0].n);
  const register = (body: Record<string, unknown>, key?: string, headers: Record<string, string> = {}) =>
    t.request('POST', REGISTER, { body, headers: { ...headers, ...(key === undefined ? {} : { 'idempotency-key': key }) } });
  const newUser = () => ({ email: uniqueEmail('idem'), password: DEFAULT_TEST_PASSWORD, displayName: 'Idempotent' });

  it('replays the first answer to a repeat with the same key and body, and creates one user', async () => {
    const body = newUser();
    const key = randomUUID();
    const first = await register(body, key);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await register({ displayName: body.displayName, password: body.password, email: body.email }, key);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/json');
    expect(await users(body.email)).toBe(1);

    // without the key the handler runs again and refuses: the replay above did not run it
    const plain = await register(body);
    expect(plain.status).toBe(409);
    expect(plain.body.code).toBe('EMAIL_TAKEN');
  });

  it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, and changes nothing', async () => {
    const key = randomUUID();
    const first = newUser();
    const other = newUser();
    expect((await register(first, key)).status).toBe(201);
    const res = await register(other, key, { 'accept-language': 'en' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED', detail: expect.stringContaining('different request') });
    expect(await users(other.email)).toBe(0);
  });

  it('runs exactly one of five concurrent identical requests; the others get 409 or the replay', async () => {
    const body = newUser();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => register(body, key)));
    const executed = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
    expect(executed).toHaveLength(1);
    for (const a of answers) {
      if (a === executed[0]) continue;
      if (a.status === 409) expect(a.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      else {
        expect(a.status).toBe(201);
        expect(a.headers['idempotent-replayed']).toBe('true');
        expect(a.body).toEqual(executed[0].body);
      }
    }
    expect(await users(body.email)).toBe(1);
    // once the first has finished, a repeat is a replay
    const later = await register(body, key);
    expect(later.status).toBe(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
  });

  it('writes the answer in the handler\'s transaction: after a crash between its commit and the answer, the repeat replays it', async () => {
    const body = newUser();
    const key = randomUUID();
    const remove = crashAfterCommit(db, async () => (await users(body.email)) > 0);
    try {
      const crashed = await register(body, key);
      expect(crashed.status).toBe(500); // the client never got the answer
    } finally {
      remove();
    }
    expect(await users(body.email)).toBe(1);
    const again = await register(body, key);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ email: body.email, displayName: body.displayName });
    expect(await users(body.email)).toBe(1);
  });

  it.each([
    ['empty', ''],
    ['with a space', 'two words'],
    ['longer than 200 characters', 'k'.repeat(201)],
    ['not ASCII', 'clé-1'],
  ])('refuses a key that is %s with 400 and runs nothing', async (_, key) => {
    const body = newUser();
    const res = await register(body, key);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await users(body.email)).toBe(0);
  });

  it('keeps a definite refusal (4xx) and replays it', async () => {
    const taken = newUser();
    expect((await register(taken)).status).toBe(201);
    const key = randomUUID();
    const first = await register(taken, key);
    expect(first.status).toBe(409);
    expect(first.body.code).toBe('EMAIL_TAKEN');
    const again = await register(taken, key);
    expect(again.status).toBe(409);
    expect(again.body).toEqual(first.body);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.headers['idempotent-replayed']).toBe('true');

    // an invalid body is a definite answer too
    const badKey = randomUUID();
    const bad = await register({ email: 'not-an-address', password: 'x', displayName: 'Bad' }, badKey);
    expect(bad.status).toBe(400);
    const badAgain = await register({ email: 'not-an-address', password: 'x', displayName: 'Bad' }, badKey);
    expect(badAgain.status).toBe(400);
    expect(badAgain.headers['idempotent-replayed']).toBe('true');
    expect(badAgain.body).toEqual(bad.body);
  });

  it('scopes keys to the signed-in user, and anonymous callers to their address', async () => {
    const a = await registerAndLogin(t);
    const b = await registerAndLogin(t);
    const key = randomUUID();
    const logout = (token: string) => t.request('POST', '/api/v1/auth/logout', { token, body: {}, headers: { 'idempotency-key': key } });
    const la = await logout(a.token);
    const lb = await logout(b.token);
    expect([la.status, lb.status]).toEqual([204, 204]);
    expect(lb.headers['idempotent-replayed']).toBeUndefined();
    const la2 = await logout(a.token);
    expect(la2.status).toBe(204);
    expect(la2.text).toBe('');
    expect(la2.headers['idempotent-replayed']).toBe('true');

    // the same key and body from another client address is another request: it runs (and is refused)
    const body = newUser();
    const regKey = randomUUID();
    expect((await register(body, regKey, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
    const elsewhere = await register(body, regKey, { 'x-forwarded-for': '198.51.100.9' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('EMAIL_TAKEN');
    expect(elsewhere.headers['idempotent-replayed']).toBeUndefined();
  });

  it('ignores the header on reads', async () => {
    const res = await t.request('GET', '/health/live', { headers: { 'idempotency-key': 'not a valid key' } });
    expect(res.status).toBe(200);
  });
});

@Controller('fake')
class FakeController {
  @Post('skipped')
  @SkipIdempotency()
  skipped(): void {}

  @Post('plain')
  plain(): void {}
}

describe(IdempotencyInterceptor.name, () => {
  let t: TestApp;
  let interceptor: IdempotencyInterceptor;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = t.app.get(DataSource);
    interceptor = new IdempotencyInterceptor(db, t.config, new ManualClock(new Date('2026-03-01T00:00:00Z')), new Reflector());
  });
  afterAll(async () => t.close());

  const context = (key: string, handler: keyof FakeController = 'plain', contentType = 'application/json'): ExecutionContext => {
    const req = {
      method: 'POST',
      url: `/api/v1/fake/${handler}`,
      routeOptions: { url: `/api/v1/fake/${handler}` },
      headers: { 'idempotency-key': key, 'content-type': contentType },
      ip: '192.0.2.1',
      query: {},
      body: { n: 1 },
    };
    const reply = { statusCode: 201, sent: false, getHeader: () => undefined, status: () => reply, headers: () => reply };
    return {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }),
      getHandler: () => FakeController.prototype[handler],
      getClass: () => FakeController,
    } as unknown as ExecutionContext;
  };
  const run = async (ctx: ExecutionContext, handle: CallHandler['handle']) => lastValueFrom(await interceptor.intercept(ctx, { handle }));
  const records = async (key: string) =>
    (await db.query<{ status: string; response_status: number | null }[]>('SELECT status, response_status FROM idempotency_record WHERE "key" = $1', [key]));

  it('gives the key back after an unexpected error, so a retry runs the handler again', async () => {
    const key = randomUUID();
    await expect(run(context(key), () => throwError(() => new Error('boom')))).rejects.toThrow('boom');
    expect(await records(key)).toEqual([]);
    let calls = 0;
    await run(context(key), () => {
      calls++;
      return of({ ok: true });
    });
    expect(calls).toBe(1);
    expect(await records(key)).toEqual([{ status: 'completed', response_status: 201 }]);
  });

  it('gives the key back after a 429 or a 5xx HttpException, and keeps a 422', async () => {
    const k429 = randomUUID();
    const k503 = randomUUID();
    const k422 = randomUUID();
    await expect(run(context(k429), () => throwError(() => new TooManyRequestsError(5)))).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(run(context(k503), () => throwError(() => new HttpException('down', 503)))).rejects.toBeInstanceOf(HttpException);
    await expect(run(context(k422), () => throwError(() => new BusinessRuleError('RULE', msg('No.', '不行。'))))).rejects.toBeInstanceOf(BusinessRuleError);
    expect(await records(k429)).toEqual([]);
    expect(await records(k503)).toEqual([]);
    expect(await records(k422)).toEqual([{ status: 'completed', response_status: 422 }]);
  });

  it('leaves routes marked @SkipIdempotency alone', async () => {
    const key = randomUUID();
    let calls = 0;
    const handle = () => {
      calls++;
      return of(undefined);
    };
    await run(context(key, 'skipped'), handle);
    await run(context(key, 'skipped'), handle);
    expect(calls).toBe(2);
    expect(await records(key)).toEqual([]);
  });

  it('leaves multipart uploads alone, as their body cannot be fingerprinted', async () => {
    const key = randomUUID();
    let calls = 0;
    const handle = () => {
      calls++;
      return of({ id: calls });
    };
    await run(context(key, 'plain', 'multipart/form-data; boundary=x'), handle);
    await run(context(key, 'plain', 'multipart/form-data; boundary=y'), handle);
    expect(calls).toBe(2);
    expect(await records(key)).toEqual([]);
  });

  it('replays through the interceptor without calling the handler again', async () => {
    const key = randomUUID();
    let calls = 0;
    const handle = () => {
      calls++;
      return of({ id: 'first' });
    };
    expect(await run(context(key), handle)).toEqual({ id: 'first' });
    expect(await run(context(key), handle)).toEqual({ id: 'first' });
    expect(calls).toBe(1);
  });

  describe('the unit of work', () => {
    const tx = () => new TransactionRunner(db);
    beforeAll(async () => {
      await db.query('CREATE TABLE IF NOT EXISTS idempotency_probe (key text NOT NULL)');
    });
    const probes = async (key: string): Promise<number> =>
      Number((await db.query<{ n: string }[]>('SELECT count(*) AS n FROM idempotency_probe WHERE key = $1', [key]))[0].n);
    /** A handler writing one probe row in a transaction of its own (a service's TransactionRunner.run). */
    const writer = (key: string, calls: { n: number }) => () =>
      defer(() => {
        calls.n++;
        return tx().run(async (m) => {
          await m.query('INSERT INTO idempotency_probe (key) VALUES ($1)', [key]);
          return { written: key };
        });
      });

    it('commits the handler\'s writes and the answer together: a crash after the commit replays it, and the handler ran once', async () => {
      const key = randomUUID();
      const calls = { n: 0 };
      const remove = crashAfterCommit(db, async () => (await probes(key)) > 0);
      try {
        await expect(run(context(key), writer(key, calls))).rejects.toThrow('crashed after the commit');
      } finally {
        remove();
      }
      // the record committed with the write: completed, not released by the failure that followed
      expect(await records(key)).toEqual([{ status: 'completed', response_status: 201 }]);
      expect(await run(context(key), writer(key, calls))).toEqual({ written: key });
      expect(calls.n).toBe(1);
      expect(await probes(key)).toBe(1);
    });

    it('rolls back every write of a handler refused with a 4xx, and replays the refusal', async () => {
      const key = randomUUID();
      const calls = { n: 0 };
      const refused = () =>
        defer(async () => {
          calls.n++;
          await tx().run((m) => m.query('INSERT INTO idempotency_probe (key) VALUES ($1)', [key]));
          return tx().run(() => Promise.reject(new BusinessRuleError('RULE', msg('No.', '不行。'))));
        });
      await expect(run(context(key), refused)).rejects.toBeInstanceOf(BusinessRuleError);
      expect(await probes(key)).toBe(0);
      expect(await records(key)).toEqual([{ status: 'completed', response_status: 422 }]);
      expect(await run(context(key), refused)).toMatchObject({ status: 422, code: 'RULE' });
      expect(calls.n).toBe(1);
      expect(await probes(key)).toBe(0);
    });

    it('runs the whole handler again after a deadlock, keeping only the last attempt\'s writes', async () => {
      const key = randomUUID();
      const calls = { n: 0 };
      const deadlockOnce = () =>
        defer(async () => {
          calls.n++;
          await tx().run((m) => m.query('INSERT INTO idempotency_probe (key) VALUES ($1)', [key]));
          if (calls.n === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
          return { attempt: calls.n };
        });
      expect(await run(context(key), deadlockOnce)).toEqual({ attempt: 2 });
      expect(await probes(key)).toBe(1);
      expect(await records(key)).toEqual([{ status: 'completed', response_status: 201 }]);
    });

    it('rolls back a run whose claim was taken over after its lease: only one run\'s writes commit', async () => {
      const clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
      const own = new IdempotencyInterceptor(db, t.config, clock, new Reflector());
      const key = randomUUID();
      let finish: () => void = () => undefined;
      const gate = new Promise<void>((r) => (finish = r));
      const calls = { n: 0 };
      const handler = (wait: boolean) => () =>
        defer(async () => {
          calls.n++;
          await tx().run((m) => m.query('INSERT INTO idempotency_probe (key) VALUES ($1)', [key]));
          if (wait) await gate;
          return { run: calls.n };
        });
      const stale = lastValueFrom(await own.intercept(context(key), { handle: handler(true) }));
      while (calls.n === 0) await new Promise((r) => setTimeout(r, 10));
      clock.set(new Date('2026-03-01T00:06:00Z')); // past the 5-minute lease: the first claimant looks dead
      expect(await lastValueFrom(await own.intercept(context(key), { handle: handler(false) }))).toEqual({ run: 2 });
      finish();
      await expect(stale).rejects.toBeInstanceOf(IdempotencyKeyInProgressError);
      expect(await probes(key)).toBe(1);
      expect(await lastValueFrom(await own.intercept(context(key), { handle: handler(false) }))).toEqual({ run: 2 });
      expect(calls.n).toBe(2);
    });

    it('answers 409 IDEMPOTENCY_KEY_IN_PROGRESS to a repeat while the handler runs, then replays its answer', async () => {
      const key = randomUUID();
      const calls = { n: 0 };
      let finish: () => void = () => undefined;
      const gate = new Promise<void>((r) => (finish = r));
      const slow = () =>
        defer(async () => {
          calls.n++;
          await tx().run((m) => m.query('INSERT INTO idempotency_probe (key) VALUES ($1)', [key]));
          await gate;
          return { done: true };
        });
      const first = run(context(key), slow);
      while (calls.n === 0) await new Promise((r) => setTimeout(r, 10));
      await expect(run(context(key), slow)).rejects.toBeInstanceOf(IdempotencyKeyInProgressError);
      // uncommitted: nobody sees the write before the answer is stored with it
      expect(await probes(key)).toBe(0);
      finish();
      expect(await first).toEqual({ done: true });
      expect(await run(context(key), slow)).toEqual({ done: true });
      expect(calls.n).toBe(1);
      expect(await probes(key)).toBe(1);
    });
  });
});
