import { OrderMessage } from './order-message.entity.js';
import { OrderReview } from './order-review.entity.js';
import { ServiceOrder } from './service-order.entity.js';

export * from './service-order.entity.js';
export * from './order-message.entity.js';
export * from './order-review.entity.js';

/** Tables this lib owns. */
export const ORDER_ENTITIES = [ServiceOrder, OrderMessage, OrderReview];
