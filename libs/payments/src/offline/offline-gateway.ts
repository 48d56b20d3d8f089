import { BusinessRuleError, msg } from '@innoserve/core';
import type { PaymentGateway, StartPayment, StartRefund, StartedPayment, StartedRefund } from '../gateway/payment-gateway.js';
import { paymentReference } from '../gateway/payment-reference.js';

/**
 * Bank transfer, the embedded default: no processor. Starting a payment answers the provider's
 * account and a reference for the transfer; the provider confirms what arrived; a refund is a
 * transfer back that the enterprise confirms. Nothing here touches the network, so it may run in
 * a transaction.
 */
export class OfflineGateway implements PaymentGateway {
  readonly method = 'offline' as const;

  async start(p: StartPayment): Promise<StartedPayment> {
    if (!p.payee) {
      throw new BusinessRuleError('PAYEE_ACCOUNT_MISSING', msg('The provider has no bank account on file for a transfer.', '服务机构未登记收款银行账户，无法线下转账。'), [
        { field: 'method', message: 'offline needs the provider bank account' },
      ]);
    }
    return { kind: 'bank_transfer', payee: p.payee, reference: paymentReference(p.paymentId) };
  }

  async refund(_r: StartRefund): Promise<StartedRefund> {
    return { kind: 'manual' };
  }

  async paymentStatus(): Promise<null> {
    return null;
  }

  /** A bank transfer has nothing to call off at a processor: the row's status is the whole of it. */
  async cancel(): Promise<void> {}
}
