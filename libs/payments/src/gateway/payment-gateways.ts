import { Injectable } from '@nestjs/common';
import { BusinessRuleError, msg } from '@innoserve/core';
import type { GatewayDirectory } from '../services/payments.service.js';
import { OfflineGateway } from '../offline/offline-gateway.js';
import type { PaymentGateway, PaymentMethod } from './payment-gateway.js';

/** The configured gateways: offline always; Stripe when STRIPE_SECRET_KEY is set. */
@Injectable()
export class PaymentGateways implements GatewayDirectory {
  private readonly gateways = new Map<PaymentMethod, PaymentGateway>();

  constructor(gateways: PaymentGateway[]) {
    for (const g of [new OfflineGateway(), ...gateways]) this.gateways.set(g.method, g);
  }

  get methods(): PaymentMethod[] {
    return [...this.gateways.keys()];
  }

  has(method: PaymentMethod): boolean {
    return this.gateways.has(method);
  }

  of(method: PaymentMethod): PaymentGateway {
    const g = this.gateways.get(method);
    if (!g) {
      throw new BusinessRuleError('PAYMENT_METHOD_UNAVAILABLE', msg(`Payment by ${method} is not configured.`, '该支付方式未启用。'), [{ field: 'method', message: `${method} is not configured` }]);
    }
    return g;
  }
}
