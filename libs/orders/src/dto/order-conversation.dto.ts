import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class PostMessageDto {
  @ApiProperty({ maxLength: 4000 })
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  @Matches(/\S/, { message: '$property must not be blank' })
  body!: string;

  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'Files the author uploaded (POST /api/v1/files)' })
  @ValidateIf((_o: object, v: unknown) => v !== undefined)
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  fileIds?: string[];
}

export class ReviewDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5 })
  @IsInt()
  @Min(1)
  @Max(5)
  rating!: number;

  @ApiProperty({ maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  comment!: string;
}

export class OrderMessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty({ enum: ['enterprise', 'provider'] }) side!: 'enterprise' | 'provider';
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String] }) fileIds!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OrderMessagePageDto {
  @ApiProperty({ type: [OrderMessageDto] }) items!: OrderMessageDto[];
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty({ type: 'integer' }) page!: number;
  @ApiProperty({ type: 'integer' }) pageSize!: number;
}

export class OrderReviewDto {
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ type: 'integer' }) rating!: number;
  @ApiProperty() comment!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
