import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { AdminClaimsQuery, ClaimDecisionDto } from '../dto/claim-commands.dto.js';
import { PaymentHoldDto } from '../dto/sanction.dto.js';
import { SanctionsService } from '../services/sanctions.service.js';
import { ClaimPageDto, ClaimViewDto } from '../dto/claim-view.dto.js';
import { ClaimsService } from '../services/claims.service.js';
import type { ClaimView } from '../services/claim-views.js';

@ApiTags('admin: claims')
@ApiBearerAuth()
@Controller('admin/claims')
export class AdminClaimsController {
  constructor(
    private readonly claims: ClaimsService,
    private readonly sanctions: SanctionsService,
  ) {}

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
      '403 WRONG_REVIEW_LEVEL; 400 without a reason to reject or return; 409 STALE_VERSION when If-Match (or version) is not the current one; 409 CLAIM_BLOCKED; 404 outside the jurisdiction. ' +
      'A STALE_VERSION, WRONG_REVIEW_LEVEL or ILLEGAL_TRANSITION after someone decided carries `lastDecision` { decidedBy, decidedByName, decision (approve|reject|return|…), ' +
      'action, level, at, reason } (STALE_VERSION also decidedByName and decision at the top level), so the console can say who decided meanwhile.',
  })
  @ApiOkResponse({ type: ClaimViewDto })
  @DecisionIfMatch()
  decide(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ClaimDecisionDto, @IfMatchVersion() ifMatch: number | undefined): Promise<ClaimView> {
    return this.claims.decide(me, id, { decision: dto.decision, reason: dto.reason, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }

  @Post(':id/payment-hold')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Settle a claim a sanction held (program officer): release it (paid as usual) or forfeit it (back to the pools)',
    description: '409 CLAIM_NOT_HELD; 409 CLAIM_IN_PAYMENT when part of it is in a batch or paid (cancel the batch, or claw back); 400 without a reason.',
  })
  @ApiOkResponse({ type: ClaimViewDto })
  async paymentHold(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PaymentHoldDto): Promise<ClaimView> {
    await this.sanctions.settleHeldClaim(me, id, dto.action, dto.reason);
    return this.claims.get(me, id);
  }
}
