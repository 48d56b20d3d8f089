import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** POST /admin/programs/:id/funding: what a source commits to the program. */
export class FundProgramDto {
  @ApiProperty({ example: 'city' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/)
  sourceKey!: string;

  @ApiProperty({ type: 'integer', example: 100_000_000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;
}
