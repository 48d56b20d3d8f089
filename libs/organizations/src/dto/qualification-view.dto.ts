import { ApiProperty } from '@nestjs/swagger';
import { QUALIFICATION_KINDS, type QualificationKind } from '../domain/provider-types.js';

export class QualificationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: QUALIFICATION_KINDS }) kind!: QualificationKind;
  @ApiProperty() number!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expiresOn!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The certificate file (GET /api/v1/files/:id: members and city program officers)' }) certificateFileId!: string | null;
}
