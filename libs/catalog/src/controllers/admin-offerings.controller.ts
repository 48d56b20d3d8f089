import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { AdminOfferingQuery } from '../dto/admin-offering-query.dto.js';
import { ModerationDto } from '../dto/moderation.dto.js';
import { OfferingPageDto } from '../dto/offering-page.dto.js';
import { OfferingViewDto } from '../dto/offering-view.dto.js';
import { OfferingsService } from '../services/offerings.service.js';
import type { OfferingView } from '../services/offering-views.js';

@ApiTags('admin: catalog')
@ApiBearerAuth()
@Controller('admin/offerings')
export class AdminOfferingsController {
  constructor(private readonly offerings: OfferingsService) {}

  @Get()
  @Staff('program_officer')
  @ApiOperation({ summary: "The moderation queue (program officer): offerings of providers in the caller's jurisdiction, oldest submission first" })
  @ApiOkResponse({ type: OfferingPageDto })
  list(@CurrentUser() me: Principal, @Query() q: AdminOfferingQuery): Promise<Page<OfferingView>> {
    return this.offerings.queue(me, q);
  }

  @Post(':id/moderation')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Moderate an offering: publish | reject | suspend (program officer)',
    description:
      'publish: pending_review or suspended → published, applying a pending revision if there is one; on a published offering with a pending revision, ' +
      'the revision is applied. The rules of create are checked again at publish time (422). reject (reason): pending_review → draft, or the pending ' +
      'revision is rejected. suspend (reason): published → suspended. 409 ILLEGAL_TRANSITION from the wrong status; 403 CONFLICT_OF_INTEREST for a ' +
      "member of the provider; 404 outside the caller's jurisdiction; 409 STALE_VERSION when If-Match (or `version`) is not the offering's current version.",
  })
  @ApiOkResponse({ type: OfferingViewDto })
  @DecisionIfMatch()
  moderate(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ModerationDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<OfferingView> {
    return this.offerings.moderate(me, id, { ...dto, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }
}
