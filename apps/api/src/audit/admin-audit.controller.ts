import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Page } from '@innoserve/core';
import { AuditEntryView, AuditReader, ListAuditEntriesQuery } from '@innoserve/audit';
import { Staff } from '@innoserve/identity';

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
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by entity (stream) and actor' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['items', 'total', 'page', 'pageSize'],
      properties: {
        items: { type: 'array', items: { $ref: getSchemaPath(AuditEntryView) } },
        total: { type: 'integer' },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
      },
    },
  })
  list(@Query() query: ListAuditEntriesQuery): Promise<Page<AuditEntryView>> {
    return this.reader.list(query);
  }
}
