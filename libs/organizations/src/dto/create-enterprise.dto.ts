import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { INDUSTRIES, type Industry } from '../domain/size-classifier.js';
import { BankAccountDto } from './bank-account.dto.js';
import { DateField, FenField, FileIdField, NameListField, PhoneField, RegionCodeField, TextField, UsccField } from './fields.js';
import { BankAccountField } from './nested-fields.js';

/** POST /enterprises: the organization's identity and the enterprise profile. */
export class CreateEnterpriseDto {
  @TextField(200, { example: '晋江市示例科技有限公司' })
  name!: string;

  @UsccField()
  uscc!: string;

  @RegionCodeField()
  regionCode!: string;

  @ApiProperty({ enum: INDUSTRIES })
  @IsIn(INDUSTRIES)
  industry!: Industry;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000_000, example: 45 })
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees!: number;

  @FenField({ example: 1_200_000_000, description: 'Annual revenue in fen' })
  annualRevenueFen!: number;

  @FenField({ example: 800_000_000, description: 'Total assets in fen' })
  totalAssetsFen!: number;

  @TextField(100, { example: '张三' })
  legalRepresentative!: string;

  @TextField(300, { example: '福建省泉州市晋江市青阳街道示例路1号' })
  registeredAddress!: string;

  @PhoneField()
  contactPhone!: string;

  @DateField({ presence: 'nullable', example: '2015-06-01' })
  establishedOn?: string | null;

  @BankAccountField({ presence: 'nullable' })
  bankAccount?: BankAccountDto | null;

  @TextField(200, { presence: 'nullable', description: 'The actual controller / group; without one the organization is a group of one' })
  controllerGroup?: string | null;

  @NameListField({ presence: 'nullable' })
  shareholders?: string[] | null;

  @TextField(50, { presence: 'nullable', description: '科技型中小企业 registry number' })
  techSmeNo?: string | null;

  @TextField(50, { presence: 'nullable', description: '高新技术企业 certificate number' })
  highTechCertNo?: string | null;

  @DateField({ presence: 'nullable', description: '高新技术企业 certificate expiry' })
  highTechCertExpiresOn?: string | null;

  @FileIdField({
    presence: 'nullable',
    description: 'The business licence (营业执照): an uploaded file (POST /api/v1/files) of the caller. Verification approval requires it (422 LICENCE_REQUIRED).',
  })
  businessLicenceFileId?: string | null;

  @ApiPropertyOptional({ type: Boolean, description: '科技小巨人', default: false })
  @IsOptional()
  @IsBoolean()
  littleGiant?: boolean;
}
