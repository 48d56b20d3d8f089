import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { QueueCount } from '@innoserve/core';
import { CurrentUser, STAFF_ROLES, Staff, type Principal } from '@innoserve/identity';
import { EnterpriseVerificationService, ProviderAdmissionService } from '@innoserve/organizations';
import { OfferingsService } from '@innoserve/catalog';
import { ApplicationsService } from '@innoserve/vouchers';
import { ClaimsService } from '@innoserve/claims';
import { AdminQueuesDto } from './admin-queues.dto.js';

/**
 * The console menu's counts. Each count is the list route's own query (its jurisdiction scope) with
 * the "waiting for a decision" condition, as one COUNT/MIN; the app composes them because the
 * queues live in four libs.
 */
@ApiTags('admin: queues')
@ApiBearerAuth()
@Controller('admin/queues')
export class AdminQueuesController {
  constructor(
    private readonly verification: EnterpriseVerificationService,
    private readonly admission: ProviderAdmissionService,
    private readonly offerings: OfferingsService,
    private readonly applications: ApplicationsService,
    private readonly claims: ClaimsService,
  ) {}

  @Get()
  @Staff(...STAFF_ROLES)
  @ApiOperation({
    summary: "The staff queues' sizes and longest waits for the console menu",
    description:
      'Any staff member. A key is present only for a queue the caller may act on (docs/api.md "Who may do what"), counted within the jurisdiction of ' +
      'the roles that act on it: verification and applications (county reviewer of the region, program officer), admission and offerings (program ' +
      'officer), claims (county level for county reviewers, city level for city reviewers). oldestSince is the time the list route sorts by.',
  })
  @ApiOkResponse({ type: AdminQueuesDto })
  async counts(@CurrentUser() me: Principal): Promise<AdminQueuesDto> {
    const [verification, admission, offerings, applications, claims] = await Promise.all([
      this.verification.queueCount(me),
      this.admission.queueCount(me),
      this.offerings.queueCount(me),
      this.applications.queueCount(me),
      this.claims.queueCount(me),
    ]);
    const out: AdminQueuesDto = {};
    const entries: [keyof AdminQueuesDto, QueueCount | null][] = [
      ['verification', verification],
      ['admission', admission],
      ['offerings', offerings],
      ['applications', applications],
      ['claims', claims],
    ];
    for (const [key, count] of entries) if (count) out[key] = count;
    return out;
  }
}
