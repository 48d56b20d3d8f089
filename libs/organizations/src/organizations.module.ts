import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { FilesModule } from '@innoserve/files';
import { MembershipDirectory } from '@innoserve/identity';
import { ReferenceModule } from '@innoserve/reference';
import { AdminEnterprisesController } from './controllers/admin-enterprises.controller.js';
import { AdminProvidersController } from './controllers/admin-providers.controller.js';
import { EnterprisesController } from './controllers/enterprises.controller.js';
import { MembersController } from './controllers/members.controller.js';
import { ProvidersController } from './controllers/providers.controller.js';
import { ORGANIZATION_ENTITIES } from './entities/index.js';
import { EnterpriseVerificationService } from './services/enterprise-verification.service.js';
import { EnterprisesService } from './services/enterprises.service.js';
import { MembersService } from './services/members.service.js';
import { OrganizationMembershipDirectory } from './services/membership-directory.service.js';
import { OrganizationFiles } from './services/organization-files.js';
import { OrganizationRegistry } from './services/organization-registry.js';
import { OrganizationsService } from './services/organizations.service.js';
import { ProviderAdmissionService } from './services/provider-admission.service.js';
import { ProviderChangeRequestsService } from './services/provider-change-requests.service.js';
import { ProvidersService } from './services/providers.service.js';

const SERVICES = [
  OrganizationRegistry,
  OrganizationFiles,
  EnterprisesService,
  ProvidersService,
  EnterpriseVerificationService,
  ProviderAdmissionService,
  ProviderChangeRequestsService,
  MembersService,
  OrganizationsService,
  OrganizationMembershipDirectory,
];

/**
 * Enterprises, providers, memberships, verification and admission. Global: vouchers, catalog and
 * claims read organizations through OrganizationsService, and identity's GET /me reads memberships
 * through the MembershipDirectory bound here. Needs IdentityModule (UsersService) in the app. The
 * business licence and certificates are files (FilesModule): OrganizationFiles says who may attach and read them.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(ORGANIZATION_ENTITIES), AuditModule, ReferenceModule, FilesModule],
  controllers: [EnterprisesController, ProvidersController, MembersController, AdminEnterprisesController, AdminProvidersController],
  providers: [...SERVICES, { provide: MembershipDirectory, useExisting: OrganizationMembershipDirectory }],
  exports: [...SERVICES, MembershipDirectory],
})
export class OrganizationsModule {}
