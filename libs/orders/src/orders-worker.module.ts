import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { ReferenceModule } from '@innoserve/reference';
import { VouchersModule } from '@innoserve/vouchers';
import { PaymentsModule } from '@innoserve/payments';
import { ORDER_ENTITIES } from './entities/index.js';
import { OrderSweeps } from './services/order-sweeps.js';
import { OrdersService } from './services/orders.service.js';

/** What the worker hosts for orders: the timed steps (auto-completion, unpaid cancellation, the unstarted flag); payments' retries come with PaymentsModule. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDER_ENTITIES), AuditModule, ReferenceModule, VouchersModule, PaymentsModule],
  providers: [OrdersService, OrderSweeps],
  exports: [OrdersService, OrderSweeps],
})
export class OrdersWorkerModule {}
