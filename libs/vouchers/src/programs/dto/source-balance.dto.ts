import { ApiProperty } from '@nestjs/swagger';

/** A funding source's money (GET /admin/programs/:id/balances; also the answer of funding and return-unspent). */
export class SourceBalanceDto {
  @ApiProperty({ example: 'city' }) sourceKey!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'A county pool\'s region; null: a city-wide source' }) regionCode!: string | null;
  @ApiProperty({ type: 'integer', description: 'Funded into the pool' }) budgetFen!: number;
  @ApiProperty({ type: 'integer' }) grantedFen!: number;
  @ApiProperty({ type: 'integer' }) heldFen!: number;
  @ApiProperty({ type: 'integer' }) payableFen!: number;
  @ApiProperty({ type: 'integer' }) disbursedFen!: number;
  @ApiProperty({ type: 'integer' }) lapsedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Sent back to the source when the books were closed (pool → funding)' }) returnedFen!: number;
  @ApiProperty({ type: 'integer', description: 'The pool' }) availableFen!: number;
}
