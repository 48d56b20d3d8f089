import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source.js';
import { TransactionRunner } from './transaction.js';
import { HotPathPool } from './pg-pool.js';
import { OutboxService } from './outbox/outbox.service.js';
import { OutboxMessage } from './outbox/outbox-message.entity.js';

export interface DatabaseModuleOptions {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(opts: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(opts), autoLoadEntities: true }),
        TypeOrmModule.forFeature([OutboxMessage]),
      ],
      providers: [TransactionRunner, OutboxService, HotPathPool],
      exports: [TransactionRunner, OutboxService, HotPathPool, TypeOrmModule],
    };
  }
}
