import { Controller, Get, Param, ParseUUIDPipe, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, type Page } from '@innoserve/core';
import { Public, type Principal } from '@innoserve/identity';
import { OfferingPageDto } from '../dto/offering-page.dto.js';
import { OfferingsService } from '../services/offerings.service.js';
import type { OfferingView } from '../services/offering-views.js';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('providers')
export class ProviderOfferingsController {
  constructor(private readonly offerings: OfferingsService) {}

  @Get(':id/offerings')
  @Public()
  @ApiOperation({
    summary: "A provider's offerings",
    description: 'Public: its searchable offerings, newest publication first. Members of the provider and staff covering it: every offering, latest change first. 404 for an unknown provider.',
  })
  @ApiOkResponse({ type: OfferingPageDto })
  list(@Req() req: { user?: Principal }, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQuery): Promise<Page<OfferingView>> {
    return this.offerings.listOfProvider(req.user ?? null, id, q);
  }
}
