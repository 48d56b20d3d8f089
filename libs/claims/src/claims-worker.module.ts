import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { VouchersModule } from '@innoserve/vouchers';
import { CLAIM_ENTITIES } from './entities/index.js';
import { ClaimSweeps } from './services/claim-sweeps.js';

/** What the worker hosts for claims: the claim-deadline release, the expiry of returned claims, the overdue-review flag. */
@Module({
  imports: [TypeOrmModule.forFeature(CLAIM_ENTITIES), AuditModule, VouchersModule],
  providers: [ClaimSweeps],
  exports: [ClaimSweeps],
})
export class ClaimsWorkerModule {}
