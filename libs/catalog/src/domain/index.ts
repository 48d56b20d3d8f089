export * from './offering-state-machine.js';
export * from './searchability.js';
export * from './pricing.js';
