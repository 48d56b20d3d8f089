import { ApiProperty } from '@nestjs/swagger';
import { ApplicationViewDto } from './application-view.dto.js';

export class ApplicationPageDto {
  @ApiProperty({ type: [ApplicationViewDto] }) items!: ApplicationViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
