/**
 * The OpenAPI document is generated from the code and committed (docs/openapi.json), so an API
 * change shows in review. `npm run openapi:write` regenerates it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listRoutes } from '../apps/api/src/bootstrap.js';
import { startTestApp, type TestApp } from './support/app.js';

const FILE = path.resolve('docs/openapi.json');

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: any;
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.request('GET', '/docs-json')).body;
  });
  afterAll(async () => {
    await t.close();
  });

  it('matches the committed docs/openapi.json', () => {
    const generated = JSON.stringify(doc, null, 2) + '\n';
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(FILE, generated);
    expect(existsSync(FILE)).toBe(true);
    if (readFileSync(FILE, 'utf8') !== generated) {
      throw new Error('docs/openapi.json is out of date: run `npm run openapi:write` and commit the result');
    }
  });

  it('documents every route the application serves', () => {
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const m of Object.keys(ops)) documented.add(`${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, ':p')}`);
    }
    const served = listRoutes(t.app).filter(
      (r) => (r.url.startsWith('/api/v1') || r.url.startsWith('/health')) && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(served.length).toBeGreaterThan(1);
    for (const r of served) expect(documented).toContain(`${r.method} ${r.url.replace(/:[A-Za-z]+/g, ':p')}`);
  });
});
