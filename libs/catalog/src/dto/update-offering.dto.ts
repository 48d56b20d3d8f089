import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { QUALIFICATION_KINDS, type QualificationKind } from '@innoserve/organizations';
import { DELIVERABLES_MAX, DESCRIPTION_MAX, TITLE_MAX } from '../entities/offering-fields.js';
import { EnumListField, IfPresent, StringListField, TextField } from './fields.js';
import { PricingDto } from './pricing.dto.js';

/**
 * PATCH /offerings/:id: any subset of the editable fields (pricing is replaced as a whole).
 * A draft changes in place; a published or suspended offering gets a pending revision.
 */
export class UpdateOfferingDto {
  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IfPresent()
  @IsUUID('all')
  categoryId?: string;

  @TextField(TITLE_MAX, 'optional')
  title?: string;

  @TextField(DESCRIPTION_MAX, 'optional')
  description?: string;

  @TextField(DELIVERABLES_MAX, 'optional')
  deliverables?: string;

  @ApiPropertyOptional({ type: PricingDto })
  @IfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => PricingDto)
  pricing?: PricingDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 3650 })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays?: number;

  @StringListField({ maxItems: 20, minItems: 1, maxLength: 6, pattern: /^\d{6}$/, example: ['350582'] }, 'optional')
  regionCodes?: string[];

  @StringListField({ maxItems: 20, maxLength: 30 }, 'optional')
  tags?: string[];

  @EnumListField(QUALIFICATION_KINDS, QUALIFICATION_KINDS.length, 'optional')
  qualificationKinds?: QualificationKind[];
}
