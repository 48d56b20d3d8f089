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

  /** Every schema in the document with where it sits: component schemas, parameters, bodies, answers. */
  function schemasOf(root: unknown): { where: string; name: string; schema: any }[] {
    const out: { where: string; name: string; schema: any }[] = [];
    const walk = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, any>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [name, schema] of Object.entries<any>(n.properties)) out.push({ where: `${where}.${name}`, name, schema });
      }
      if (typeof n.name === 'string' && n.schema) out.push({ where: `${where}(${n.name})`, name: n.name, schema: n.schema });
      for (const [k, v] of Object.entries(n)) walk(v, `${where}/${k}`);
    };
    walk(root, '#');
    return out;
  }

  it('types every amount in fen as an integer', () => {
    const fen = schemasOf(doc).filter((s) => /Fen$/.test(s.name));
    expect(fen.length).toBeGreaterThan(10);
    const notInteger = fen.filter((s) => s.schema.type !== 'integer' && !s.schema.$ref).map((s) => `${s.where}: ${JSON.stringify(s.schema)}`);
    expect(notInteger).toEqual([]);
  });

  it('gives no property a format that its type cannot have (an object with format uuid)', () => {
    const slips = schemasOf(doc)
      .filter((s) => s.schema.format && s.schema.type !== 'string' && !(s.schema.type === 'array' && s.schema.items?.type === 'string'))
      .map((s) => `${s.where}: ${JSON.stringify(s.schema)}`);
    expect(slips).toEqual([]);
    const objects = schemasOf(doc)
      .filter((s) => s.schema.type === 'object' && !s.schema.allOf && !s.schema.properties && /(Id|reason|Giant)$/.test(s.name))
      .map((s) => s.where);
    expect(objects).toEqual([]);
  });

  it('documents the 4xx problem answers of every operation', () => {
    const missing: string[] = [];
    for (const [p, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(ops)) {
        const statuses = Object.keys(op.responses);
        const expected = ['400', '429'];
        if (op.security?.length) expected.push('401', '403');
        if ((op.parameters ?? []).some((x: { in: string }) => x.in === 'path')) expected.push('404', '414');
        if (m !== 'get') expected.push('404', '409', '415', '422');
        for (const status of expected) if (!statuses.includes(status)) missing.push(`${m.toUpperCase()} ${p} ${status}`);
        for (const status of statuses.filter((s) => s.startsWith('4'))) {
          const ref = op.responses[status].$ref?.split('/').pop();
          const content = (ref ? doc.components.responses[ref] : op.responses[status]).content;
          if (!content?.['application/problem+json']) missing.push(`${m.toUpperCase()} ${p} ${status} is not problem+json`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
  });
  it('types the answers of the console routes the web client reads', () => {
    const typed = (method: string, route: string, status: string) => doc.paths[route]?.[method]?.responses?.[status]?.content?.['application/json']?.schema !== undefined;
    const routes: [string, string, string][] = [
      ['get', '/api/v1/admin/queues', '200'],
      ['get', '/api/v1/admin/audit/verification', '200'],
      ['get', '/api/v1/admin/applications', '200'],
      ['get', '/api/v1/admin/applications/{id}', '200'],
      ['post', '/api/v1/admin/applications/{id}/decision', '200'],
      ['post', '/api/v1/programs/{id}/applications', '201'],
      ['get', '/api/v1/enterprises/{id}/grants', '200'],
    ];
    expect(routes.filter(([m, r, s]) => !typed(m, r, s))).toEqual([]);
  });

  /** The JSON schema of an operation's answer with this status, or undefined (no content, or `{}`). */
  const answerSchema = (method: string, route: string, status: string): unknown => {
    const schema = doc.paths[route]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
    return schema && Object.keys(schema).length > 0 ? schema : undefined;
  };

  it('types the answers of the programs, ledger, reports and statistics routes', () => {
    const routes: [string, string, string][] = [
      ['get', '/api/v1/admin/programs', '200'],
      ['post', '/api/v1/admin/programs', '201'],
      ['patch', '/api/v1/admin/programs/{id}', '200'],
      ['post', '/api/v1/admin/programs/{id}/open', '200'],
      ['post', '/api/v1/admin/programs/{id}/close', '200'],
      ['post', '/api/v1/admin/programs/{id}/archive', '200'],
      ['post', '/api/v1/admin/programs/{id}/draw', '200'],
      ['post', '/api/v1/admin/programs/{id}/funding', '200'],
      ['post', '/api/v1/admin/programs/{id}/return-unspent', '200'],
      ['get', '/api/v1/admin/programs/{id}/balances', '200'],
      ['get', '/api/v1/admin/programs/{id}/ledger', '200'],
      ['get', '/api/v1/programs', '200'],
      ['get', '/api/v1/programs/{id}', '200'],
      ['get', '/api/v1/admin/reports/programs/{id}', '200'],
      ['get', '/api/v1/public/statistics', '200'],
      ['get', '/health', '200'],
      ['get', '/health/live', '200'],
    ];
    expect(routes.filter(([m, r, s]) => answerSchema(m, r, s) === undefined).map((x) => x.join(' '))).toEqual([]);
    expect(doc.components.schemas.ProgramViewDto.required).toEqual(expect.arrayContaining(['id', 'status', 'fundingSources', 'eligibility', 'riskThresholds', 'drawnAt']));
    expect(doc.components.schemas.SourceBalanceDto.properties.regionCode).toMatchObject({ type: 'string', nullable: true });
  });

  it('describes the body of every 2xx answer but the file downloads and the empty ones', () => {
    // binary downloads (a file, a contract PDF, XLSX exports) and 204s carry no JSON body
    const bodiless = new Set([
      'get /api/v1/files/{id} 200',
      'get /api/v1/orders/{id}/contract 200',
      'get /api/v1/admin/disbursements/{id}/export 200',
      'get /api/v1/admin/reports/programs/{id}/export 200',
    ]);
    const untyped: string[] = [];
    for (const [p, ops] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [m, op] of Object.entries<any>(ops)) {
        for (const status of Object.keys(op.responses).filter((s) => s.startsWith('2') && s !== '204')) {
          if (!bodiless.has(`${m} ${p} ${status}`) && answerSchema(m, p, status) === undefined) untyped.push(`${m.toUpperCase()} ${p} ${status}`);
        }
      }
    }
    expect(untyped).toEqual([]);
  });
});
