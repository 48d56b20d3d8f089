import { ApiProperty } from '@nestjs/swagger';
import { ENTERPRISE_STATUSES, type EnterpriseStatus } from '../domain/enterprise-verification.state-machine.js';
import { INDUSTRIES, SIZE_CLASSES, type Industry, type SizeClass } from '../domain/size-classifier.js';
import { OrganizationViewDto } from './organization-view.dto.js';

export class EnterpriseViewDto extends OrganizationViewDto {
  @ApiProperty({ enum: INDUSTRIES }) industry!: Industry;
  @ApiProperty({ type: 'integer' }) employees!: number;
  @ApiProperty({ type: 'integer', description: 'fen' }) annualRevenueFen!: number;
  @ApiProperty({ type: 'integer', description: 'fen' }) totalAssetsFen!: number;
  @ApiProperty({ enum: SIZE_CLASSES, description: 'MIIT 2011 size class, computed from the inputs' }) sizeClass!: SizeClass;
  @ApiProperty({ type: String, nullable: true }) techSmeNo!: string | null;
  @ApiProperty({ type: String, nullable: true }) highTechCertNo!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) highTechCertExpiresOn!: string | null;
  @ApiProperty() littleGiant!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The business licence file (GET /api/v1/files/:id: members and the reviewers who may decide)' })
  businessLicenceFileId!: string | null;
  @ApiProperty({ enum: ENTERPRISE_STATUSES }) status!: EnterpriseStatus;
  @ApiProperty({ type: String, nullable: true }) rejectionReason!: string | null;
  @ApiProperty({ type: String, nullable: true }) suspensionReason!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) verifiedAt!: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version a staff decision sends back as If-Match (also the ETag)' }) version!: number;
}
