import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { FilesModule } from '@innoserve/files';
import { ReferenceModule, WorkingDays } from '@innoserve/reference';
import { VouchersModule } from '@innoserve/vouchers';
import { PaymentsModule } from '@innoserve/payments';
import { OrdersModule } from '@innoserve/orders';
import { AdminClaimsController } from './controllers/admin-claims.controller.js';
import { AdminDisbursementsController } from './controllers/admin-disbursements.controller.js';
import { AdminSanctionsController } from './controllers/admin-sanctions.controller.js';
import { ClaimsController } from './controllers/claims.controller.js';
import { CLAIM_ENTITIES } from './entities/index.js';
import { CLAIM_RISK, REVIEW_CALENDAR } from './services/claim-ports.js';
import { RiskEngine } from './risk/risk-engine.js';
import { ClaimsService } from './services/claims.service.js';
import { DisbursementsService } from './services/disbursements.service.js';
import { SanctionsService } from './services/sanctions.service.js';

/** Subsidy claims and their review (API). Needs OrganizationsModule (global) in the app. */
@Module({
  imports: [TypeOrmModule.forFeature(CLAIM_ENTITIES), AuditModule, ReferenceModule, VouchersModule, FilesModule, PaymentsModule, OrdersModule],
  controllers: [ClaimsController, AdminClaimsController, AdminDisbursementsController, AdminSanctionsController],
  providers: [ClaimsService, DisbursementsService, SanctionsService, { provide: REVIEW_CALENDAR, useExisting: WorkingDays }, RiskEngine, { provide: CLAIM_RISK, useExisting: RiskEngine }],
  exports: [ClaimsService, DisbursementsService, SanctionsService],
})
export class ClaimsModule {}
