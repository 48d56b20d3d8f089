import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VersionEtag, type Page } from '@innoserve/core';
import { Authenticated, CurrentUser, type Principal } from '@innoserve/identity';
import { ClaimListQuery, CreateClaimDto, UpdateClaimDto } from '../dto/claim-commands.dto.js';
import { ClaimPageDto, ClaimViewDto } from '../dto/claim-view.dto.js';
import { ClaimsService } from '../services/claims.service.js';
import type { ClaimView } from '../services/claim-views.js';

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post()
  @Authenticated()
  @ApiOperation({
    summary: 'Claim the subsidy of a completed order (the provider under 通兑, the enterprise under 通用)',
    description:
      'Carries the fapiao; the contract, the payment proof and the delivery report are attached automatically. 409 INVOICE_ALREADY_CLAIMED for a (code, number) already claimed; ' +
      '422 INVOICE_MISMATCH naming each field that does not match the order; 409 CLAIM_EXISTS for a second live claim on one order; 422 ORDER_NOT_CLAIMABLE, CLAIM_DEADLINE_PASSED; ' +
      '409 CLAIM_BLOCKED while a refund failed or money went back; 403 NOT_CLAIMANT for the other party; 404 for an order of others.',
  })
  @ApiCreatedResponse({ type: ClaimViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateClaimDto): Promise<ClaimView> {
    return this.claims.submit(me, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: "The caller's organizations' claims (as claimant), newest first" })
  @ApiOkResponse({ type: ClaimPageDto })
  list(@CurrentUser() me: Principal, @Query() q: ClaimListQuery): Promise<Page<ClaimView>> {
    return this.claims.list(me, q);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A claim (its parties; staff covering it also see the risk flags)', description: 'Others: 404.' })
  @ApiOkResponse({ type: ClaimViewDto })
  @VersionEtag()
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ClaimView> {
    return this.claims.get(me, id);
  }

  @Patch(':id')
  @Authenticated()
  @ApiOperation({ summary: 'Revise a claim returned for revision (claimant): the fapiao, the extra evidence', description: '409 CLAIM_NOT_EDITABLE unless returned; the fapiao rules of a submission.' })
  @ApiOkResponse({ type: ClaimViewDto })
  update(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateClaimDto): Promise<ClaimView> {
    return this.claims.update(me, id, dto);
  }

  @Post(':id/resubmit')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Resubmit a returned claim (claimant): back to level 1, the risk rules run again', description: '409 ILLEGAL_TRANSITION unless returned.' })
  @ApiOkResponse({ type: ClaimViewDto })
  resubmit(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ClaimView> {
    return this.claims.resubmit(me, id);
  }
}
