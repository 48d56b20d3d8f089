/** Decorators for the nested DTOs (kept apart from fields.ts, which those DTOs import). */
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import { BankAccountDto } from './bank-account.dto.js';
import { doc, presenceRule, type FieldOptions } from './fields.js';
import { QualificationDto } from './qualification.dto.js';

/** The bank account object. */
export function BankAccountField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: BankAccountDto }, o),
    ...presenceRule(presence),
    IsObject(),
    ValidateNested(),
    Type(() => BankAccountDto),
  );
}

/** The provider's qualifications (replaces the whole list). */
export function QualificationsField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'optional';
  return applyDecorators(
    doc(presence, { type: [QualificationDto], maxItems: 50 }, o),
    ...presenceRule(presence),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => QualificationDto),
  );
}
