import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { FilesModule } from '@innoserve/files';
import { ReferenceModule } from '@innoserve/reference';
import { VouchersModule } from '@innoserve/vouchers';
import { PaymentsModule } from '@innoserve/payments';
import { AdminClaimsController } from './controllers/admin-claims.controller.js';
import { AdminDisbursementsController } from './controllers/admin-disbursements.controller.js';
import { ClaimsController } from './controllers/claims.controller.js';
import { CLAIM_ENTITIES } from './entities/index.js';
import { CLAIM_RISK, REVIEW_CALENDAR, type ClaimRiskAssessor } from './services/claim-ports.js';
import { ClaimsService } from './services/claims.service.js';
import { DisbursementsService } from './services/disbursements.service.js';
import { WeekdayCalendar } from './services/weekday-calendar.js';

/** Until the risk rules are installed: no flags. */
const noRiskRulesYet: ClaimRiskAssessor = { evaluate: () => Promise.resolve([]) };

/** Subsidy claims and their review (API). Needs OrganizationsModule (global) in the app. */
@Module({
  imports: [TypeOrmModule.forFeature(CLAIM_ENTITIES), AuditModule, ReferenceModule, VouchersModule, FilesModule, PaymentsModule],
  controllers: [ClaimsController, AdminClaimsController, AdminDisbursementsController],
  providers: [ClaimsService, DisbursementsService, { provide: REVIEW_CALENDAR, useClass: WeekdayCalendar }, { provide: CLAIM_RISK, useValue: noRiskRulesYet }],
  exports: [ClaimsService, DisbursementsService],
})
export class ClaimsModule {}
