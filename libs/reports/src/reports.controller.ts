import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Public, Staff, type Principal } from '@innoserve/identity';
import { ProgramReportDto } from './dto/program-report.dto.js';
import { PublicStatisticsDto } from './dto/public-statistics.dto.js';
import { ReportsService, type ScopedReport } from './reports.service.js';
import type { PublicStatistics } from './public-statistics.js';

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('admin/reports/programs/:id')
  @Staff('county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor')
  @ApiBearerAuth()
  @ApiOperation({
    summary: "A program's report: money per funding source (reconciled to the ledger), by county and category, the claim pipeline, review times, the provider league table, participation and the performance indicators with their formulas",
    description: "Whole for staff covering the issuing region; a county's part (its pools and enterprises) for county staff; 404 outside the jurisdiction.",
  })
  @ApiOkResponse({ type: ProgramReportDto })
  program(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string): Promise<ScopedReport> {
    return this.reports.program(me, id);
  }

  @Get('admin/reports/programs/:id/export')
  @Staff('county_reviewer', 'city_reviewer', 'program_officer', 'finance_officer', 'auditor')
  @ApiBearerAuth()
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'The same report as an XLSX workbook, one sheet per section' })
  async export(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.reports.programXlsx(me, id);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${file.name}"`)
      .header('cache-control', 'private, no-store');
    return file.bytes;
  }

  @Get('public/statistics')
  @Public()
  @ApiOperation({
    summary: 'Aggregate figures for the public transparency page (no login)',
    description: 'No figure identifies an enterprise with fewer than 3 in its cell: small cells and their complementary cells are null.',
  })
  @ApiOkResponse({ type: PublicStatisticsDto })
  statistics(): Promise<PublicStatistics> {
    return this.reports.publicStatistics();
  }
}
