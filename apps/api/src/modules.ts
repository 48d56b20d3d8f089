// The domain modules the API serves. Each lib contributes one Nest module.
import type { DynamicModule, Type } from '@nestjs/common';
import { IdentityModule } from '@innoserve/identity';
import { AuditModule } from '@innoserve/audit';
import { OrganizationsModule } from '@innoserve/organizations';
import { VouchersModule } from '@innoserve/vouchers';
import { CatalogModule } from '@innoserve/catalog';
import { FilesModule } from '@innoserve/files';
import { PaymentsModule } from '@innoserve/payments';
import { OrdersModule } from '@innoserve/orders';
import { ClaimsModule } from '@innoserve/claims';
import { NotificationsModule } from '@innoserve/notifications';
import { ReportsModule } from '@innoserve/reports';
import { AdminAuditModule } from './audit/admin-audit.module.js';
import { AdminQueuesModule } from './queues/admin-queues.module.js';
import { ReferenceHttpModule } from './reference/reference-http.module.js';
import { SearchHttpModule } from './search/search-http.module.js';

export function apiModules(): (Type | DynamicModule)[] {
  return [ReferenceHttpModule, IdentityModule, AuditModule, AdminAuditModule, OrganizationsModule, VouchersModule, CatalogModule, SearchHttpModule, FilesModule, PaymentsModule, OrdersModule, ClaimsModule, NotificationsModule, ReportsModule, AdminQueuesModule];
}
