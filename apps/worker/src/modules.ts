// Modules the worker hosts: each contributes outbox handlers and scheduled jobs.
import type { DynamicModule, Type } from '@nestjs/common';
import { AuditWorkerModule } from '@innoserve/audit';
import { OrganizationsWorkerModule } from '@innoserve/organizations';
import { VouchersWorkerModule } from '@innoserve/vouchers';
import { CatalogWorkerModule } from '@innoserve/catalog';
import { IdentityModule } from '@innoserve/identity';
import { OrganizationsModule } from '@innoserve/organizations';
import { SearchSyncModule } from '@innoserve/search';
import { OrdersWorkerModule } from '@innoserve/orders';
import { ClaimsWorkerModule } from '@innoserve/claims';
import { NotificationsWorkerModule } from '@innoserve/notifications';

export function workerModules(): (Type | DynamicModule)[] {
  return [AuditWorkerModule, OrganizationsWorkerModule, VouchersWorkerModule, CatalogWorkerModule, OrdersWorkerModule, ClaimsWorkerModule, NotificationsWorkerModule, SearchSyncModule.forRoot({ imports: [IdentityModule, OrganizationsModule] })];
}
