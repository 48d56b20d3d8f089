import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, type Page } from '@innoserve/core';
import { CurrentUser, Staff, type Principal } from '@innoserve/identity';
import { BatchListQuery, BatchPageDto, BatchViewDto, BuildBatchDto, ExportQuery, MarkPaidDto } from '../dto/disbursement.dto.js';
import { DisbursementsService, type BatchView } from '../services/disbursements.service.js';

@ApiTags('admin: disbursements')
@ApiBearerAuth()
@Controller('admin/disbursements')
export class AdminDisbursementsController {
  constructor(private readonly disbursements: DisbursementsService) {}

  @Post()
  @Staff('finance_officer')
  @ApiOperation({
    summary: "Build a batch of the approved, unpaid (claim, source) lines of one program's funding source (finance officer)",
    description:
      "Each line copies the payee's verified bank account; lines whose account is unverified, changed since verification, not in the payee's registered name or without a 联行号 are left out " +
      '(listed in `skipped` with the reason) until fixed. 422 NOTHING_TO_DISBURSE; 422 UNKNOWN_SOURCE; 404 outside the jurisdiction.',
  })
  @ApiCreatedResponse({ type: BatchViewDto })
  build(@CurrentUser() me: Principal, @Body() dto: BuildBatchDto): Promise<BatchView> {
    return this.disbursements.build(me, dto.programId, dto.sourceKey);
  }

  @Get()
  @Staff('finance_officer', 'program_officer', 'auditor')
  @ApiOperation({ summary: "Batches of the programs in the caller's jurisdiction, newest first" })
  @ApiOkResponse({ type: BatchPageDto })
  list(@CurrentUser() me: Principal, @Query() q: BatchListQuery): Promise<Page<BatchView>> {
    return this.disbursements.list(me, q);
  }

  @Get(':id')
  @Staff('finance_officer', 'program_officer', 'auditor')
  @ApiOperation({ summary: 'A batch with its lines' })
  @ApiOkResponse({ type: BatchViewDto })
  get(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BatchView> {
    return this.disbursements.get(me, id);
  }

  @Get(':id/export')
  @Staff('finance_officer')
  @ApiProblems(409)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOperation({
    summary: 'The bank-transfer file of a batch: XLSX, or CSV (UTF-8 with BOM)',
    description: 'Columns in order: 序号, 收款人户名, 收款账号, 开户行, 联行号, 金额(元) (two decimals), 金额(分), 附言 (the claim number and the fiscal year). 409 BATCH_NOT_OPEN for a cancelled batch.',
  })
  async export(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: ExportQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.disbursements.export(me, id, q.format);
    void reply.header('content-type', file.mime).header('content-disposition', `attachment; filename="${file.name}"`).header('cache-control', 'private, no-store');
    return file.bytes;
  }

  @Post(':id/cancel')
  @Staff('finance_officer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unpaid batch: its lines become payable again', description: '409 BATCH_ALREADY_PAID, BATCH_NOT_OPEN.' })
  @ApiOkResponse({ type: BatchViewDto })
  cancel(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<BatchView> {
    return this.disbursements.cancel(me, id);
  }

  @Post(':id/paid')
  @Staff('finance_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Mark a batch paid with the bank reference and date (a finance officer other than its builder)',
    description: 'payable → disbursed in the ledger for every line but the failed ones (退票), which become payable again. 403 FOUR_EYES_REQUIRED; 409 BATCH_ALREADY_PAID (also for a concurrent second request).',
  })
  @ApiOkResponse({ type: BatchViewDto })
  markPaid(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MarkPaidDto): Promise<BatchView> {
    return this.disbursements.markPaid(me, id, dto);
  }
}
