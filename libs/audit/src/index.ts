export * from './audit-entry.input.js';
export * from './audit.service.js';
export * from './audit.module.js';
export * from './audit-hash.js';
export * from './audit.sql.js';
export * from './audit-entry.entity.js';
export * from './audit-anchor.entity.js';
export * from './audit-sealer.js';
export * from './audit-verifier.js';
export * from './audit-reader.js';
export * from './list-audit-entries.query.js';
export * from './audit-worker.module.js';
export * from './audit-admin.module.js';

import { AuditEntry } from './audit-entry.entity.js';
import { AuditAnchor } from './audit-anchor.entity.js';
/** Tables this lib owns. */
export const AUDIT_ENTITIES = [AuditEntry, AuditAnchor];
