/** Field decorators of the catalog DTOs: trimmed, bounded strings; bounded string arrays. */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export type Presence = 'required' | 'optional';

/** Absent is allowed; present (null included) is validated. */
export const IfPresent = (): PropertyDecorator => ValidateIf((_o: object, v: unknown) => v !== undefined);

const api = (presence: Presence, schema: Record<string, unknown>): PropertyDecorator =>
  presence === 'required' ? ApiProperty(schema) : ApiPropertyOptional(schema);
const presenceRule = (presence: Presence): PropertyDecorator[] => (presence === 'optional' ? [IfPresent()] : []);

const trim = (v: unknown): unknown => (typeof v === 'string' ? v.trim() : v);
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => trim(value));
const TrimEach = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(trim) : value));

/** A trimmed, non-blank string of at most `max` characters. */
export function TextField(max: number, presence: Presence = 'required', example?: string): PropertyDecorator {
  return applyDecorators(
    api(presence, { type: String, maxLength: max, ...(example ? { example } : {}) }),
    ...presenceRule(presence),
    Trim(),
    IsString(),
    MaxLength(max),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}

/** An array of distinct trimmed non-blank strings, each at most `maxLength`. */
export function StringListField(o: { maxItems: number; maxLength: number; minItems?: number; pattern?: RegExp; example?: string[] }, presence: Presence = 'required'): PropertyDecorator {
  return applyDecorators(
    api(presence, { type: [String], maxItems: o.maxItems, ...(o.minItems ? { minItems: o.minItems } : {}), ...(o.example ? { example: o.example } : {}) }),
    ...presenceRule(presence),
    TrimEach(),
    IsArray(),
    ArrayMaxSize(o.maxItems),
    ...(o.minItems ? [ArrayMinSize(o.minItems)] : []),
    ArrayUnique(),
    IsString({ each: true }),
    MaxLength(o.maxLength, { each: true }),
    Matches(o.pattern ?? /\S/, { each: true, message: o.pattern ? '$property has a malformed entry' : '$property must not contain blank entries' }),
  );
}

/** An array of distinct values out of `values`. */
export function EnumListField(values: readonly string[], maxItems: number, presence: Presence = 'required'): PropertyDecorator {
  return applyDecorators(
    api(presence, { type: 'array', items: { type: 'string', enum: values }, maxItems }),
    ...presenceRule(presence),
    IsArray(),
    ArrayMaxSize(maxItems),
    ArrayUnique(),
    IsIn(values, { each: true }),
  );
}
