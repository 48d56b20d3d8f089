import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CoreModule, SystemClock, type AppConfig, type Clock } from '@innoserve/core';
import { DatabaseModule } from '@innoserve/database';
import { WorkerRuntime } from './worker-runtime.js';
import { workerModules } from './modules.js';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        DiscoveryModule,
        CoreModule.forRoot(config, clock),
        DatabaseModule.forRoot({ url: config.DATABASE_URL!, poolSize: 10, applicationName: 'innoserve-worker' }),
        ...workerModules(),
      ],
      providers: [WorkerRuntime],
    };
  }
}
