import { ApiProperty } from '@nestjs/swagger';

/** A funding source's share of a grant. */
export class GrantPartViewDto {
  @ApiProperty() source!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
}
