// Compiles apps/ and libs/ (TypeScript, ESM) into dist/ with swc, keeping the folder layout.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { root, swcOptions } from '../swc.config.js';

const skip = (f) => f.endsWith('.spec.ts') || f.endsWith('.test.ts') || f.endsWith('.d.ts');

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      // apps/web is the browser app (scripts/build-web.js); apps/api/src/web, the api's serving of it, is built here
      if (entry.name === 'node_modules' || p === path.join(root, 'apps', 'web')) continue;
      yield* walk(p);
    } else if (entry.name.endsWith('.ts') && !skip(entry.name)) yield p;
  }
}

const started = Date.now();
// `--out-dir DIR` builds elsewhere (a test that runs the build's processes must not share dist/ with another test)
const outFlag = process.argv.indexOf('--out-dir');
const outDir = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]) : path.join(root, 'dist');
// dist/web (the web app, scripts/build-web.js) is kept: it is rebuilt only when its sources change
for (const top of ['apps', 'libs']) await rm(path.join(outDir, top), { recursive: true, force: true });
const files = [];
for (const top of ['apps', 'libs']) for await (const f of walk(path.join(root, top))) files.push(f);
const opts = swcOptions();
await Promise.all(
  files.map(async (file) => {
    const { code } = await transformFile(file, { ...opts, filename: file, sourceMaps: true, sourceMaps: 'inline' });
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, code);
  }),
);
await writeFile(path.join(outDir, 'package.json'), '{"type":"module"}\n');
console.log(`built ${files.length} files into ${path.relative(root, outDir) || '.'}/ in ${Date.now() - started} ms`);
