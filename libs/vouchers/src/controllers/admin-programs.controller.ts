import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PageQuery, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { ApplicationsService, type DrawOutcome } from '../programs/applications.service.js';
import { CreateProgramDto } from '../programs/dto/create-program.dto.js';
import { DrawOutcomeDto } from '../programs/dto/draw-outcome.dto.js';
import { FundProgramDto } from '../programs/dto/fund-program.dto.js';
import { LedgerEntryPageDto } from '../programs/dto/ledger-entry-view.dto.js';
import { LedgerQueryDto } from '../programs/dto/ledger-query.dto.js';
import { ProgramPageDto, ProgramViewDto } from '../programs/dto/program-view.dto.js';
import { SourceBalanceDto } from '../programs/dto/source-balance.dto.js';
import { UpdateProgramDto } from '../programs/dto/update-program.dto.js';
import type { ProgramView } from '../programs/program-views.js';
import { ProgramsService, type LedgerEntryView, type SourceBalance } from '../programs/programs.service.js';

@ApiTags('admin: voucher programs')
@ApiBearerAuth()
@Controller('admin/programs')
export class AdminProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly applications: ApplicationsService,
  ) {}

  @Get()
  @Staff('program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: "Programs in the caller's jurisdiction, any status" })
  @ApiOkResponse({ type: ProgramPageDto })
  list(@CurrentUser() me: Principal, @Query() q: PageQuery): Promise<Page<ProgramView>> {
    return this.programs.listForStaff(me, q);
  }

  @Post()
  @Staff('program_officer')
  @ApiOperation({ summary: 'Create a draft program', description: '422 FUNDING_SHARES_INVALID when the applicable shares of an eligible region do not sum to 10,000; 422 PROGRAM_INVALID.' })
  @ApiCreatedResponse({ type: ProgramViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateProgramDto): Promise<ProgramView> {
    return this.programs.create(me, dto);
  }

  @Patch(':id')
  @Staff('program_officer')
  @ApiOperation({ summary: 'Edit a draft program (409 PROGRAM_FROZEN once opened; the name may still change)' })
  @ApiOkResponse({ type: ProgramViewDto })
  update(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateProgramDto): Promise<ProgramView> {
    return this.programs.update(me, id, dto);
  }

  @Post(':id/open')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft → open (freezes sources, shares and rules)' })
  @ApiOkResponse({ type: ProgramViewDto })
  open(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProgramView> {
    return this.programs.transition(me, id, 'open');
  }

  @Post(':id/close')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'open → closed' })
  @ApiOkResponse({ type: ProgramViewDto })
  close(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProgramView> {
    return this.programs.transition(me, id, 'close');
  }

  @Post(':id/archive')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'closed → archived', description: '409 PROGRAM_NOT_SETTLED (with the reasons) while a hold is open, anything is payable, or a claim is in review.' })
  @ApiOkResponse({ type: ProgramViewDto })
  archive(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ProgramView> {
    return this.programs.transition(me, id, 'archive');
  }

  @Post(':id/draw')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lottery draw after close (seeded, reproducible; 409 PROGRAM_DRAW_REFUSED a second time)' })
  @ApiOkResponse({ type: DrawOutcomeDto })
  draw(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DrawOutcome> {
    return this.applications.draw(me, id);
  }

  @Post(':id/funding')
  @Staff('program_officer')
  @HttpCode(200)
  @ApiOperation({ summary: "Fund a source's pool (ledger fund); answers the balances per source" })
  @ApiOkResponse({ type: [SourceBalanceDto] })
  fund(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: FundProgramDto): Promise<SourceBalance[]> {
    return this.programs.fund(me, id, dto.sourceKey, BigInt(dto.amountFen));
  }

  @Post(':id/return-unspent')
  @Staff('finance_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: "Closing the books: each source's unspent pool back to the source (pool → funding), after the last claim deadline (finance officer)",
    description: '409 PROGRAM_NOT_CLOSED before the program is closed; 409 PROGRAM_NOT_SETTLED while a claim deadline is pending (a hold is open). May run again when lapses refill a pool.',
  })
  @ApiOkResponse({ type: [SourceBalanceDto] })
  returnUnspent(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SourceBalance[]> {
    return this.programs.returnUnspent(me, id);
  }

  @Get(':id/balances')
  @Staff('program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: 'Per source: budget, granted, held, payable, disbursed, lapsed, available' })
  @ApiOkResponse({ type: [SourceBalanceDto] })
  balances(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SourceBalance[]> {
    return this.programs.balances(me, id);
  }

  @Get(':id/ledger')
  @Staff('program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: 'Ledger entries, newest first (optionally of one account)' })
  @ApiOkResponse({ type: LedgerEntryPageDto })
  ledger(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: LedgerQueryDto): Promise<Page<LedgerEntryView>> {
    return this.programs.ledgerEntries(me, id, q);
  }
}
