/**
 * `npm start` builds the web application only when its sources changed since the last build
 * (scripts/build-web.js keeps a content hash beside the output), so a warm start stays fast; and
 * the build is split per portal with content-hashed file names (what the api marks immutable).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const build = (out: string) => execFileSync(process.execPath, [path.join(root, 'scripts', 'build-web.js'), '--out-dir', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

it('builds once, skips an unchanged second build, and splits the portals into hashed chunks', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'web-build-'));
  expect(build(out)).toMatch(/built the web app into/);
  const index = path.join(out, 'index.html');
  const before = statSync(index).mtimeMs;
  expect(build(out)).toMatch(/web app unchanged since the last build/);
  expect(statSync(index).mtimeMs).toBe(before);
  const assets = readdirSync(path.join(out, 'assets'));
  for (const portal of ['enterprise', 'provider', 'account']) expect(assets.some((f) => new RegExp(`^${portal}-[\\w-]{8,}\\.js$`).test(f))).toBe(true);
  // index.html references only hashed assets
  const html = readFileSync(index, 'utf8');
  for (const ref of html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)) expect(ref[1]).toMatch(/-[\w-]{8,}\.(js|css)$/);
}, 120_000);
