import { getSchemaPath } from '@nestjs/swagger';
import { AuditEntryView } from '@innoserve/audit';

/** The OpenAPI schema of a page of audit entries. */
export function auditPageSchema(): Record<string, unknown> {
  return {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize'],
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(AuditEntryView) } },
      total: { type: 'integer' },
      page: { type: 'integer' },
      pageSize: { type: 'integer' },
    },
  };
}
