import { ApiProperty } from '@nestjs/swagger';
import { ProviderViewDto } from './provider-view.dto.js';

export class ProviderPageDto {
  @ApiProperty({ type: [ProviderViewDto] }) items!: ProviderViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
