import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { INDUSTRIES, type Industry } from '../domain/size-classifier.js';
import { BankAccountDto } from './bank-account.dto.js';
import { DateField, FenField, FileIdField, NameListField, PhoneField, RegionCodeField, TextField, IfPresent } from './fields.js';
import { BankAccountField } from './nested-fields.js';

/**
 * PATCH /enterprises/:id. The USCC is not here: it never changes (sending it is 400). Identity
 * edits (name, region, legal representative, establishment date, bank account, controller group,
 * shareholders, size inputs and flags) of a verified enterprise send it back to pending;
 * registeredAddress and contactPhone apply without re-verification. Null clears a nullable field.
 */
export class UpdateEnterpriseDto {
  @TextField(200, { presence: 'optional' })
  name?: string;

  @RegionCodeField({ presence: 'optional' })
  regionCode?: string;

  @ApiPropertyOptional({ enum: INDUSTRIES })
  @IfPresent()
  @IsIn(INDUSTRIES)
  industry?: Industry;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 10_000_000 })
  @IfPresent()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  employees?: number;

  @FenField({ presence: 'optional' })
  annualRevenueFen?: number;

  @FenField({ presence: 'optional' })
  totalAssetsFen?: number;

  @TextField(100, { presence: 'optional' })
  legalRepresentative?: string;

  @TextField(300, { presence: 'optional' })
  registeredAddress?: string;

  @PhoneField({ presence: 'optional' })
  contactPhone?: string;

  @DateField({ presence: 'nullable' })
  establishedOn?: string | null;

  @BankAccountField({ presence: 'optional' })
  bankAccount?: BankAccountDto;

  @TextField(200, { presence: 'nullable' })
  controllerGroup?: string | null;

  @NameListField({ presence: 'optional' })
  shareholders?: string[];

  @TextField(50, { presence: 'nullable' })
  techSmeNo?: string | null;

  @TextField(50, { presence: 'nullable' })
  highTechCertNo?: string | null;

  @DateField({ presence: 'nullable' })
  highTechCertExpiresOn?: string | null;

  @ApiPropertyOptional()
  @IfPresent()
  @IsBoolean()
  littleGiant?: boolean;

  @FileIdField({
    description: 'A new business licence (营业执照) file: uploaded by the caller, or already this enterprise\'s. Replacing it sends a verified enterprise back to pending.',
  })
  businessLicenceFileId?: string;
}
