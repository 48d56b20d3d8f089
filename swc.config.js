// One swc configuration for the build (scripts/build.js) and for Jest (@swc/jest).
// Path aliases @innoserve/<lib> are rewritten to relative ".js" imports at compile time,
// so the ESM output runs on plain Node without a loader.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

export function swcOptions() {
  return {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2023',
      baseUrl: root,
      paths: {
        '@innoserve/database/testing': ['libs/database/src/testing/index.ts'],
        '@innoserve/core/testing': ['libs/core/src/testing/index.ts'],
        '@innoserve/*': ['libs/*/src/index.ts'],
      },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'es6', resolveFully: true },
    sourceMaps: 'inline',
  };
}
export { root };
