import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TextField, Trim } from './fields.js';

/** The organization's bank account; the account name must equal the registered name (422 BANK_ACCOUNT_NAME_MISMATCH). */
export class BankAccountDto {
  @TextField(100, { example: '中国工商银行晋江支行' })
  bankName!: string;

  @TextField(200, { example: '晋江市示例科技有限公司', description: 'Must equal the organization name' })
  accountName!: string;

  @ApiProperty({ type: String, maxLength: 40, example: '1408 0123 4567 8901 234' })
  @Trim()
  @IsString()
  @MaxLength(40)
  @Matches(/^[0-9][0-9 -]{4,38}[0-9]$/, { message: 'accountNo must be an account number (digits, spaces, -)' })
  accountNo!: string;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: '^[0-9]{12}$', example: '102397000123', description: '联行号: the branch\'s 12-digit CNAPS code (needed to be paid a subsidy by bank transfer)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{12}$/, { message: 'cnapsCode must be 12 digits' })
  cnapsCode?: string | null;
}
