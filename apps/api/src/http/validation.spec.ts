import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { ValidationFailedError, type FieldError } from '@innoserve/core';
import { createValidationPipe } from './validation.js';

/** DTOs written as a new route would write them, with nothing about null on them. */
class PartDto {
  @ApiProperty() @IsString() name!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() note?: string | null;
}

class CreateThingDto {
  @ApiProperty() @IsString() title!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() count?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true }) @IsOptional() @IsInt() capFen?: number | null;
  @ApiProperty({ type: PartDto }) @ValidateNested() @Type(() => PartDto) part!: PartDto;
  @ApiProperty({ type: [PartDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => PartDto) parts!: PartDto[];
}

class UpdateThingDto extends PartialType(CreateThingDto) {}

const pipe = createValidationPipe();

async function errorsOf(metatype: new () => object, body: unknown): Promise<FieldError[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype, data: undefined });
    return [];
  } catch (e) {
    if (!(e instanceof ValidationFailedError)) throw e;
    return e.errors ?? [];
  }
}

const fieldsOf = async (metatype: new () => object, body: unknown) => [...new Set((await errorsOf(metatype, body)).map((e) => e.field))].sort();

describe('the global validation pipe and null', () => {
  const valid = { title: 't', part: { name: 'p' }, parts: [{ name: 'q' }] };

  it('refuses null for an optional field that is not documented nullable', async () => {
    expect(await errorsOf(CreateThingDto, { ...valid, count: null })).toEqual([{ field: 'count', message: 'count must not be null' }]);
  });

  it('refuses null for every field of a PartialType, though each is optional there', async () => {
    for (const field of ['title', 'count', 'part', 'parts']) expect(await fieldsOf(UpdateThingDto, { [field]: null })).toEqual([field]);
  });

  it('refuses null inside nested DTOs and as an array element', async () => {
    expect(await fieldsOf(UpdateThingDto, { part: { name: null } })).toEqual(['part.name']);
    expect(await fieldsOf(UpdateThingDto, { parts: [{ name: 'a' }, { name: null }] })).toEqual(['parts.1.name']);
    expect(await fieldsOf(UpdateThingDto, { parts: [null] })).toContain('parts.0');
  });

  it('takes null where the property is documented nullable, at the top and nested', async () => {
    expect(await errorsOf(CreateThingDto, { ...valid, capFen: null, part: { name: 'p', note: null } })).toEqual([]);
    expect(await errorsOf(UpdateThingDto, { capFen: null })).toEqual([]);
  });

  it('reports a null that class-validator already refuses (a required field) once', async () => {
    const errors = await errorsOf(CreateThingDto, { ...valid, title: null });
    expect(errors.filter((e) => e.message === 'title must not be null')).toEqual([]);
    expect(errors.map((e) => e.field)).toContain('title');
  });
});
