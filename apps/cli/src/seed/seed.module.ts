import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, SystemClock, type AppConfig } from '@innoserve/core';
import { DatabaseModule } from '@innoserve/database';
import { AuditModule } from '@innoserve/audit';
import { IdentityModule } from '@innoserve/identity';
import { ReferenceModule } from '@innoserve/reference';

/** The domain modules, without HTTP, for the demo seed. */
@Module({})
export class SeedModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SeedModule,
      imports: [
        DiscoveryModule,
        CoreModule.forRoot(config, new SystemClock()),
        DatabaseModule.forRoot({ url: config.DATABASE_URL!, poolSize: 4, applicationName: 'innoserve-seed' }),
        AuditModule,
        ReferenceModule,
        IdentityModule,
      ],
    };
  }
}
