import { ApiProperty } from '@nestjs/swagger';
import { OfferingViewDto } from './offering-view.dto.js';

export class OfferingPageDto {
  @ApiProperty({ type: [OfferingViewDto] }) items!: OfferingViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
