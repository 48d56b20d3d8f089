import { Module } from '@nestjs/common';
import { AuditReader } from './audit-reader.js';
import { AuditVerifier } from './audit-verifier.js';

/**
 * Read side for administrators: the reader behind GET /admin/audit and the verifier. Needs the
 * TypeORM DataSource (DatabaseModule); the HTTP controller lives in the api app, because the
 * route policy decorators come from identity, which sits above audit.
 */
@Module({ providers: [AuditReader, AuditVerifier], exports: [AuditReader, AuditVerifier] })
export class AuditAdminModule {}
