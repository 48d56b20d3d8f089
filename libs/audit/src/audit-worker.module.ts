import { Module } from '@nestjs/common';
import { AuditModule } from './audit.module.js';
import { AuditSealer } from './audit-sealer.js';

/** What the worker hosts for the audit log: the sealer job (and AuditService for its sweeps). */
@Module({ imports: [AuditModule], providers: [AuditSealer], exports: [AuditSealer] })
export class AuditWorkerModule {}
