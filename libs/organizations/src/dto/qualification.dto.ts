import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { QUALIFICATION_KINDS, type QualificationKind } from '../domain/provider-types.js';
import { DateField, FileIdField, TextField } from './fields.js';

export class QualificationDto {
  @ApiProperty({ enum: QUALIFICATION_KINDS })
  @IsIn(QUALIFICATION_KINDS)
  kind!: QualificationKind;

  @TextField(100, { example: '201512345678', description: 'Certificate, accreditation or licence number' })
  number!: string;

  @DateField({ presence: 'nullable', description: 'Last valid day; absent or null when it does not expire' })
  expiresOn?: string | null;

  @FileIdField({
    presence: 'nullable',
    description: 'The certificate (CMA, CNAS, licence...) as an uploaded file of the caller, or one already on this provider. Admission requires one on every qualification (422 CERTIFICATE_REQUIRED).',
  })
  certificateFileId?: string | null;
}
