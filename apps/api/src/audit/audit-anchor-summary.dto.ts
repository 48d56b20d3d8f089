import { ApiProperty } from '@nestjs/swagger';

/** The newest seal over the audit log. */
export class AuditAnchorSummaryDto {
  @ApiProperty({ description: 'The anchor id (bigint as a string)' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The lowest audit entry id it seals (null when it sealed none)' }) fromEntryId!: string | null;
  @ApiProperty({ description: 'The highest audit entry id it seals' }) uptoEntryId!: string;
  @ApiProperty({ description: 'The exclusive upper bound of the transactions it seals (xid8)' }) uptoXactId!: string;
  @ApiProperty({ type: 'integer', description: 'How many entries it seals' }) entryCount!: number;
  @ApiProperty({ format: 'date-time' }) sealedAt!: string;
  @ApiProperty({ description: 'sha256 over the previous anchor hash and the sealed entries’ hashes, hex' }) hash!: string;
}
