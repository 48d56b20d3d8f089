import { ApiProperty } from '@nestjs/swagger';
import { QueuedApplicationViewDto } from './application-view.dto.js';

export class ApplicationPageDto {
  @ApiProperty({ type: [QueuedApplicationViewDto] }) items!: QueuedApplicationViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
