import { ApiProperty } from '@nestjs/swagger';
import { AuditAnchorSummaryDto } from './audit-anchor-summary.dto.js';

/** GET /admin/audit/verification: the chain's state as verified on this request. */
export class AuditVerificationDto {
  @ApiProperty({ description: 'No problem found: every stream chain and every anchor recomputes' }) ok!: boolean;
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ type: 'integer', description: 'How long the verification took' }) tookMs!: number;
  @ApiProperty({ type: AuditAnchorSummaryDto, nullable: true, description: 'The newest anchor; null before the first seal' }) lastAnchor!: AuditAnchorSummaryDto | null;
  @ApiProperty({ type: 'integer' }) entries!: number;
  @ApiProperty({ type: 'integer' }) streams!: number;
  @ApiProperty({ type: 'integer' }) anchors!: number;
  @ApiProperty({ type: 'integer', description: 'Entries not yet sealed by an anchor (only their stream chains vouch for them)' }) unanchored!: number;
  @ApiProperty({ type: [String], description: 'What is wrong, each naming the entry or anchor (audit_entry #id …, audit_anchor #id …)' }) problems!: string[];
}
