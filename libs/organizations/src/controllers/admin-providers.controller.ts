import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecisionIfMatch, IfMatchVersion, expectedVersionOf, type Page } from '@innoserve/core';
import { CurrentUser, STAFF_ROLES, Staff, type Principal } from '@innoserve/identity';
import { AdminProviderQuery } from '../dto/admin-provider-query.dto.js';
import { AdmissionActionDto } from '../dto/admission-action.dto.js';
import { AdmissionResultDto } from '../dto/admission-result.dto.js';
import { ChangeRequestDecisionDto } from '../dto/change-request-decision.dto.js';
import { ChangeRequestViewDto } from '../dto/change-request-view.dto.js';
import { ObjectionViewDto } from '../dto/objection-view.dto.js';
import { ProviderPageDto } from '../dto/provider-page.dto.js';
import { ProviderAdmissionService, type AdmissionResult } from '../services/provider-admission.service.js';
import { ProviderChangeRequestsService } from '../services/provider-change-requests.service.js';
import type { ChangeRequestView, ObjectionView, ProviderView } from '../services/views.js';

@ApiTags('admin: organizations')
@ApiBearerAuth()
@Controller('admin/providers')
export class AdminProvidersController {
  constructor(
    private readonly admission: ProviderAdmissionService,
    private readonly changeRequests: ProviderChangeRequestsService,
  ) {}

  @Get()
  @Staff('program_officer')
  @ApiOperation({ summary: "Providers in the caller's jurisdiction (program officer), oldest application first" })
  @ApiOkResponse({ type: ProviderPageDto })
  list(@CurrentUser() me: Principal, @Query() q: AdminProviderQuery): Promise<Page<ProviderView>> {
    return this.admission.list(me, q);
  }

  @Post(':id/admission')
  @Staff(...STAFF_ROLES)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Admission action: review | start-notice | object | resolve-objection | admit | reject | suspend | reinstate | delist | renew',
    description:
      'Program officer for every action but `object`, which any staff covering the provider may take while it is in_notice (reason required; the ' +
      'provider stays in_notice). resolve-objection needs objectionId and upheld (upheld → rejected). start-notice ends after ADMISSION_NOTICE_DAYS; ' +
      'admit only after the notice ended (422 NOTICE_NOT_ENDED) with no open objection (422 OPEN_OBJECTIONS). Reason required for object, reject, ' +
      'suspend, delist (400). 409 ILLEGAL_TRANSITION from the wrong status; 403 CONFLICT_OF_INTEREST for a member of the organization.',
  })
  @ApiOkResponse({ type: AdmissionResultDto })
  @DecisionIfMatch()
  decide(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: AdmissionActionDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<AdmissionResult> {
    return this.admission.decide(me, id, { ...dto, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }

  @Get(':id/objections')
  @Staff('program_officer')
  @ApiOperation({ summary: 'Objections raised against a provider during its public notice' })
  @ApiOkResponse({ type: [ObjectionViewDto] })
  objections(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ObjectionView[]> {
    return this.admission.objections(me, id);
  }

  @Get(':id/change-requests')
  @Staff('program_officer')
  @ApiOperation({ summary: "A provider's change requests, newest first" })
  @ApiOkResponse({ type: [ChangeRequestViewDto] })
  listChangeRequests(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ChangeRequestView[]> {
    return this.changeRequests.list(me, id);
  }

  @Post(':id/change-requests/:requestId/decision')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve (applied to the live record) or reject (reason required) a change request' })
  @ApiOkResponse({ type: ChangeRequestViewDto })
  @DecisionIfMatch()
  decideChangeRequest(
    @CurrentUser() me: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() dto: ChangeRequestDecisionDto,
    @IfMatchVersion() ifMatch: number | undefined,
  ): Promise<ChangeRequestView> {
    return this.changeRequests.decide(me, id, requestId, { ...dto, expectedVersion: expectedVersionOf(ifMatch, dto.version) });
  }
}
