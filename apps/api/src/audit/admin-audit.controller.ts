import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, ForbiddenError, msg, type Page } from '@innoserve/core';
import { AuditEntryView, AuditReader, ListAuditEntriesQuery } from '@innoserve/audit';
import { auditPageSchema } from './audit-page.schema.js';
import { CITY_CODE, CurrentUser, Staff, staffCovers, type Principal } from '@innoserve/identity';

/**
 * The audit log for auditors. Lives in the api app rather than libs/audit: the policy decorators
 * come from identity, which sits above audit in the import order.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(AuditEntryView)
@Controller('admin/audit')
export class AdminAuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @Staff('auditor')
  @ApiOperation({
    summary: 'Audit entries, newest first, filtered by entity (stream), actor and time',
    description: '`from` inclusive, `to` exclusive (date-times with their offset); 422 INVALID_TIME_RANGE when from is after to. City-wide auditors and super-admins (403 AUDIT_CITY_ONLY).',
  })
  @ApiOkResponse({ schema: auditPageSchema() })
  @ApiProblems(422)
  list(@CurrentUser() user: Principal, @Query() query: ListAuditEntriesQuery): Promise<Page<AuditEntryView>> {
    // the log spans every county's organizations: only city-wide auditors (and super-admins) read it
    if (!staffCovers(user, ['auditor'], CITY_CODE)) {
      throw new ForbiddenError(msg('Only city-level auditors may read the audit log.', '仅市级审计人员可查看审计日志。'), 'AUDIT_CITY_ONLY');
    }
    return this.reader.list(query);
  }
}
