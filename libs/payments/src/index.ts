export * from './gateway/payment-gateway.js';
export * from './gateway/payment-reference.js';
export * from './gateway/payment-gateways.js';
export * from './entities/payment.entity.js';
export * from './entities/payment-refund.entity.js';
export * from './entities/provider-payment-account.entity.js';
export * from './entities/stripe-event.entity.js';
export * from './services/payments.service.js';
export * from './offline/offline-gateway.js';
export * from './stripe/stripe-gateway.js';
export * from './stripe/stripe-setup.js';
export * from './stripe/stripe-webhooks.service.js';
export * from './stripe/stripe-connect.service.js';
export * from './stripe/stripe-payment-events.js';
export { PaymentsModule, PAYMENT_ENTITY_LIST } from './payments.module.js';

import { PAYMENT_ENTITY_LIST } from './payments.module.js';
/** Tables this lib owns. */
export const PAYMENTS_ENTITIES = [...PAYMENT_ENTITY_LIST];
