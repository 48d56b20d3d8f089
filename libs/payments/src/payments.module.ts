import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Payment } from './entities/payment.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
import { PaymentGateways } from './gateway/payment-gateways.js';
import { PAYMENT_GATEWAYS, PaymentsService } from './services/payments.service.js';

/** Payment and refund rows and the gateways (offline; Stripe when configured). */
@Module({
  imports: [TypeOrmModule.forFeature([Payment, PaymentRefund])],
  providers: [
    { provide: PaymentGateways, useFactory: () => new PaymentGateways([]) },
    { provide: PAYMENT_GATEWAYS, useExisting: PaymentGateways },
    PaymentsService,
  ],
  exports: [PaymentsService, PaymentGateways, PAYMENT_GATEWAYS],
})
export class PaymentsModule {}
