export * from './gateway/payment-gateway.js';
export * from './gateway/payment-reference.js';
export * from './entities/payment.entity.js';
export * from './entities/payment-refund.entity.js';
export * from './services/payments.service.js';
export * from './gateway/payment-gateways.js';
export * from './offline/offline-gateway.js';
export { PaymentsModule } from './payments.module.js';

import { Payment } from './entities/payment.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
/** Tables this lib owns. */
export const PAYMENTS_ENTITIES = [Payment, PaymentRefund];
