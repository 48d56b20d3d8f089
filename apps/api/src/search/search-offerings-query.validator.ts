import { isIn, isInt, isString, isUUID, matches, max, maxLength, min } from 'class-validator';
import { ValidationFailedError, type FieldError } from '@innoserve/core';
import { PROVIDER_TYPES, QUALIFICATION_KINDS } from '@innoserve/organizations';
import { SEARCH_LIMITS, SEARCH_SORTS } from '@innoserve/search';
import type { SearchOfferingsQuery } from './search-offerings-query.dto.js';

/**
 * GET /search/offerings' query, validated by hand: the hottest public route, where the
 * class-transformer + class-validator pass was the largest single item of the HTTP handling.
 * It answers exactly as the decorators on SearchOfferingsQuery do with the global pipe's options
 * (whitelist, forbidNonWhitelisted, transform): the same values, the same field errors in the same
 * order (search-offerings-query.validator.spec.ts compares the two on every parameter), using
 * class-validator's own predicates. Change both together.
 */

/** Keys the global pipe strips before validating (prototype pollution), silently. */
const STRIPPED = new Set(['__proto__', 'prototype', 'constructor']);
const KNOWN = new Set([
  'q',
  'category',
  'providerType',
  'region',
  'qualification',
  'program',
  'priceMinFen',
  'priceMaxFen',
  'leadTimeMaxDays',
  'sort',
  'page',
  'pageSize',
]);

const oneOf = (values: readonly string[]): string => values.join(', ');
const PROVIDER_TYPE_LIST = oneOf(PROVIDER_TYPES);
const QUALIFICATION_LIST = oneOf(QUALIFICATION_KINDS);
const SORT_LIST = oneOf(SEARCH_SORTS);

/** emptyToUndefined (query-fields.ts). */
const present = (v: unknown): unknown => (v === '' ? undefined : v);

/** toQueryInt (query-fields.ts) + @IsInt @Min @Max. */
function queryInt(raw: unknown, field: string, lo: number, hi: number, errors: FieldError[]): number | undefined {
  if (raw === '' || raw === undefined || raw === null) return undefined;
  const v = typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : raw;
  if (!isInt(v)) errors.push({ field, message: `${field} must be an integer number` });
  if (!min(v, lo)) errors.push({ field, message: `${field} must not be less than ${lo}` });
  if (!max(v, hi)) errors.push({ field, message: `${field} must not be greater than ${hi}` });
  return v as number;
}

function uuid(raw: unknown, field: string, errors: FieldError[]): string | undefined {
  const v = present(raw);
  if (v === undefined || v === null) return undefined;
  if (!isUUID(v)) errors.push({ field, message: `${field} must be a UUID` });
  return v as string;
}

function member<T extends string>(raw: unknown, field: string, values: readonly T[], list: string, errors: FieldError[]): T | undefined {
  const v = present(raw);
  if (v === undefined || v === null) return undefined;
  if (!isIn(v, values)) errors.push({ field, message: `${field} must be one of the following values: ${list}` });
  return v as T;
}

export function validateSearchOfferingsQuery(raw: Record<string, unknown>): SearchOfferingsQuery {
  const errors: FieldError[] = [];
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key) && !STRIPPED.has(key)) errors.push({ field: key, message: `property ${key} should not exist` });
  }

  let q: string | undefined;
  if (raw.q !== undefined && raw.q !== null) {
    if (!maxLength(raw.q, SEARCH_LIMITS.maxQueryLength)) errors.push({ field: 'q', message: `q must be shorter than or equal to ${SEARCH_LIMITS.maxQueryLength} characters` });
    if (!isString(raw.q)) errors.push({ field: 'q', message: 'q must be a string' });
    q = raw.q as string;
  }
  const category = uuid(raw.category, 'category', errors);
  const providerType = member(raw.providerType, 'providerType', PROVIDER_TYPES, PROVIDER_TYPE_LIST, errors);
  let region: string | undefined;
  const r = present(raw.region);
  if (r !== undefined && r !== null) {
    if (!matches(r as string, /^\d{6}$/)) errors.push({ field: 'region', message: 'region must be six digits' });
    if (!isString(r)) errors.push({ field: 'region', message: 'region must be a string' });
    region = r as string;
  }
  const qualification = member(raw.qualification, 'qualification', QUALIFICATION_KINDS, QUALIFICATION_LIST, errors);
  const program = uuid(raw.program, 'program', errors);
  const priceMinFen = queryInt(raw.priceMinFen, 'priceMinFen', 0, Number.MAX_SAFE_INTEGER, errors);
  const priceMaxFen = queryInt(raw.priceMaxFen, 'priceMaxFen', 0, Number.MAX_SAFE_INTEGER, errors);
  const leadTimeMaxDays = queryInt(raw.leadTimeMaxDays, 'leadTimeMaxDays', 0, 100_000, errors);
  const sort = member(raw.sort, 'sort', SEARCH_SORTS, SORT_LIST, errors);
  const page = queryInt(raw.page, 'page', 1, 1_000_000, errors);
  const pageSize = queryInt(raw.pageSize, 'pageSize', 1, SEARCH_LIMITS.maxPageSize, errors);
  if (errors.length) throw new ValidationFailedError(errors);
  return { q, category, providerType, region, qualification, program, priceMinFen, priceMaxFen, leadTimeMaxDays, sort, page, pageSize };
}
