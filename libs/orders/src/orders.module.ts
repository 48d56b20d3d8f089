import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { ReferenceModule } from '@innoserve/reference';
import { VouchersModule } from '@innoserve/vouchers';
import { FilesModule } from '@innoserve/files';
import { PaymentsModule, StripeConnectService } from '@innoserve/payments';
import { AdminOrdersController } from './controllers/admin-orders.controller.js';
import { OrdersController } from './controllers/orders.controller.js';
import { ORDER_ENTITIES } from './entities/index.js';
import { OrderConversationService } from './services/order-conversation.service.js';
import { OrderFiles } from './services/order-files.js';
import { CONNECTED_ACCOUNTS, OrderPaymentsService } from './services/order-payments.service.js';
import { OrdersService } from './services/orders.service.js';

/** Orders, their payments, files and disputes (API). Needs OrganizationsModule (global) in the app. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDER_ENTITIES), AuditModule, ReferenceModule, VouchersModule, FilesModule, PaymentsModule],
  controllers: [OrdersController, AdminOrdersController],
  providers: [OrdersService, OrderPaymentsService, OrderFiles, OrderConversationService, { provide: CONNECTED_ACCOUNTS, useExisting: StripeConnectService }],
  exports: [OrdersService, OrderPaymentsService],
})
export class OrdersModule {}
