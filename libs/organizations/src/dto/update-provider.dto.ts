import { BankAccountDto } from './bank-account.dto.js';
import { CategoryIdsField, DateField, NameListField, PhoneField, ProviderTypesField, RegionCodeField, TextField } from './fields.js';
import { BankAccountField, QualificationsField } from './nested-fields.js';
import { QualificationDto } from './qualification.dto.js';
import type { ProviderType } from '../domain/provider-types.js';

/**
 * PATCH /providers/:id. The USCC never changes (sending it is 400). Before admission every edit
 * applies at once. Once admitted (admitted, suspended or expired), registeredAddress and
 * contactPhone still apply at once; the identity fields and the admission scope (providerTypes,
 * qualifications, categoryIds) become a change request (202) that a program officer decides.
 */
export class UpdateProviderDto {
  @TextField(200, { presence: 'optional' })
  name?: string;

  @RegionCodeField({ presence: 'optional' })
  regionCode?: string;

  @TextField(100, { presence: 'optional' })
  legalRepresentative?: string;

  @TextField(300, { presence: 'optional' })
  registeredAddress?: string;

  @PhoneField({ presence: 'optional' })
  contactPhone?: string;

  @BankAccountField({ presence: 'optional' })
  bankAccount?: BankAccountDto;

  @ProviderTypesField({ presence: 'optional' })
  providerTypes?: ProviderType[];

  @QualificationsField({ presence: 'optional' })
  qualifications?: QualificationDto[];

  @CategoryIdsField({ presence: 'optional' })
  categoryIds?: string[];

  @DateField({ presence: 'nullable' })
  establishedOn?: string | null;

  @TextField(200, { presence: 'nullable' })
  controllerGroup?: string | null;

  @NameListField({ presence: 'optional' })
  shareholders?: string[];
}
