import { Module } from '@nestjs/common';
import { AuditAdminModule, AuditModule } from '@innoserve/audit';
import { AdminAuditController } from './admin-audit.controller.js';

/** The audit log in the API: AuditModule (global AuditService) and GET /admin/audit. */
@Module({ imports: [AuditModule, AuditAdminModule], controllers: [AdminAuditController] })
export class AdminAuditModule {}
