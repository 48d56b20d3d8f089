export * from './audit-entry.input.js';
export * from './audit.service.js';
export * from './audit.module.js';
