import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationFailedError, type FieldError } from '@innoserve/core';
import { createClassValidatorPipe, createValidationPipe } from '../http/validation.js';
import { SearchOfferingsQuery } from './search-offerings-query.dto.js';
import { validateSearchOfferingsQuery } from './search-offerings-query.validator.js';

const META: ArgumentMetadata = { type: 'query', metatype: SearchOfferingsQuery, data: undefined };
const UUID = '3a3d9208-582b-5025-a105-f13607294333';

/** As Fastify's query-string parser builds it: a prototype without Object's members. */
function query(fields: Record<string, unknown>): Record<string, unknown> {
  const o = Object.create(Object.create(null) as object) as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) o[k] = v;
  return o;
}

type Answer = { ok: true; value: Record<string, unknown> } | { ok: false; errors: FieldError[] | undefined };

async function answer(run: () => unknown): Promise<Answer> {
  try {
    const value = (await run()) as Record<string, unknown>;
    return { ok: true, value: Object.fromEntries(Object.entries({ ...value }).filter(([, v]) => v !== undefined)) };
  } catch (e) {
    if (!(e instanceof ValidationFailedError)) throw e;
    return { ok: false, errors: e.errors };
  }
}

const reference = createClassValidatorPipe();
const pipe = createValidationPipe();

/** Every parameter with accepted, empty, wrong-typed and out-of-range values. */
const VALUES: Record<string, unknown[]> = {
  q: ['纺织 检测', '', ' ', '检'.repeat(200), '检'.repeat(201), ['a', 'b'], "' OR 1=1 --"],
  category: [UUID, UUID.toUpperCase(), '', 'testing.textile', [UUID, UUID], ['', ''], '00000000-0000-0000-0000-000000000000'],
  providerType: ['testing_lab', 'consulting', '', 'lab', 'TESTING_LAB', ['testing_lab']],
  region: ['350582', '', '3505', '35058a', '3505821', ['350582']],
  qualification: ['CMA', 'CNAS', '', 'ISO', 'cma', ['CMA', 'CNAS']],
  program: [UUID, '', "1' OR '1'='1", [UUID]],
  priceMinFen: ['0', '100', '', '-1', '1.5', '1e3', '+5', ' 5', '9007199254740991', '9007199254740992', '99999999999999999', ['1', '2']],
  priceMaxFen: ['0', '500', '', 'abc', '0x10'],
  leadTimeMaxDays: ['0', '7', '100000', '100001', '', '-3'],
  sort: ['relevance', 'price_asc', 'price_desc', 'rating', 'newest', '', 'bogus', ['rating']],
  page: ['1', '2', '1000000', '1000001', '0', '', '01'],
  pageSize: ['1', '20', '100', '101', '0', ''],
};

describe(validateSearchOfferingsQuery.name, () => {
  const cases: [string, Record<string, unknown>][] = [['no parameters', {}]];
  for (const [key, values] of Object.entries(VALUES)) for (const v of values) cases.push([`${key}=${JSON.stringify(v)}`, { [key]: v }]);
  cases.push(
    ['every parameter', { q: '专利', category: UUID, providerType: 'ip_service', region: '350500', qualification: 'PATENT_AGENCY', program: UUID, priceMinFen: '100', priceMaxFen: '200', leadTimeMaxDays: '9', sort: 'rating', page: '2', pageSize: '50' }],
    ['an unknown parameter', { foo: 'bar' }],
    ['unknown parameters among bad ones', { zeta: '1', q: ['x', 'y'], alpha: '', pageSize: '101', sort: 'bogus' }],
    ['several bad parameters at once', { page: '0', region: 'x', category: 'y', priceMinFen: '-1', leadTimeMaxDays: 'z', qualification: 'ISO' }],
    ['the keys the pipe strips', { constructor: 'x', prototype: 'y', q: 'a' }],
  );

  it.each(cases)('answers as the class-validator decorators do for %s', async (_name, fields) => {
    const expected = await answer(() => reference.transform(query(fields), META));
    const actual = await answer(() => pipe.transform(query(fields), META));
    expect(actual).toEqual(expected);
  });

  it('refuses parameters named like Object members, which the class-validator path ignores', async () => {
    // class-validator looks names up in a plain object and class-transformer skips them: the one place the two differ
    await expect(answer(() => reference.transform(query({ toString: 'x', hasOwnProperty: 'y' }), META))).resolves.toEqual({ ok: true, value: {} });
    await expect(pipe.transform(query({ toString: 'x', hasOwnProperty: 'y' }), META)).rejects.toMatchObject({
      errors: [
        { field: 'toString', message: 'property toString should not exist' },
        { field: 'hasOwnProperty', message: 'property hasOwnProperty should not exist' },
      ],
    });
  });

  it('returns numbers for integer parameters and drops empty filters', async () => {
    await expect(pipe.transform(query({ q: '', category: '', page: '3', pageSize: '' }), META)).resolves.toEqual(
      expect.objectContaining({ q: '', category: undefined, page: 3, pageSize: undefined }),
    );
  });

  it('leaves a value that is not a plain object to class-validator', async () => {
    await expect(pipe.transform(['q'], META)).rejects.toBeInstanceOf(ValidationFailedError);
  });
});
