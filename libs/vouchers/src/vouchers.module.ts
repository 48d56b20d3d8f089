import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { AdminApplicationsController } from './controllers/admin-applications.controller.js';
import { AdminProgramsController } from './controllers/admin-programs.controller.js';
import { EnterpriseGrantsController } from './controllers/enterprise-grants.controller.js';
import { ProgramsController } from './controllers/programs.controller.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { VoucherApplication } from './programs/application.entity.js';
import { ApplicationsService } from './programs/applications.service.js';
import { FirstComeGrants } from './programs/first-come-grants.service.js';
import { VoucherGrant } from './programs/grant.entity.js';
import { VoucherGroupCapUsage } from './programs/group-cap-usage.entity.js';
import { ProgramCapsService } from './programs/program-caps.service.js';
import { ProgramCoverageModule } from './programs/program-coverage.module.js';
import { VoucherProgram } from './programs/program.entity.js';
import { ProgramsService } from './programs/programs.service.js';
import { VoucherProviderCapUsage } from './programs/provider-cap-usage.entity.js';
import { OrderSubsidiesService } from './subsidy/order-subsidies.service.js';

export const PROGRAM_ENTITIES = [VoucherProgram, VoucherApplication, VoucherGrant, VoucherGroupCapUsage, VoucherProviderCapUsage];

/** Voucher programs, applications, grants and their HTTP API, on the ledger. Needs OrganizationsModule (global) in the app. */
@Module({
  imports: [TypeOrmModule.forFeature(PROGRAM_ENTITIES), AuditModule, LedgerModule, ProgramCoverageModule],
  controllers: [AdminProgramsController, ProgramsController, AdminApplicationsController, EnterpriseGrantsController],
  providers: [ProgramsService, ApplicationsService, ProgramCapsService, FirstComeGrants, OrderSubsidiesService],
  exports: [ProgramsService, ApplicationsService, ProgramCapsService, OrderSubsidiesService, LedgerModule, ProgramCoverageModule],
})
export class VouchersModule {}
