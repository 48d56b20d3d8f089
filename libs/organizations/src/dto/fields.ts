/**
 * Shared field decorators for the organization DTOs, so every DTO applies the same rules: strings
 * trimmed, non-blank and bounded; dates as YYYY-MM-DD; amounts as non-negative safe integers of fen.
 *
 * Presence: `required`; `optional` (absent allowed, null is invalid: PATCH of a non-nullable
 * field); `nullable` (absent or null allowed: null clears the value).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { PROVIDER_TYPES } from '../domain/provider-types.js';
import { isWellFormedUscc, normalizeUscc, validateUscc } from '../domain/uscc.js';


export type Presence = 'required' | 'optional' | 'nullable';

export interface FieldOptions {
  presence?: Presence;
  example?: unknown;
  description?: string;
}

export function doc(presence: Presence, schema: Record<string, unknown>, o: FieldOptions): PropertyDecorator {
  const s = { ...schema, ...(o.example !== undefined ? { example: o.example } : {}), ...(o.description ? { description: o.description } : {}) };
  if (presence === 'required') return ApiProperty(s);
  return ApiPropertyOptional(presence === 'nullable' ? { ...s, nullable: true } : s);
}

/** The field may be absent; when present it is validated (null is not accepted). */
export const IfPresent = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);

export function presenceRule(presence: Presence): PropertyDecorator[] {
  switch (presence) {
    case 'required':
      return [];
    case 'optional':
      return [IfPresent()];
    case 'nullable':
      return [IsOptional()];
  }
}

export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A trimmed, non-blank string of at most `max` characters. */
export function TextField(max: number, o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: String, maxLength: max }, o),
    ...presenceRule(presence),
    Trim(),
    IsString(),
    MaxLength(max),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}

const DATE_RE = /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar date YYYY-MM-DD (years 1900–2199). */
export function DateField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: String, format: 'date' }, o),
    ...presenceRule(presence),
    IsString(),
    Matches(DATE_RE, { message: '$property must be a date YYYY-MM-DD' }),
    IsISO8601({ strict: true }, { message: '$property must be a valid date' }),
  );
}

/** A non-negative amount in fen, a JSON safe integer. */
export function FenField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, o),
    ...presenceRule(presence),
    IsInt(),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );
}

/** A six-digit administrative division code. */
export function RegionCodeField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: String, pattern: '^[0-9]{6}$', example: '350582' }, o),
    ...presenceRule(presence),
    IsString(),
    MaxLength(6),
    Matches(/^\d{6}$/, { message: '$property must be a six-digit region code' }),
  );
}

/** A phone number: digits with spaces, +, -, ( and ). */
export function PhoneField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: String, maxLength: 40, example: '0595-88880000' }, o),
    ...presenceRule(presence),
    Trim(),
    IsString(),
    MaxLength(40),
    Matches(/^\+?[0-9][0-9 ()-]{2,38}[0-9]$/, { message: '$property must be a phone number (digits, spaces, +, -, parentheses)' }),
  );
}

/**
 * The unified social credit code, trimmed and uppercased. A malformed code is 400 here; a
 * well-formed one with a wrong check character is 422 INVALID_USCC (checked by the service).
 */
export function UsccField(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: String,
      minLength: 18,
      maxLength: 18,
      example: '91350582MA2Y00001X',
      description: 'Unified social credit code (GB 32100-2015). Malformed: 400; wrong check character: 422 INVALID_USCC.',
    }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeUscc(value) : value)),
    IsString(),
    MaxLength(18),
    ValidateBy({
      name: 'isWellFormedUscc',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && isWellFormedUscc(v),
        defaultMessage: () => {
          const r = validateUscc('');
          return r.ok ? 'uscc is malformed' : `uscc: ${r.message.en}`;
        },
      },
    }),
  );
}

/** A list of names (shareholders): each trimmed, non-blank, at most 200 characters. */
export function NameListField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'optional';
  return applyDecorators(
    doc(presence, { type: [String], maxItems: 100 }, o),
    ...presenceRule(presence),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value)),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
    Matches(/\S/, { each: true, message: 'each of $property must not be blank' }),
  );
}

/** Provider types: one or more, each listed once. */
export function ProviderTypesField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { enum: PROVIDER_TYPES, isArray: true }, o),
    ...presenceRule(presence),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(PROVIDER_TYPES.length),
    ArrayUnique(),
    IsIn(PROVIDER_TYPES, { each: true }),
  );
}

/** Service category ids (reference data; unknown ones are 422 UNKNOWN_CATEGORY). */
export function CategoryIdsField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'required';
  return applyDecorators(
    doc(presence, { type: [String], format: 'uuid', maxItems: 100 }, o),
    ...presenceRule(presence),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(100),
    IsUUID('all', { each: true }),
  );
}

/** An uploaded file's id (POST /api/v1/files); the service checks the file is the caller's or already the organization's. */
export function FileIdField(o: FieldOptions = {}): PropertyDecorator {
  const presence = o.presence ?? 'optional';
  return applyDecorators(doc(presence, { type: String, format: 'uuid' }, o), ...presenceRule(presence), IsString(), IsUUID('all', { message: '$property must be a file id (UUID)' }));
}

/**
 * A staff list's search text (`q`): trimmed, 1–100 characters; the services match it as a
 * case-insensitive part of the organization's name or as the start of its USCC.
 */
export function OrganizationSearchField(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, minLength: 1, maxLength: 100, example: '晋江', description }),
    IsOptional(),
    Trim(),
    IsString(),
    MinLength(1, { message: '$property must not be blank' }),
    MaxLength(100),
  );
}
