import { ApiProperty } from '@nestjs/swagger';
import { ProviderRatingDto, QUALIFICATION_KINDS, type QualificationKind } from '@innoserve/organizations';
import { OFFERING_STATUSES, type OfferingStatus } from '../domain/offering-state-machine.js';
import { PricingViewDto } from './pricing-view.dto.js';
import { RevisionViewDto } from './revision-view.dto.js';

/** An offering as the API shows it. The public sees only searchable ones, without moderation details. */
export class OfferingViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty() providerName!: string;
  @ApiProperty({ type: ProviderRatingDto, description: "The provider's review rating (average 1–5, count)" }) providerRating!: ProviderRatingDto;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() deliverables!: string;
  @ApiProperty({ type: PricingViewDto }) pricing!: PricingViewDto;
  @ApiProperty() leadTimeDays!: number;
  @ApiProperty({ type: [String] }) regionCodes!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: QUALIFICATION_KINDS, isArray: true }) qualificationKinds!: QualificationKind[];
  @ApiProperty({ enum: OFFERING_STATUSES }) status!: OfferingStatus;
  @ApiProperty({ description: 'Whether the offering is publicly searchable right now' }) searchable!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was last rejected or suspended (members and staff only)' }) rejectionReason!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When it entered the moderation queue, which its age counts from: its pending revision's submission, else its own (members and staff only)",
  })
  queuedSince!: string | null;
  @ApiProperty({ type: String, nullable: true }) publishedAt!: string | null;
  @ApiProperty({ type: RevisionViewDto, nullable: true, description: 'The pending revision (members and staff only)' }) pendingRevision!: RevisionViewDto | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
