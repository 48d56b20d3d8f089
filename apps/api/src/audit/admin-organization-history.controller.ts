import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForbiddenError, NotFoundError, type Page } from '@innoserve/core';
import { AuditEntryView, AuditHistoryQuery, AuditReader } from '@innoserve/audit';
import { SanctionsService } from '@innoserve/claims';
import { CurrentUser, Staff, jurisdictionCovers, staffCovers, type Principal, type StaffRole } from '@innoserve/identity';
import { OrganizationsService } from '@innoserve/organizations';
import { auditPageSchema } from './audit-page.schema.js';

/** Who reads an organization's history (docs/api.md: program officers, auditors, super-admins), within their jurisdiction. */
const HISTORY_ROLES: readonly StaffRole[] = ['program_officer', 'auditor'];

/**
 * An organization's history: an audit read scoped to the organization. Its own stream holds its
 * registration, verification, admission, objections, change requests, memberships, blacklisting
 * and sanctions as they hit it; each sanction also has a stream of its own (imposed, repaid), read
 * here too. Lives in the api app: it joins organizations, claims (sanctions) and audit.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(AuditEntryView)
@Controller('admin/organizations')
export class AdminOrganizationHistoryController {
  constructor(
    private readonly reader: AuditReader,
    private readonly organizations: OrganizationsService,
    private readonly sanctions: SanctionsService,
  ) {}

  @Get(':id/history')
  @Staff('program_officer', 'auditor')
  @ApiOperation({
    summary: "An organization's history: the audit entries about it, newest first",
    description:
      "Its own stream (registration, verification, admission, objections, change requests, members, blacklisting, sanctions) and its sanctions' streams. " +
      "Program officers and auditors whose jurisdiction covers the organization's region, and super-admins; other staff who see the organization 403, " +
      'an organization outside the jurisdiction 404.',
  })
  @ApiOkResponse({ schema: auditPageSchema() })
  async history(@CurrentUser() me: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: AuditHistoryQuery): Promise<Page<AuditEntryView>> {
    const org = await this.organizations.find(id);
    if (!org || !me.staff.some((g) => jurisdictionCovers(g.regionCodes, org.regionCode))) throw new NotFoundError('organization');
    if (!staffCovers(me, HISTORY_ROLES, org.regionCode)) throw new ForbiddenError();
    return this.reader.list(q, [
      { streamType: 'organization', streamIds: [org.id] },
      { streamType: 'sanction', streamIds: await this.sanctions.idsOf(org.id) },
    ]);
  }
}
