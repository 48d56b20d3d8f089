// The web application: React + Ant Design, built to static files that apps/api serves at `/`.
// `npm start` builds it when its sources change (scripts/build-web.js); `npm run web:dev` serves it
// with hot reload against an api on API_ORIGIN (default http://localhost:3000).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The home page's search starts before the first bundle has downloaded: a small inline script
 * (src/portals/public/search-prefetch.js) asks for the search the URL describes; HomePage.tsx takes
 * its answer (the CSP allows inline scripts).
 */
function searchPrefetch(): Plugin {
  return {
    name: 'innoserve-search-prefetch',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'script', children: readFileSync(here('./src/portals/public/search-prefetch.js'), 'utf8').replace(/^\/\/.*\n/gm, ''), injectTo: 'head-prepend' },
      ],
    },
  };
}

/**
 * Precompressed siblings of the hashed assets (x.js.br, x.js.gz), written once at build time, for a
 * server that sends them to clients that accept them (fastify-static's `preCompressed: true`): on a
 * slow link the first bundle is a third of its size (bench/web's what-if rows).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'innoserve-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    closeBundle() {
      const dir = path.join(outDir, 'assets');
      for (const f of readdirSync(dir)) {
        if (!/\.(js|css)$/.test(f)) continue;
        const buf = readFileSync(path.join(dir, f));
        if (buf.length < 1024) continue;
        writeFileSync(path.join(dir, `${f}.gz`), gzipSync(buf, { level: 9 }));
        writeFileSync(path.join(dir, `${f}.br`), brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
      }
    },
  };
}

export default defineConfig({
  plugins: [searchPrefetch(), precompress()],
  root: here('.'),
  base: '/',
  publicDir: false,
  resolve: { alias: { '@innoserve/core': here('./src/lib/core-types.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // @rc-component/* (antd's building blocks) declare no `sideEffects`, so a bundler must keep
      // every module a used one imports: rc-form's whole index (Field, List, useForm, the async
      // validator) came into the first bundle through antd's FormItemInputContext. They are plain
      // ES modules of components and helpers without import-time effects: let unused ones go.
      treeshake: {
        moduleSideEffects: (id: string) => (/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined),
      },
      // antd's "use client" directives mean nothing in a client-only bundle
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': process.env.API_ORIGIN ?? 'http://localhost:3000' },
  },
});
