// Builds the web application (apps/web, Vite) into dist/web when its sources changed since the last
// build: a SHA-256 over its sources, the shared files it imports, the lock file and the OpenAPI
// document is kept in dist/web/.source-hash, so a warm `npm start` skips the build.
// `--force` always builds.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'web');

async function* walk(dir) {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(p);
    else yield p;
  }
}

export async function webSourceHash() {
  const h = createHash('sha256');
  const files = [];
  for await (const f of walk(path.join(root, 'apps', 'web'))) files.push(f);
  files.push(
    path.join(root, 'libs', 'organizations', 'src', 'domain', 'uscc.ts'),
    path.join(root, 'package-lock.json'),
    path.join(root, 'scripts', 'build-web.js'),
  );
  for (const f of files) {
    h.update(path.relative(root, f));
    h.update('\0');
    h.update(await readFile(f));
    h.update('\0');
  }
  return h.digest('hex');
}

// `--out-dir DIR` builds elsewhere (a test run that must not share dist/web with another one)
const outFlag = process.argv.indexOf('--out-dir');
const out = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : outDir;
const force = process.argv.includes('--force');
const hash = await webSourceHash();
const previous = await readFile(path.join(out, '.source-hash'), 'utf8').catch(() => '');
if (!force && previous.trim() === hash) {
  console.log(`web app unchanged since the last build (${path.relative(root, out)})`);
} else {
  const started = Date.now();
  // a production bundle even when called from a test run (Jest sets NODE_ENV=test, and Vite keeps
  // an NODE_ENV it finds: React and antd would ship their development builds)
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'apps', 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: out, manifest: true } });
  // .vite/manifest.json (chunk → source modules) is for tools such as bench:web:console; the api serves only assets/ and index.html
  await writeFile(path.join(out, '.source-hash'), `${hash}\n`);
  console.log(`built the web app into ${path.relative(root, out)} in ${Date.now() - started} ms`);
}
