export * from './audit-entry.input.js';
