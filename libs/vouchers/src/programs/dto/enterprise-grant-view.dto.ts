import { ApiProperty } from '@nestjs/swagger';
import { GrantViewDto } from './grant-view.dto.js';

/** A grant with its balances, as GET /enterprises/:id/grants answers it. */
export class EnterpriseGrantViewDto extends GrantViewDto {
  @ApiProperty({ type: 'integer', description: 'Still to spend' }) availableFen!: number;
  @ApiProperty({ type: 'integer', description: 'Held by accepted orders' }) heldFen!: number;
  @ApiProperty({ type: 'integer', description: 'Redeemed by approved claims' }) redeemedFen!: number;
}
