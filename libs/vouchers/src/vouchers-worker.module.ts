import { Module } from '@nestjs/common';
import { AuditModule } from '@innoserve/audit';
import { LedgerModule } from './ledger/ledger.module.js';
import { GrantLapseSweep } from './programs/grant-lapse.sweep.js';

/** What the worker hosts for vouchers: the hourly grant-lapse sweep. Needs OrganizationsModule (global). */
@Module({
  imports: [AuditModule, LedgerModule],
  providers: [GrantLapseSweep],
  exports: [GrantLapseSweep],
})
export class VouchersWorkerModule {}
