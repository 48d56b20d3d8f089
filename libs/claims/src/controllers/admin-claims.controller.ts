import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { AdminClaimsQuery, ClaimDecisionDto } from '../dto/claim-commands.dto.js';
import { ClaimPageDto, ClaimViewDto } from '../dto/claim-view.dto.js';
import { ClaimsService } from '../services/claims.service.js';
import type { ClaimView } from '../services/claim-views.js';

@ApiTags('admin: claims')
@ApiBearerAuth()
@Controller('admin/claims')
export class AdminClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Get()
  @Staff('county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: "The reviewer's queue: claims in the caller's jurisdiction (the enterprise's region), the longest-waiting first, with risk flags and waiting days" })
  @ApiOkResponse({ type: ClaimPageDto })
  list(@CurrentUser() me: Principal, @Query() q: AdminClaimsQuery): Promise<Page<ClaimView>> {
    return this.claims.listForStaff(me, q);
  }

  @Post(':id/decision')
  @Staff('county_reviewer', 'city_reviewer')
  @HttpCode(200)
  @ApiOperation({
    summary: "Decide at the claim's current level: approve, reject (reason) or return for revision (reason)",
    description:
      'Level county: a county reviewer of the enterprise\'s region; level city: a city reviewer. Approving the last level redeems the hold (held → payable per funding source); ' +
      'rejecting releases it; returning keeps it. 403 APPROVER_NOT_DISTINCT for a second approval by one person, 403 CONFLICT_OF_INTEREST for a member of a party, ' +
      '403 WRONG_REVIEW_LEVEL; 400 without a reason to reject or return; 409 STALE_VERSION when If-Match (or version) is not the current one; 409 CLAIM_BLOCKED; 404 outside the jurisdiction.',
  })
  @ApiOkResponse({ type: ClaimViewDto })
  @DecisionIfMatch()
  decide(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ClaimDecisionDto, @IfMatchVersion() ifMatch: number | undefined): Promise<ClaimView> {
    return this.claims.decide(me, id, { decision: dto.decision, reason: dto.reason, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }
}
