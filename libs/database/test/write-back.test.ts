import { Column, CreateDateColumn, DataSource, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { SqlParams, bigintTransformer, dataSourceOptions, hydrate, insertSql, writeBack, writeBackSql } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';

@Entity('write_back_probe')
class Probe {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'bigint', transformer: bigintTransformer }) amountFen!: bigint;
  @Column({ type: 'jsonb', nullable: true }) facts!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) flags!: string[];
  @Column({ type: 'text', update: false, default: 'fixed' }) fixed!: string;
  @VersionColumn() version!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A row whose foreign key exists only through its relation (TypeORM's virtual join column). */
@Entity('write_back_probe_child')
class ProbeChild {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) label!: string;
  @ManyToOne(() => Probe, { nullable: false }) @JoinColumn({ name: 'probe_id' }) probe!: Probe;
}

// one database for the three suites: each test writes rows of its own
let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities: [Probe, ProbeChild], poolSize: 2 }), logging: false });
  await ds.initialize();
  await ds.synchronize();
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

/** writeBack's own statement (built from a plan made once per entity) against what TypeORM's update writes. */
describe('writeBack (one UPDATE by primary key)', () => {

  const fresh = async (): Promise<Probe> =>
    ds.manager.save(Probe, ds.manager.create(Probe, { name: '检测', note: null, amountFen: 1n, facts: null, dueAt: null, flags: [], fixed: 'fixed' }));
  const read = async (id: string): Promise<Record<string, unknown>> => {
    const [r] = await ds.query<Record<string, unknown>[]>(
      `SELECT name, note, amount_fen::text AS amount, facts, due_at, flags, fixed, version, created_at, updated_at FROM write_back_probe WHERE id = $1`,
      [id],
    );
    return r;
  };

  it('writes every column as TypeORM would: transformer, json, dates, arrays; keeps the creation date and columns not to be updated', async () => {
    const a = await fresh();
    const b = await fresh();
    const change = (p: Probe): void => {
      p.name = '知识产权 "代理"';
      p.note = "it's";
      p.amountFen = 9_007_199_254_740_993n; // beyond a double
      p.facts = { nested: { a: [1, 2] }, text: '合同' };
      p.dueAt = new Date('2026-12-31T16:00:00.000Z');
      p.flags = ['start_overdue', 'x,y'];
      p.fixed = 'changed in memory';
    };
    change(a);
    change(b);
    await writeBack(ds.manager, Probe, a);
    const { id: _id, createdAt: _c, updatedAt: _u, ...set } = b;
    await ds.manager.update(Probe, { id: b.id }, set as never);
    const ra = await read(a.id);
    const rb = await read(b.id);
    for (const r of [ra, rb]) {
      expect(r).toMatchObject({ name: '知识产权 "代理"', note: "it's", amount: '9007199254740993', facts: { nested: { a: [1, 2] }, text: '合同' }, flags: ['start_overdue', 'x,y'], fixed: 'fixed' });
      expect((r.due_at as Date).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    }
    // the version written as the row held it (a command bumps it itself), as TypeORM's update of the same properties
    expect(ra.version).toBe(rb.version);
    expect((ra.updated_at as Date).getTime()).toBeGreaterThanOrEqual((ra.created_at as Date).getTime());
  });

  it('leaves undefined properties as they are, and writes null as NULL', async () => {
    const a = await fresh();
    a.note = 'kept';
    await writeBack(ds.manager, Probe, a);
    const partial = Object.assign(new Probe(), { id: a.id, name: 'renamed', note: null }) as Probe;
    await writeBack(ds.manager, Probe, partial);
    expect(await read(a.id)).toMatchObject({ name: 'renamed', note: null, amount: '1' });
  });

  it('as a CTE: numbers its parameters after the caller’s, and refuses a row without a primary key', async () => {
    const a = await fresh();
    a.name = 'in a statement';
    const p = new SqlParams();
    const first = p.add('caller');
    const sql = writeBackSql(ds.manager, Probe, a, p);
    expect(sql).not.toContain(first + ',');
    expect(sql).toMatch(/^UPDATE "write_back_probe" SET "name" = \$2, /);
    const [r] = await ds.query<{ caller: string; n: number }[]>(`WITH w AS (${sql} RETURNING 1) SELECT ${first}::text AS caller, (SELECT count(*) FROM w)::int AS n`, p.values);
    expect(r).toEqual({ caller: 'caller', n: 1 });
    expect((await read(a.id)).name).toBe('in a statement');
    expect(() => writeBackSql(ds.manager, Probe, Object.assign(new Probe(), { name: 'x' }), new SqlParams())).toThrow(/no primary key/);
  });

  it('bumps a version column it is not given, as TypeORM does', async () => {
    const a = await fresh();
    const before = (await read(a.id)).version as number;
    const partial = Object.assign(new Probe(), { id: a.id, name: 'v' });
    await writeBack(ds.manager, Probe, partial);
    expect((await read(a.id)).version).toBe(before + 1);
  });
});

describe('hydrate (an entity from the caller’s own SELECT)', () => {

  it('gives the entity TypeORM’s findOne gives: transformer, json, dates, arrays, nulls', async () => {
    const saved = await ds.manager.save(
      Probe,
      ds.manager.create(Probe, { name: '检测', note: null, amountFen: 9_007_199_254_740_993n, facts: { a: [1] }, dueAt: new Date('2026-12-31T16:00:00Z'), flags: ['x'], fixed: 'f' }),
    );
    const [raw] = await ds.query<Record<string, unknown>[]>('SELECT p.*, 1 AS extra FROM write_back_probe p WHERE p.id = $1', [saved.id]);
    const mine = hydrate(ds.manager, Probe, raw);
    const theirs = await ds.manager.findOneByOrFail(Probe, { id: saved.id });
    expect(mine).toBeInstanceOf(Probe);
    expect(mine).toEqual(theirs);
    expect(mine.amountFen).toBe(9_007_199_254_740_993n);
    expect(mine.dueAt).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(mine).not.toHaveProperty('extra');
  });
});

describe('insertSql (a new row inside the caller’s statement)', () => {

  it('writes the row TypeORM’s insert writes, the defaults filled in by the database', async () => {
    const fields = { name: '检测', note: null, amountFen: 9_007_199_254_740_993n, facts: { a: [1] }, dueAt: new Date('2026-12-31T16:00:00Z'), flags: ['x'] };
    const mine = ds.manager.create(Probe, { id: '0b7c4f0e-2f0a-4d6e-9a51-0c0b7a3e1d01', ...fields });
    const p = new SqlParams();
    const [raw] = await ds.query<Record<string, unknown>[]>(`WITH r AS (${insertSql(ds.manager, Probe, mine, p)} RETURNING *) SELECT * FROM r`, p.values);
    const back = hydrate(ds.manager, Probe, raw);
    const theirs = await ds.manager.save(Probe, ds.manager.create(Probe, fields));
    const stored = await ds.manager.findOneByOrFail(Probe, { id: mine.id });
    expect(stored).toEqual(back);
    const strip = ({ id: _i, createdAt: _c, updatedAt: _u, ...rest }: Probe) => rest;
    expect(strip(stored)).toEqual(strip(await ds.manager.findOneByOrFail(Probe, { id: theirs.id })));
    expect(stored).toMatchObject({ fixed: 'fixed', version: 1, amountFen: 9_007_199_254_740_993n });
    expect(stored.createdAt).toBeInstanceOf(Date);
  });

  it('writes a foreign key that exists only through a relation (a virtual join column), as TypeORM does', async () => {
    const parent = await ds.manager.save(Probe, ds.manager.create(Probe, { name: 'parent', note: null, amountFen: 1n, facts: null, dueAt: null, flags: [] }));
    const child = ds.manager.create(ProbeChild, { id: '0b7c4f0e-2f0a-4d6e-9a51-0c0b7a3e1d02', label: 'child', probe: parent });
    const p = new SqlParams();
    await ds.query(insertSql(ds.manager, ProbeChild, child, p), p.values);
    const [row] = await ds.query<{ probe_id: string }[]>(`SELECT probe_id FROM write_back_probe_child WHERE id = $1`, [child.id]);
    expect(row.probe_id).toBe(parent.id);
  });
});
