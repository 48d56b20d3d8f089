import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { VersionEtag } from '@innoserve/core';
import { Authenticated, CurrentUser, Public, type Principal } from '@innoserve/identity';
import { CreateOfferingDto } from '../dto/create-offering.dto.js';
import { OfferingViewDto } from '../dto/offering-view.dto.js';
import { RevisionViewDto } from '../dto/revision-view.dto.js';
import { UpdateOfferingDto } from '../dto/update-offering.dto.js';
import { OfferingsService } from '../services/offerings.service.js';
import type { OfferingView, RevisionView } from '../services/offering-views.js';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('offerings')
export class OfferingsController {
  constructor(private readonly offerings: OfferingsService) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Create a draft offering (members of an admitted provider)',
    description:
      '422 PROVIDER_NOT_ADMITTED unless the provider is admitted; 422 UNKNOWN_CATEGORY; 422 CATEGORY_NOT_ADMITTED unless the category is an admitted ' +
      'category of the provider or a sub-category of one; 422 UNKNOWN_REGION; 422 QUALIFICATION_NOT_HELD for a named qualification the provider does ' +
      'not hold unexpired. Pricing: fixed needs priceFen, per_unit priceFen and unitName, quote minFen ≤ maxFen (400 otherwise).',
  })
  @ApiCreatedResponse({ type: OfferingViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateOfferingDto): Promise<OfferingView> {
    return this.offerings.create(me, dto);
  }

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'An offering',
    description: 'Public while it is searchable (published, provider admitted, qualifications held); members of the provider and staff covering it see any status; otherwise 404.',
  })
  @ApiOkResponse({ type: OfferingViewDto })
  @VersionEtag()
  get(@Req() req: { user?: Principal }, @Param('id', new ParseUUIDPipe()) id: string): Promise<OfferingView> {
    return this.offerings.get(req.user ?? null, id);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({
    summary: 'Edit an offering (members)',
    description:
      'A draft changes in place (200, the offering). A published or suspended offering gets a pending revision (202, the revision): the live version ' +
      'stays as it is until a program officer publishes the revision. 409 ILLEGAL_TRANSITION while pending_review or withdrawn. Same rules as create.',
  })
  @ApiOkResponse({ type: OfferingViewDto })
  @ApiAcceptedResponse({ type: RevisionViewDto })
  async update(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateOfferingDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OfferingView | RevisionView> {
    const outcome = await this.offerings.update(me, id, dto);
    if (outcome.kind === 'revision') {
      void reply.status(202);
      return outcome.revision;
    }
    return outcome.offering;
  }

  @Post(':id/submit')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft for review (draft → pending_review; members of an admitted provider)' })
  @ApiOkResponse({ type: OfferingViewDto })
  submit(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OfferingView> {
    return this.offerings.submit(me, id);
  }

  @Post(':id/withdraw')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw an offering (draft, published or suspended → withdrawn, final; members)' })
  @ApiOkResponse({ type: OfferingViewDto })
  withdraw(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<OfferingView> {
    return this.offerings.withdraw(me, id);
  }
}
