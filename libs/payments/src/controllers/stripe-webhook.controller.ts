import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { SkipIdempotency } from '@innoserve/database';
import { Public } from '@innoserve/identity';
import { StripeWebhooks } from '../stripe/stripe-webhooks.service.js';

class WebhookAnswerDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'false when the event had been applied before (a replay changes nothing)' }) applied!: boolean;
}

@ApiTags('payments')
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhooks) {}

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

