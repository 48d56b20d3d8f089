import { ApiProperty } from '@nestjs/swagger';

export class FileViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The original name (path parts removed)' }) name!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size!: number;
  @ApiProperty({ description: 'Detected from the content' }) mime!: string;
}

export class FileUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Exactly one file' }) file!: unknown;
}
