export * from './domain/order-state-machine.js';
export * from './entities/index.js';
export * from './services/order-errors.js';
export { OrdersService, ORDER_DEADLINES, type NewOrder, type QuoteInput, type AcceptInput, type DisputeResolutionInput } from './services/orders.service.js';
export { OrderPaymentsService, CONNECTED_ACCOUNTS, CONTEST_DAYS, type ConnectedAccounts } from './services/order-payments.service.js';
export { OrderSweeps } from './services/order-sweeps.js';
export { type OrderView } from './services/order-views.js';
export { OrdersModule } from './orders.module.js';
export { OrdersWorkerModule } from './orders-worker.module.js';
