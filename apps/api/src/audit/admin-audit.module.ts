import { Module } from '@nestjs/common';
import { AuditAdminModule, AuditModule } from '@innoserve/audit';
import { ClaimsModule } from '@innoserve/claims';
import { AdminAuditController } from './admin-audit.controller.js';
import { AdminOrganizationHistoryController } from './admin-organization-history.controller.js';

/** The audit log in the API: AuditModule (global AuditService), GET /admin/audit and an organization's history (needs ClaimsModule for its sanctions). */
@Module({ imports: [AuditModule, AuditAdminModule, ClaimsModule], controllers: [AdminAuditController, AdminOrganizationHistoryController] })
export class AdminAuditModule {}
