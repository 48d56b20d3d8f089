import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, VersionEtag, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { ApplicationsService, type ApplicationOutcome } from '../programs/applications.service.js';
import { ApplicationDecisionDto } from '../programs/dto/application-decision.dto.js';
import { ApplicationOutcomeDto } from '../programs/dto/application-outcome.dto.js';
import { ApplicationPageDto } from '../programs/dto/application-page.dto.js';
import { ApplicationViewDto } from '../programs/dto/application-view.dto.js';
import { ApplicationQueryDto } from '../programs/dto/application-query.dto.js';
import type { ApplicationView, QueuedApplicationView } from '../programs/program-views.js';

@ApiTags('admin: voucher applications')
@ApiBearerAuth()
@Controller('admin/applications')
export class AdminApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get()
  @Staff('county_reviewer', 'program_officer')
  @ApiOperation({ summary: "The review queue within the caller's jurisdiction, the oldest application first unless sorted otherwise" })
  @ApiOkResponse({ type: ApplicationPageDto })
  list(@CurrentUser() me: Principal, @Query() q: ApplicationQueryDto): Promise<Page<QueuedApplicationView>> {
    return this.applications.list(me, q);
  }

  @Get(':id')
  @Staff('county_reviewer', 'program_officer')
  @ApiOperation({ summary: "An application in the caller's jurisdiction, with the version a decision sends back (also the ETag)" })
  @ApiOkResponse({ type: ApplicationViewDto })
  @VersionEtag()
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ApplicationView> {
    return this.applications.getForStaff(me, id);
  }

  @Post(':id/decision')
  @Staff('county_reviewer', 'program_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reviewed mode: approve (at most min(requested, maxGrantFen, group cap left); 422 GRANT_ABOVE_BOUND) or reject',
    description: '409 STALE_VERSION when If-Match (or `version`) is not the application\'s current version; nothing changes then.',
  })
  @ApiOkResponse({ type: ApplicationOutcomeDto })
  @DecisionIfMatch()
  decide(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: ApplicationDecisionDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<ApplicationOutcome> {
    return this.applications.decide(me, id, {
      decision: dto.decision,
      amountFen: dto.amountFen === undefined ? undefined : BigInt(dto.amountFen),
      reason: dto.reason,
      expectedVersion: expectedVersionOf(ifMatch, dto.version),
    });
  }
}
