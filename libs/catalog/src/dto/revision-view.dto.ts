import { ApiProperty } from '@nestjs/swagger';
import { QUALIFICATION_KINDS, type QualificationKind } from '@innoserve/organizations';
import { REVISION_STATUSES, type RevisionStatus } from '../entities/offering-revision.entity.js';
import { PricingViewDto } from './pricing-view.dto.js';

/** A proposed edit of a published offering (the full proposed field set). */
export class RevisionViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) offeringId!: string;
  @ApiProperty({ enum: REVISION_STATUSES }) status!: RevisionStatus;
  @ApiProperty({ format: 'uuid' }) categoryId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty() deliverables!: string;
  @ApiProperty({ type: PricingViewDto }) pricing!: PricingViewDto;
  @ApiProperty() leadTimeDays!: number;
  @ApiProperty({ type: [String] }) regionCodes!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ enum: QUALIFICATION_KINDS, isArray: true }) qualificationKinds!: QualificationKind[];
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
