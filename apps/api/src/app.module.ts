import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { Clock, CoreModule, SystemClock, type AppConfig } from '@innoserve/core';
import { DatabaseModule } from '@innoserve/database';
import { HealthModule } from './health/health.module.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemFilter } from './http/problem.filter.js';
import { RateLimitGuard } from './http/rate-limit.guard.js';
import { apiModules } from './modules.js';

export interface AppModuleOptions {
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, opts: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DiscoveryModule,
        CoreModule.forRoot(config, opts.clock ?? new SystemClock()),
        DatabaseModule.forRoot({ url: config.DATABASE_URL!, poolSize: config.DB_POOL_SIZE, applicationName: 'innoserve-api' }),
        HealthModule,
        ...apiModules(),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
