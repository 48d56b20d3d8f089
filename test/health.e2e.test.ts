import { startTestApp, type TestApp } from './support/app.js';

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
  });

  it('answers liveness', async () => {
    expect((await t.request('GET', '/health/live')).status).toBe(200);
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
