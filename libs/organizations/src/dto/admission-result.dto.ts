import { ApiPropertyOptional } from '@nestjs/swagger';
import { ObjectionViewDto } from './objection-view.dto.js';
import { ProviderViewDto } from './provider-view.dto.js';

/** The provider after an admission action; `object` and `resolve-objection` also return the objection. */
export class AdmissionResultDto extends ProviderViewDto {
  @ApiPropertyOptional({ type: ObjectionViewDto }) objection?: ObjectionViewDto;
}
