export * from './principal.js';
export * from './decorators.js';
export * from './membership-directory.js';
