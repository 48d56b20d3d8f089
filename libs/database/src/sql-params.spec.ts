import { SqlParams, refusalOf } from './sql-params.js';

describe(SqlParams.name, () => {
  it('numbers placeholders in the order they are asked for, with their casts', () => {
    const p = new SqlParams();
    expect(`${p.add('a')} ${p.add(2, 'int')}`).toBe('$1 $2::int');
    expect(p.values).toEqual(['a', 2]);
  });

  it('unnests columns of one length as numbered rows, each column one array parameter', () => {
    const p = new SqlParams();
    p.add('program');
    const sql = p.unnest('u', [
      ['id', ['x', 'y'], 'uuid'],
      ['amount', ['1', '2'], 'bigint'],
    ]);
    expect(sql).toBe('unnest($2::uuid[], $3::bigint[]) WITH ORDINALITY AS u(id, amount, ord)');
    expect(p.values).toEqual(['program', ['x', 'y'], ['1', '2']]);
  });

  it('refuses columns of different lengths (rows would be misaligned), adding no parameter', () => {
    const p = new SqlParams();
    expect(() =>
      p.unnest('u', [
        ['id', ['x', 'y'], 'uuid'],
        ['amount', ['1'], 'bigint'],
      ]),
    ).toThrow(RangeError);
    expect(p.values).toEqual([]);
  });
});

describe(refusalOf.name, () => {
  it('reads the refusal code and detail of innoserve_refuse_unless, and nothing else', () => {
    expect(refusalOf({ code: 'P0001', message: 'PROGRAM_BUDGET_EXHAUSTED', detail: 'pool:city' })).toEqual({ code: 'PROGRAM_BUDGET_EXHAUSTED', detail: 'pool:city' });
    expect(refusalOf({ driverError: { code: 'P0001', message: 'GROUP_USAGE_MOVED' } })).toEqual({ code: 'GROUP_USAGE_MOVED', detail: null });
    expect(refusalOf({ code: 'P0001', message: 'something else happened' })).toBeNull();
    expect(refusalOf({ code: '23505', message: 'DUPLICATE' })).toBeNull();
  });
});
