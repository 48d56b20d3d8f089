import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { CreateSanctionDto, RepaymentDto, SanctionListQuery, SanctionPageDto, SanctionViewDto } from '../dto/sanction.dto.js';
import { SanctionsService, type ListedSanctionView, type SanctionView } from '../services/sanctions.service.js';

@ApiTags('admin: sanctions')
@ApiBearerAuth()
@Controller('admin/sanctions')
export class AdminSanctionsController {
  constructor(private readonly sanctions: SanctionsService) {}

  @Post()
  @Staff('program_officer')
  @ApiOperation({
    summary: 'Sanction an organization, with a reason (program officer of its region)',
    description:
      'void-grant (grantId): its free amount back to the pools, the grant voided; forfeit (orderId): the hold, or the claim not yet paid, back to the pools; ' +
      "clawback (claimId, amountFen): paid out → receivable, split over the claim's sources; suspend / delist: through the provider admission state machine; " +
      'blacklist (until, default three years). Suspend, delist and blacklist also cancel the orders not yet started (hold released, payment refunded), ' +
      'flag those under way for the officer, and hold the claims not yet paid (payment_held). 422 SANCTION_TARGET_MISMATCH, CLAWBACK_TOO_LARGE; 409 NOTHING_TO_SANCTION, CLAIM_IN_PAYMENT, ILLEGAL_TRANSITION.',
  })
  @ApiCreatedResponse({ type: SanctionViewDto })
  create(@CurrentUser() me: Principal, @Body() dto: CreateSanctionDto): Promise<SanctionView> {
    return this.sanctions.impose(me, { ...dto, amountFen: dto.amountFen === undefined ? undefined : BigInt(dto.amountFen) });
  }

  @Get()
  @Staff('program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: "Sanctions of the organizations in the caller's jurisdiction, newest first (an organization's history with organizationId)" })
  @ApiOkResponse({ type: SanctionPageDto })
  list(@CurrentUser() me: Principal, @Query() q: SanctionListQuery): Promise<Page<ListedSanctionView>> {
    return this.sanctions.list(me, q);
  }

  @Get(':id')
  @Staff('program_officer', 'finance_officer', 'auditor')
  @ApiOperation({ summary: 'A sanction, with what it did' })
  @ApiOkResponse({ type: SanctionViewDto })
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<SanctionView> {
    return this.sanctions.get(me, id);
  }

  @Post(':id/repayments')
  @Staff('finance_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record clawed-back money received: receivable → pool, split over the sources still owed (finance officer)', description: '422 REPAYMENT_TOO_LARGE; 409 NOT_A_CLAWBACK.' })
  @ApiOkResponse({ type: SanctionViewDto })
  repay(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RepaymentDto): Promise<SanctionView> {
    return this.sanctions.repay(me, id, { amountFen: BigInt(dto.amountFen), bankReference: dto.bankReference, paidOn: dto.paidOn });
  }
}
