export * from './money.js';
export * from './errors.js';
export * from './fsm.js';
export * from './clock.js';
export * from './pagination.js';
export * from './ids.js';
export * from './config.js';
export * from './config.module.js';
