import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { AdminEnterpriseQuery } from '../dto/admin-enterprise-query.dto.js';
import { EnterprisePageDto } from '../dto/enterprise-page.dto.js';
import { EnterpriseViewDto } from '../dto/enterprise-view.dto.js';
import { VerificationDecisionDto } from '../dto/verification-decision.dto.js';
import { EnterpriseVerificationService } from '../services/enterprise-verification.service.js';
import type { EnterpriseView } from '../services/views.js';

@ApiTags('admin: organizations')
@ApiBearerAuth()
@Controller('admin/enterprises')
export class AdminEnterprisesController {
  constructor(private readonly verification: EnterpriseVerificationService) {}

  @Get()
  @Staff('county_reviewer', 'program_officer')
  @ApiOperation({ summary: "Enterprises in the caller's jurisdiction (county reviewer of the region, program officer), oldest submission first" })
  @ApiOkResponse({ type: EnterprisePageDto })
  list(@CurrentUser() me: Principal, @Query() q: AdminEnterpriseQuery): Promise<Page<EnterpriseView>> {
    return this.verification.list(me, q);
  }

  @Post(':id/verification')
  @Staff('county_reviewer', 'program_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verification decision: approve | reject | suspend | reinstate',
    description:
      'County reviewer of the enterprise region or program officer; outside the jurisdiction 404; a member of the organization 403 ' +
      'CONFLICT_OF_INTEREST; 409 STALE_VERSION when If-Match (or `version`) is not the current version; 409 ILLEGAL_TRANSITION from the wrong status; ' +
      'reason required for reject and suspend (400).',
  })
  @ApiOkResponse({ type: EnterpriseViewDto })
  @DecisionIfMatch()
  decide(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: VerificationDecisionDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<EnterpriseView> {
    return this.verification.decide(me, id, { ...dto, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }
}
