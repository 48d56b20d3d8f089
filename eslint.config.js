// Type-aware lint, zero warnings. The import-direction rules keep the layering of
// docs/architecture.md ("Which way imports point"): a lib is entered only through its index, and
// lower libs never import higher ones.
import tseslint from 'typescript-eslint';

const LIB_ORDER = {
  core: [],
  database: ['core'],
  reference: ['core', 'database'],
  identity: ['core', 'database', 'audit'],
  audit: ['core', 'database'],
  organizations: ['core', 'database', 'reference', 'identity', 'audit', 'files'],
  vouchers: ['core', 'database', 'reference', 'identity', 'audit', 'organizations'],
  catalog: ['core', 'database', 'reference', 'identity', 'audit', 'organizations'],
  search: ['core', 'database', 'reference', 'identity', 'catalog', 'vouchers'],
  files: ['core', 'database', 'identity'],
  payments: ['core', 'database', 'identity', 'audit', 'organizations'],
  orders: ['core', 'database', 'reference', 'identity', 'audit', 'organizations', 'vouchers', 'catalog', 'search', 'files', 'payments'],
  claims: ['core', 'database', 'reference', 'identity', 'audit', 'organizations', 'vouchers', 'catalog', 'files', 'payments', 'orders'],
  notifications: ['core', 'database', 'identity', 'audit'],
  // read models: no lib imports reports
  reports: ['core', 'database', 'identity', 'vouchers'],
};
const ALL_LIBS = Object.keys(LIB_ORDER);

const boundaryBlocks = Object.entries(LIB_ORDER).map(([lib, allowed]) => ({
  files: [`libs/${lib}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/apps/**'], message: 'A lib never imports an app.' },
          { group: ['**/libs/*/src/**', '../../*/src/**'], message: 'Import other libs through @innoserve/<lib> only.' },
          { group: ['@innoserve/*/src/**'], message: 'Import other libs through their index only.' },
          ...ALL_LIBS.filter((l) => l !== lib && !allowed.includes(l)).map((l) => ({
            group: [`@innoserve/${l}`, `@innoserve/${l}/*`],
            message: `libs/${lib} may not import @innoserve/${l} (imports point downward).`,
          })),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', 'apps/web/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@innoserve/*/src/**', '**/libs/*/src/**'], message: 'Import libs through @innoserve/<lib> only.' }] }],
    },
  },
  ...boundaryBlocks,
  {
    files: ['**/*.spec.ts', '**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
