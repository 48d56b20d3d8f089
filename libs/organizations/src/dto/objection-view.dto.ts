import { ApiProperty } from '@nestjs/swagger';
import { OBJECTION_STATUSES, type ObjectionStatus } from '../entities/admission-objection.entity.js';

export class ObjectionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) raisedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: OBJECTION_STATUSES }) status!: ObjectionStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resolvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolutionReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
}
