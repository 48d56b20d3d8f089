import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { ValidationFailedError, type FieldError } from '@innoserve/core';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [...Object.values(e.constraints ?? {}).map((message) => ({ field, message })), ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a body the way the global ValidationPipe does, for guards that run before pipes (the
 * passport-local login guard), so a malformed login is a 400 and not a failed sign-in.
 */
export async function validateBody<T extends object>(cls: ClassConstructor<T>, body: unknown): Promise<T> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationFailedError([{ field: 'body', message: 'the body must be a JSON object' }]);
  }
  const instance = plainToInstance(cls, body);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length) throw new ValidationFailedError(flatten(errors));
  return instance;
}
