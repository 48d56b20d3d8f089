import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Clock, DomainError, ForbiddenError, msg, type Page } from '@innoserve/core';
import { AuditEntryView, AuditReader, AuditVerifier, ListAuditEntriesQuery } from '@innoserve/audit';
import { pgCode } from '@innoserve/database';
import { CITY_CODE, CurrentUser, Staff, staffCovers, type Principal } from '@innoserve/identity';
import { auditPageSchema } from './audit-page.schema.js';
import { AuditVerificationDto } from './audit-verification.dto.js';

/**
 * Each statement of an on-request verification is cancelled after this long. The verifier pages
 * through the log 2,000 entries at a time, each page a few milliseconds; a statement this slow
 * means the database is struggling, and the console should not hold a connection for it.
 */
const VERIFY_STATEMENT_TIMEOUT_MS = 5_000;

/**
 * The audit log for auditors. Lives in the api app rather than libs/audit: the policy decorators
 * come from identity, which sits above audit in the import order.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ApiExtraModels(AuditEntryView)
@Controller('admin/audit')
export class AdminAuditController {
  constructor(
    private readonly reader: AuditReader,
    private readonly verifier: AuditVerifier,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Staff('auditor')
  @ApiOperation({
    summary: 'Audit entries, newest first, filtered by entity (stream), actor and time',
    description: '`from` inclusive, `to` exclusive (date-times with their offset); 422 INVALID_TIME_RANGE when from is after to. City-wide auditors and super-admins (403 AUDIT_CITY_ONLY).',
  })
  @ApiOkResponse({ schema: auditPageSchema() })
  @ApiProblems(422)
  list(@CurrentUser() user: Principal, @Query() query: ListAuditEntriesQuery): Promise<Page<AuditEntryView>> {
    assertCityAuditor(user);
    return this.reader.list(query);
  }

  @Get('verification')
  @Staff('auditor')
  @ApiOperation({
    summary: 'The audit chain verification status: the last sealed anchor and the result of verifying the whole chain now',
    description:
      'City-wide auditors and super-admins (403 AUDIT_CITY_ONLY). Every request runs a full verification (AuditVerifier.verify: every stream chain and ' +
      'every anchor recomputed in one read-only snapshot), not an incremental one from the last anchor: the logs of the seeded data are small, the ' +
      'verifier pages through them 2,000 entries at a time, and an incremental check would trust the anchors it starts from. `tookMs` says what it ' +
      'cost. Each statement is cancelled after 5 s; a cancelled check is ' +
      '503 AUDIT_VERIFICATION_TIMEOUT (the command `npm run audit:verify` has no such limit). `problems` name the entry or anchor that does not ' +
      'recompute; at most 1,000 are listed.',
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiProblems(503)
  async verification(@CurrentUser() user: Principal): Promise<AuditVerificationDto> {
    assertCityAuditor(user);
    const started = Date.now();
    const checkedAt = this.clock.now();
    try {
      const r = await this.verifier.verify({ statementTimeoutMs: VERIFY_STATEMENT_TIMEOUT_MS });
      const a = r.lastAnchor;
      return {
        ok: r.ok,
        checkedAt: checkedAt.toISOString(),
        tookMs: Date.now() - started,
        lastAnchor: a && { ...a, sealedAt: a.sealedAt.toISOString() },
        entries: r.entries,
        streams: r.streams,
        anchors: r.anchors,
        unanchored: r.unanchored,
        problems: r.problems,
      };
    } catch (e) {
      if (pgCode(e) === '57014') {
        throw new DomainError(
          503,
          'AUDIT_VERIFICATION_TIMEOUT',
          msg('The audit chain could not be verified in time; try again later or run npm run audit:verify.', '审计链校验超时，请稍后重试或运行 npm run audit:verify。'),
        );
      }
      throw e;
    }
  }
}

/** The log spans every county's organizations: only city-wide auditors (and super-admins) read it. */
function assertCityAuditor(user: Principal): void {
  if (!staffCovers(user, ['auditor'], CITY_CODE)) {
    throw new ForbiddenError(msg('Only city-level auditors may read the audit log.', '仅市级审计人员可查看审计日志。'), 'AUDIT_CITY_ONLY');
  }
}
