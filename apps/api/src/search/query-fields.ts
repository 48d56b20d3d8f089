import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * Query-string integers: an empty value is absent; plain digits become a number; anything else
 * (signs, decimals, exponents, arrays) stays as given so @IsInt answers 400.
 */
function toQueryInt({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown {
  const v = obj[key];
  if (v === '' || v === undefined) return undefined;
  if (typeof v === 'string' && /^\d{1,16}$/.test(v)) return Number(v);
  return v;
}

/** An empty query value ('?category=') is absent. */
export function emptyToUndefined({ obj, key }: { obj: Record<string, unknown>; key: string }): unknown {
  const v = obj[key];
  return v === '' ? undefined : v;
}

/** An optional non-negative safe integer in the query string. */
export function QueryInt(opts: { min?: number; max?: number; description?: string; default?: number } = {}): PropertyDecorator {
  const min = opts.min ?? 0;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, description: opts.description, default: opts.default }),
    IsOptional(),
    Transform(toQueryInt),
    IsInt(),
    Min(min),
    Max(max),
  );
}
