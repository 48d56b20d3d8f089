import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApplicationViewDto } from './application-view.dto.js';
import { GrantViewDto } from './grant-view.dto.js';

/** An application and, when it was granted, its grant. */
export class ApplicationOutcomeDto {
  @ApiProperty({ type: ApplicationViewDto }) application!: ApplicationViewDto;
  @ApiPropertyOptional({ type: GrantViewDto }) grant?: GrantViewDto;
}
