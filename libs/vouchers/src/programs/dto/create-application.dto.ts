import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

/** POST /programs/:id/applications, by a member of the enterprise. */
export class CreateApplicationDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @MaxLength(36)
  @IsUUID()
  enterpriseId!: string;

  @ApiProperty({ type: 'integer', example: 5_000_000 })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  requestedFen!: number;

  @ApiProperty({ example: '新产品检测认证' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  purpose!: string;
}
