import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { SkipIdempotency } from '@innoserve/database';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { StripeConnectService, type ConnectAccountView, type OnboardingAnswer } from '../stripe/stripe-connect.service.js';

class ConnectAccountDto {
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The Stripe account id, once Stripe answered' }) accountId!: string | null;
  @ApiProperty() chargesEnabled!: boolean;
  @ApiProperty() detailsSubmitted!: boolean;
  @ApiProperty({ enum: ['pending', 'onboarding', 'active'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

class OnboardingDto {
  @ApiProperty({ type: ConnectAccountDto }) account!: ConnectAccountDto;
  @ApiProperty({ type: String, nullable: true, description: "Stripe's onboarding link (null while Stripe could not be reached: the worker retries)" }) url!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) expiresAt!: string | null;
}

@ApiTags('payments')
@ApiBearerAuth()
@Controller('providers/:id/stripe')
export class ProviderStripeController {
  constructor(private readonly connect: StripeConnectService) {}

  @Post('onboarding')
  @Authenticated()
  @SkipIdempotency() // Stripe is called after the commit; a repeat answers the same account and a fresh link
  @HttpCode(200)
  @ApiOperation({
    summary: 'Stripe Connect Express onboarding (members of an admitted provider)',
    description:
      "Creates the provider's connected account (once) and answers Stripe's onboarding link. The account row commits before Stripe is called; when Stripe cannot be " +
      'reached the answer has url null and lastError, the worker retries, and GET …/stripe/account shows the account once it exists. 404 STRIPE_NOT_CONFIGURED; 422 PROVIDER_NOT_ADMITTED.',
  })
  @ApiOkResponse({ type: OnboardingDto })
  onboarding(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OnboardingAnswer> {
    return this.connect.onboarding(me, id);
  }

  @Get('account')
  @Authenticated()
  @ApiOperation({
    summary: "The provider's Stripe account state (members; program officers, finance officers and auditors covering it)",
    description: '404 STRIPE_NOT_CONFIGURED when Stripe is not configured here; 404 NOT_FOUND before onboarding started.',
  })
  @ApiOkResponse({ type: ConnectAccountDto })
  account(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ConnectAccountView> {
    return this.connect.account(me, id);
  }
}
