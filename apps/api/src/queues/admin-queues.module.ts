import { Module } from '@nestjs/common';
import { CatalogModule } from '@innoserve/catalog';
import { ClaimsModule } from '@innoserve/claims';
import { OrganizationsModule } from '@innoserve/organizations';
import { VouchersModule } from '@innoserve/vouchers';
import { AdminQueuesController } from './admin-queues.controller.js';

/** GET /admin/queues: the counts of the queues of four libs, in the app that composes them. */
@Module({ imports: [OrganizationsModule, CatalogModule, VouchersModule, ClaimsModule], controllers: [AdminQueuesController] })
export class AdminQueuesModule {}
