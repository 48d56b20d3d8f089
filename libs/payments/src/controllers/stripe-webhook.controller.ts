import { Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SkipIdempotency } from '@innoserve/database';
import { ApiProblems, InjectConfig, type AppConfig } from '@innoserve/core';
import { Public } from '@innoserve/identity';
import { StripeWebhooks, stripeNotConfigured } from '../stripe/stripe-webhooks.service.js';

class WebhookAnswerDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'false when the event had been applied before (a replay changes nothing)' }) applied!: boolean;
}

class StripeClientConfigDto {
  @ApiProperty({ description: "Stripe's publishable key, for Stripe.js and the Payment Element in the browser", example: 'pk_test_…' }) publishableKey!: string;
}

@ApiTags('payments')
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(
    private readonly webhooks: StripeWebhooks,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  @Get('config')
  @Public()
  @ApiOperation({
    summary: 'What the browser needs to pay by card: the publishable key (STRIPE_PUBLISHABLE_KEY)',
    description: '404 STRIPE_NOT_CONFIGURED when card payments are not offered here (no STRIPE_SECRET_KEY or no STRIPE_PUBLISHABLE_KEY): the web app then offers the bank transfer only.',
  })
  @ApiOkResponse({ type: StripeClientConfigDto })
  @ApiProblems(404)
  clientConfig(): StripeClientConfigDto {
    if (!this.config.STRIPE_SECRET_KEY || !this.config.STRIPE_PUBLISHABLE_KEY) throw stripeNotConfigured();
    return { publishableKey: this.config.STRIPE_PUBLISHABLE_KEY };
  }

  @Post('webhook')
  @Public()
  @SkipIdempotency() // Stripe's event id is the key: each event is stored once and applied once
  @HttpCode(200)
  @ApiOperation({
    summary: "Stripe's webhook (Stripe-Signature verified on the raw body)",
    description: '400 WEBHOOK_SIGNATURE_INVALID on a missing or wrong signature (nothing stored); 404 STRIPE_NOT_CONFIGURED without STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true })
  @ApiOkResponse({ type: WebhookAnswerDto })
  receive(@Req() req: RawBodyRequest<FastifyRequest>, @Headers('stripe-signature') signature: string | undefined): Promise<WebhookAnswerDto> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}

