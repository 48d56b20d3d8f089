import { ApiProperty } from '@nestjs/swagger';

/** What a lottery draw did (POST /admin/programs/:id/draw). */
export class DrawOutcomeDto {
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ description: "The program's lottery seed (hex): the draw is reproducible from it" }) seed!: string;
  @ApiProperty({ type: 'integer' }) granted!: number;
  @ApiProperty({ type: 'integer' }) notDrawn!: number;
  @ApiProperty({ type: 'string', format: 'uuid', isArray: true, description: 'Application ids in drawn order' }) order!: string[];
}
