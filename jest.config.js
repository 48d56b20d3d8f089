import { swcOptions } from './swc.config.js';

/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  // node, plus a flag on the test's global when its test has failed (test/browser/support.ts reads it)
  testEnvironment: '<rootDir>/test/environment.js',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions(), swcrc: false }] },
  moduleNameMapper: {
    '^@innoserve/database/testing$': '<rootDir>/libs/database/src/testing/index.ts',
    '^@innoserve/core/testing$': '<rootDir>/libs/core/src/testing/index.ts',
    '^@innoserve/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts', '<rootDir>/{apps,libs,test}/**/*.test.ts'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
