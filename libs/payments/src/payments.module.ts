import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@innoserve/audit';
import { ProviderStripeController } from './controllers/provider-stripe.controller.js';
import { StripeWebhookController } from './controllers/stripe-webhook.controller.js';
import { Payment } from './entities/payment.entity.js';
import { PaymentRefund } from './entities/payment-refund.entity.js';
import { ProviderPaymentAccount } from './entities/provider-payment-account.entity.js';
import { StripeEvent } from './entities/stripe-event.entity.js';
import { PaymentGateways } from './gateway/payment-gateways.js';
import { PAYMENT_GATEWAYS, PaymentsService } from './services/payments.service.js';
import { StripeConnectService } from './stripe/stripe-connect.service.js';
import { StripePaymentEvents } from './stripe/stripe-payment-events.js';
import { StripeSetup } from './stripe/stripe-setup.js';
import { StripeWebhooks } from './stripe/stripe-webhooks.service.js';

export const PAYMENT_ENTITY_LIST = [Payment, PaymentRefund, ProviderPaymentAccount, StripeEvent];

/**
 * Payments: payment and refund rows, the gateways (offline always; Stripe when STRIPE_SECRET_KEY is
 * set), Stripe's webhook, Connect onboarding, and (in the worker) the retries of calls that failed
 * and the reconciliation job. Needs OrganizationsModule (global) in the app.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PAYMENT_ENTITY_LIST), AuditModule],
  controllers: [StripeWebhookController, ProviderStripeController],
  providers: [
    StripeSetup,
    { provide: PaymentGateways, useFactory: (s: StripeSetup) => new PaymentGateways(s.gateway ? [s.gateway] : []), inject: [StripeSetup] },
    { provide: PAYMENT_GATEWAYS, useExisting: PaymentGateways },
    PaymentsService,
    StripeWebhooks,
    StripeConnectService,
    StripePaymentEvents,
  ],
  exports: [PaymentsService, PaymentGateways, PAYMENT_GATEWAYS, StripeSetup, StripeConnectService, StripeWebhooks, StripePaymentEvents],
})
export class PaymentsModule {}
