import { ValidationPipe, type ArgumentMetadata, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { ValidationFailedError, type FieldError } from '@innoserve/core';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}

/**
 * A hand-written validator for a DTO on a hot route: takes the raw object (query or body) and
 * returns the DTO's values, or throws ValidationFailedError with exactly the field errors the
 * class-validator decorators give (a test per DTO compares the two). It skips class-transformer
 * and class-validator's metadata walk, the largest single item of a search request's HTTP handling
 * in a CPU profile; the decorators stay the documentation (OpenAPI) and the reference.
 */
export type FastValidator<T> = (value: Record<string, unknown>) => T;

const FAST_VALIDATORS = new WeakMap<object, FastValidator<unknown>>();

/** Class decorator: the global validation pipe validates this DTO with `validate` instead of class-validator. */
export function ValidatedBy<T>(validate: FastValidator<T>): (target: abstract new (...args: never[]) => T) => void {
  return (target) => {
    FAST_VALIDATORS.set(target, validate);
  };
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** Where @nestjs/swagger keeps a property's ApiProperty options (PartialType and the other mapped types copy them). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

function isDeclaredNullable(dto: object, property: string): boolean {
  const options = Reflect.getMetadata(API_MODEL_PROPERTIES, dto, property) as { nullable?: unknown } | undefined;
  return options?.nullable === true;
}

/**
 * The null rule, for every DTO: null is accepted only where the property is documented
 * `nullable: true` (ApiProperty), so the document and the validation cannot disagree.
 * class-validator's @IsOptional() lets null through as "absent", and PartialType adds
 * @IsOptional() to every field, so without this a PATCH `{"maxGrantFen": null}` reached the
 * service (and a NOT NULL column). Null array elements are always refused. The walk follows the
 * transformed object (nested DTOs are class instances) with an explicit stack, so its depth is the
 * DTO's, never the input's. Plain nested objects (free-form JSON) are not DTOs and are left alone.
 */
export function findForbiddenNulls(entity: object): ValidationError[] {
  const errors: ValidationError[] = [];
  const stack: { value: object; path: string }[] = [{ value: entity, path: '' }];
  while (stack.length > 0 && errors.length < 50) {
    const { value, path } = stack.pop()!;
    const proto = Object.getPrototypeOf(value) as object | null;
    const isArray = Array.isArray(value);
    if (!isArray && (proto === null || proto === Object.prototype)) continue;
    for (const [key, v] of Object.entries(value)) {
      // written as flatten() writes class-validator's nested errors (parts.1.name), so one field has one name
      const field = path ? `${path}.${key}` : key;
      if (v === null) {
        if (isArray || !isDeclaredNullable(proto!, key)) {
          errors.push({ property: field, constraints: { isNotNull: `${field} must not be null` }, children: [] });
        }
      } else if (typeof v === 'object') {
        stack.push({ value: v as object, path: field });
      }
    }
  }
  return errors;
}

/** The global pipe: class-validator, or a DTO's hand-written validator (@ValidatedBy) for a plain object. */
export class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fast = metadata.metatype ? FAST_VALIDATORS.get(metadata.metatype) : undefined;
    if (fast && isPlainRecord(value)) return fast(value);
    return super.transform(value, metadata);
  }

  protected override async validate(object: object, validatorOptions?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    const nulls = findForbiddenNulls(object);
    if (nulls.length === 0) return errors;
    // a null that class-validator already refused (a required field) is reported once
    const reported = new Set(flatten(errors).map((e) => e.field));
    return [...errors, ...nulls.filter((e) => !reported.has(e.property))];
  }
}

const OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new ValidationFailedError(flatten(errors)),
};

/** Global input validation: unknown fields and wrong types are 400 VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe(OPTIONS);
}

/** The same pipe without the hand-written validators: class-validator only (tests compare the two). */
export function createClassValidatorPipe(): ValidationPipe {
  return new ValidationPipe(OPTIONS);
}
