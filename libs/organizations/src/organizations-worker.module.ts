import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { Organization } from './entities/organization.entity.js';
import { ProviderProfile } from './entities/provider-profile.entity.js';
import { AdmissionExpirySweep } from './services/admission-expiry.sweep.js';
import { NoticeEndSweep } from './services/notice-end.sweep.js';

/** What the worker hosts for organizations: the hourly admission-expiry sweep. */
@Module({
  imports: [TypeOrmModule.forFeature([Organization, ProviderProfile]), AuditModule],
  providers: [AdmissionExpirySweep, NoticeEndSweep],
  exports: [AdmissionExpirySweep, NoticeEndSweep],
})
export class OrganizationsWorkerModule {}
