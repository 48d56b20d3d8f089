export * from './principal.js';
export * from './decorators.js';
