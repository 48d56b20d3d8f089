import { ApiProperty } from '@nestjs/swagger';
import { CHANGE_REQUEST_STATUSES, type ChangeRequestStatus } from '../entities/provider-change-request.entity.js';

export class ChangeRequestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Requested new values of the fields that change' })
  changes!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The live values of the same fields when requested' })
  previous!: Record<string, unknown>;
  @ApiProperty({ enum: CHANGE_REQUEST_STATUSES }) status!: ChangeRequestStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version a staff decision sends back as If-Match (also the ETag)' }) version!: number;
}
