import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PageQuery, type Page } from '@innoserve/core';
import { Authenticated, CurrentUser, Public, type Principal } from '@innoserve/identity';
import { ApplicationsService, type ApplicationOutcome } from '../programs/applications.service.js';
import { ApplicationOutcomeDto } from '../programs/dto/application-outcome.dto.js';
import { CreateApplicationDto } from '../programs/dto/create-application.dto.js';
import { ProgramPageDto, ProgramViewDto } from '../programs/dto/program-view.dto.js';
import type { ProgramView } from '../programs/program-views.js';
import { ProgramsService } from '../programs/programs.service.js';

@ApiTags('voucher programs')
@ApiBearerAuth()
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @Public() // the bureau's open programs and their rules are public notices
  @ApiOperation({ summary: 'Open programs (no login needed)' })
  @ApiOkResponse({ type: ProgramPageDto })
  list(@Query() q: PageQuery): Promise<Page<ProgramView>> {
    return this.programs.listOpen(q);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A program and its rules (no login needed; drafts only to staff of its region, 404 to others)' })
  @ApiProblems(404)
  @ApiOkResponse({ type: ProgramViewDto })
  get(@Req() req: { user?: Principal }, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProgramView> {
    return this.programs.get(req.user ?? null, id);
  }

  @Post(':id/applications')
  @Authenticated()
  @ApiOperation({
    summary: 'Apply for a voucher grant (member of the enterprise)',
    description:
      '201 { application, grant? }. 404 when not a member; 409 PROGRAM_NOT_OPEN; 422 OUTSIDE_APPLICATION_WINDOW; 422 PROGRAM_ELIGIBILITY (errors name each failing rule); ' +
      '409 APPLICATION_EXISTS; first-come-first-served: 409 PROGRAM_BUDGET_EXHAUSTED, 422 GROUP_CAP_REACHED.',
  })
  @ApiCreatedResponse({ type: ApplicationOutcomeDto })
  apply(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CreateApplicationDto): Promise<ApplicationOutcome> {
    return this.applications.apply(me, id, { enterpriseId: dto.enterpriseId, requestedFen: BigInt(dto.requestedFen), purpose: dto.purpose });
  }
}
