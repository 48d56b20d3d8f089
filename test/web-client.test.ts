/**
 * The web app's typed API client is generated from the committed OpenAPI document: when
 * docs/openapi.json changes and `npm run web:client` was not run, this fails, so the UI and the
 * API cannot drift apart silently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

it('apps/web/src/api/schema.d.ts is generated from the committed docs/openapi.json', () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'web-client-')), 'schema.d.ts');
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), path.join(root, 'docs', 'openapi.json'), '-o', out], { stdio: 'pipe' });
  const committed = readFileSync(path.join(root, 'apps', 'web', 'src', 'api', 'schema.d.ts'), 'utf8');
  const fresh = readFileSync(out, 'utf8');
  if (committed !== fresh) throw new Error('apps/web/src/api/schema.d.ts is stale: run `npm run web:client` after changing the API (docs/openapi.json)');
  expect(committed).toContain('"/api/v1/orders/{id}/accept"');
});
