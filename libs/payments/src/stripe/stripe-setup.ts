import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { InjectConfig, type AppConfig } from '@innoserve/core';
import { StripeGateway, stripeClient } from './stripe-gateway.js';

/** Stripe as configured: present when STRIPE_SECRET_KEY is set (STRIPE_API_BASE, STRIPE_WEBHOOK_SECRET, STRIPE_APPLICATION_FEE_BP). */
@Injectable()
export class StripeSetup {
  readonly stripe: Stripe | null;
  readonly gateway: StripeGateway | null;
  readonly settings: { webhookSecret: string | null; publicBaseUrl: string } | null;

  constructor(@InjectConfig() config: AppConfig) {
    if (!config.STRIPE_SECRET_KEY) {
      this.stripe = null;
      this.gateway = null;
      this.settings = null;
      return;
    }
    this.stripe = stripeClient({ secretKey: config.STRIPE_SECRET_KEY, apiBase: config.STRIPE_API_BASE, applicationFeeBp: config.STRIPE_APPLICATION_FEE_BP });
    this.gateway = new StripeGateway(this.stripe, { applicationFeeBp: config.STRIPE_APPLICATION_FEE_BP });
    this.settings = { webhookSecret: config.STRIPE_WEBHOOK_SECRET ?? null, publicBaseUrl: config.PUBLIC_BASE_URL };
  }
}
