import { ApiProperty } from '@nestjs/swagger';
import { ADMISSION_STATUSES, type AdmissionStatus } from '../domain/provider-admission.state-machine.js';
import { PROVIDER_TYPES, type ProviderType } from '../domain/provider-types.js';
import { OrganizationViewDto } from './organization-view.dto.js';
import { QualificationViewDto } from './qualification-view.dto.js';

export class ProviderRatingDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Average 1–5 (two decimals); null before the first review' }) average!: number | null;
  @ApiProperty({ type: 'integer' }) count!: number;
}

export class ProviderViewDto extends OrganizationViewDto {
  @ApiProperty({ enum: PROVIDER_TYPES, isArray: true }) providerTypes!: ProviderType[];
  @ApiProperty({ type: [QualificationViewDto] }) qualifications!: QualificationViewDto[];
  @ApiProperty({ type: [String], description: 'Requested service categories' }) categoryIds!: string[];
  @ApiProperty({ type: [String], description: 'Categories the provider is admitted in (set on admission)' }) admittedCategoryIds!: string[];
  @ApiProperty({ enum: ADMISSION_STATUSES }) admissionStatus!: AdmissionStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) noticeStartsAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) noticeEndsAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) admittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) admissionExpiresAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Reason of the last decision that carried one' }) decisionReason!: string | null;
  @ApiProperty({ type: 'integer', description: 'Objections raised during the public notice and not yet resolved' }) openObjections!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) pendingChangeRequestId!: string | null;
  @ApiProperty({ type: ProviderRatingDto, description: "The enterprises' reviews of completed orders" }) rating!: ProviderRatingDto;
  @ApiProperty({ type: String, format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The version a staff decision sends back as If-Match (also the ETag)' }) version!: number;
}
