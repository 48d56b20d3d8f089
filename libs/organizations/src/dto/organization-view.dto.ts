import { ApiProperty } from '@nestjs/swagger';
import { BankAccountDto } from './bank-account.dto.js';

/** The organization's identity, shared by the enterprise and provider views. */
export class OrganizationViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() uscc!: string;
  @ApiProperty() name!: string;
  @ApiProperty() regionCode!: string;
  @ApiProperty() legalRepresentative!: string;
  @ApiProperty() registeredAddress!: string;
  @ApiProperty() contactPhone!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) establishedOn!: string | null;
  @ApiProperty({ type: BankAccountDto, nullable: true }) bankAccount!: BankAccountDto | null;
  @ApiProperty({ type: [String] }) shareholders!: string[];
  @ApiProperty({ type: String, nullable: true }) controllerGroup!: string | null;
  @ApiProperty({ description: 'The group for cap aggregation: the controller group, or the organization id (a group of one)' })
  groupKey!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Blacklisted through this day' })
  blacklistedUntil!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;
}
