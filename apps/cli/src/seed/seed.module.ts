import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, type AppConfig, type Clock } from '@innoserve/core';
import { DatabaseModule } from '@innoserve/database';
import { AuditModule } from '@innoserve/audit';
import { IdentityModule } from '@innoserve/identity';
import { ReferenceModule } from '@innoserve/reference';
import { OrganizationsModule } from '@innoserve/organizations';
import { CatalogModule } from '@innoserve/catalog';
import { VouchersModule } from '@innoserve/vouchers';
import { FilesModule } from '@innoserve/files';
import { PaymentsModule } from '@innoserve/payments';
import { OrdersModule } from '@innoserve/orders';
import { ClaimsModule } from '@innoserve/claims';

/** The domain modules, without HTTP, for the demo seed. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig, clock: Clock): DynamicModule {
    return {
      module: SeedModule,
      imports: [
        DiscoveryModule,
        CoreModule.forRoot(config, clock),
        DatabaseModule.forRoot({ url: config.DATABASE_URL!, poolSize: 4, applicationName: 'innoserve-seed' }),
        AuditModule,
        ReferenceModule,
        IdentityModule,
        OrganizationsModule,
        CatalogModule,
        VouchersModule,
        FilesModule,
        PaymentsModule,
        OrdersModule,
        ClaimsModule,
      ],
    };
  }
}
