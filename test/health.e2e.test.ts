import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/app.js';
import { expectDocumentedAnswer } from './support/openapi.js';

describe('health and problem+json basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports ready when the database answers and migrations are applied', async () => {
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body.checks.database).toBe('up');
    expect(res.body.checks.migrations).toBe('applied');
    expect(res.body.checks.mail).toEqual({ transport: 'file' }); // no SMTP_URL: e-mail is written as .eml files
    expectDocumentedAnswer('get', '/health', res);
  });

  it('reports the outbox backlog per lane, the oldest unfinished message and the dead letters, warning on them without failing', async () => {
    const ds = t.app.get(DataSource);
    await ds.query(`DELETE FROM outbox_message`);
    await ds.query(
      `INSERT INTO outbox_message (topic, payload, lane, status, created_at) VALUES
         ('test.a', '{}', 'bulk', 'pending', now() - interval '2 minutes'), ('test.a', '{}', 'bulk', 'pending', now()),
         ('test.b', '{}', 'user', 'processing', now() - interval '2 minutes'), ('test.c', '{}', 'user', 'dead', now()), ('test.d', '{}', 'user', 'done', now())`,
    );
    await ds.query(
      `INSERT INTO outbox_message (topic, payload, lane, status, last_error) VALUES ('job:grant-lapse', '{}', 'jobs', 'dead', 'the sweep failed')`,
    );
    try {
      const res = await t.request('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.body.checks.outbox).toMatchObject({
        pending: 2,
        processing: 1,
        dead: 2,
        lanes: { bulk: { pending: 2, processing: 0 }, user: { pending: 0, processing: 1, dead: 1 }, jobs: { dead: 1 } },
      });
      expect(res.body.checks.outbox.oldestPendingSeconds).toBeGreaterThanOrEqual(119);
      expect(res.body.warnings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/2 outbox message\(s\) in the dead-letter state/),
          expect.stringMatching(/^worker lag: oldest pending outbox message is 1[12]\ds old/), // the user lane's, not the bulk lane's
          'scheduled job grant-lapse: 1 instance(s) dead after retries (last error: the sweep failed)',
        ]),
      );
      expect(res.body.warnings.some((w: string) => w.includes('bulk lane'))).toBe(false); // two minutes is no lag for fan-out
    } finally {
      await ds.query(`DELETE FROM outbox_message`);
    }
  });

  it('answers liveness', async () => {
    const res = await t.request('GET', '/health/live');
    expect(res.status).toBe(200);
    expectDocumentedAnswer('get', '/health/live', res);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('GET', '/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toContain('/health');
  });
});
