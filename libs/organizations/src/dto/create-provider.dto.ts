import { BankAccountDto } from './bank-account.dto.js';
import { CategoryIdsField, DateField, NameListField, PhoneField, ProviderTypesField, RegionCodeField, TextField, UsccField } from './fields.js';
import { BankAccountField, QualificationsField } from './nested-fields.js';
import { QualificationDto } from './qualification.dto.js';
import type { ProviderType } from '../domain/provider-types.js';

/** POST /providers: the organization's identity and the admission (入库) application. */
export class CreateProviderDto {
  @TextField(200, { example: '泉州市示例检测技术有限公司' })
  name!: string;

  @UsccField()
  uscc!: string;

  @RegionCodeField()
  regionCode!: string;

  @TextField(100, { example: '李四' })
  legalRepresentative!: string;

  @TextField(300, { example: '福建省泉州市丰泽区示例路8号' })
  registeredAddress!: string;

  @PhoneField()
  contactPhone!: string;

  @BankAccountField()
  bankAccount!: BankAccountDto;

  @ProviderTypesField()
  providerTypes!: ProviderType[];

  @QualificationsField()
  qualifications?: QualificationDto[];

  @CategoryIdsField({ description: 'Service categories the provider applies to be admitted in (422 UNKNOWN_CATEGORY for an unknown id)' })
  categoryIds!: string[];

  @DateField({ presence: 'nullable' })
  establishedOn?: string | null;

  @TextField(200, { presence: 'nullable', description: 'The actual controller / group; without one the organization is a group of one' })
  controllerGroup?: string | null;

  @NameListField({ presence: 'nullable' })
  shareholders?: string[] | null;
}
