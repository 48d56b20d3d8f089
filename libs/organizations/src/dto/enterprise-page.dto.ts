import { ApiProperty } from '@nestjs/swagger';
import { EnterpriseViewDto } from './enterprise-view.dto.js';

export class EnterprisePageDto {
  @ApiProperty({ type: [EnterpriseViewDto] }) items!: EnterpriseViewDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
