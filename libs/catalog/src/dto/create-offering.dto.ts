import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { QUALIFICATION_KINDS, type QualificationKind } from '@innoserve/organizations';
import { DELIVERABLES_MAX, DESCRIPTION_MAX, TITLE_MAX } from '../entities/offering-fields.js';
import { EnumListField, StringListField, TextField } from './fields.js';
import { PricingDto } from './pricing.dto.js';

/** POST /offerings: a new draft of an admitted provider, in one of its admitted categories (or a sub-category). */
export class CreateOfferingDto {
  @ApiProperty({ type: String, format: 'uuid', description: "The provider's organization id" })
  @IsUUID('all')
  providerId!: string;

  @ApiProperty({ type: String, format: 'uuid' })
  @IsUUID('all')
  categoryId!: string;

  @TextField(TITLE_MAX, 'required', '纺织面料成分及色牢度检测（CNAS/CMA 报告）')
  title!: string;

  @TextField(DESCRIPTION_MAX)
  description!: string;

  @TextField(DELIVERABLES_MAX)
  deliverables!: string;

  @ApiProperty({ type: PricingDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PricingDto)
  pricing!: PricingDto;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3650 })
  @IsInt()
  @Min(0)
  @Max(3650)
  leadTimeDays!: number;

  @StringListField({ maxItems: 20, minItems: 1, maxLength: 6, pattern: /^\d{6}$/, example: ['350582'] })
  regionCodes!: string[];

  @StringListField({ maxItems: 20, maxLength: 30, example: ['色牢度', 'CNAS'] })
  tags!: string[];

  @EnumListField(QUALIFICATION_KINDS, QUALIFICATION_KINDS.length)
  qualificationKinds!: QualificationKind[];
}
