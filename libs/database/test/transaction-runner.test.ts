import { DataSource } from 'typeorm';
import { dataSourceOptions, TransactionRunner } from '@innoserve/database';
import { createTestDatabase, type TestDatabase } from '@innoserve/database/testing';
import { ALL_ENTITIES } from '../../../apps/cli/src/schema.js';

describe(`${TransactionRunner.name} (the unit of work)`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let tx: TransactionRunner;

  beforeAll(async () => {
    db = await createTestDatabase({ entities: ALL_ENTITIES });
    ds = new DataSource({ ...dataSourceOptions({ url: db.url, entities: ALL_ENTITIES, poolSize: 5 }), logging: false });
    await ds.initialize();
    await ds.query('CREATE TABLE unit_probe (v text NOT NULL)');
    tx = new TransactionRunner(ds);
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });
  beforeEach(async () => ds.query('TRUNCATE unit_probe'));

  const rows = async (): Promise<string[]> => (await ds.query<{ v: string }[]>('SELECT v FROM unit_probe ORDER BY v')).map((r) => r.v);
  const put = (v: string) => tx.run((m) => m.query('INSERT INTO unit_probe (v) VALUES ($1)', [v]));
  const backend = (): Promise<number> => tx.run(async (m) => (await m.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid);

  it('lets a nested run join the outer transaction: one connection, and the outer failure undoes both', async () => {
    await expect(
      tx.run(async (m) => {
        await m.query(`INSERT INTO unit_probe (v) VALUES ('outer')`);
        await put('inner'); // a service deeper down, given no manager
        expect(await backend()).toBe((await m.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid'))[0].pid);
        expect(await rows()).toEqual([]); // nothing committed yet: other connections see neither
        throw new Error('the command fails after both writes');
      }),
    ).rejects.toThrow('the command fails');
    expect(await rows()).toEqual([]);
  });

  it('rolls a failed nested run back to its savepoint, so a caller that catches the error keeps the rest', async () => {
    await tx.run(async () => {
      await put('kept');
      await expect(
        tx.run(async (m) => {
          await m.query(`INSERT INTO unit_probe (v) VALUES ('undone')`);
          await m.query('SELECT 1/0'); // a database error inside the savepoint
        }),
      ).rejects.toThrow(/division by zero/);
      await put('after');
    });
    expect(await rows()).toEqual(['after', 'kept']);
  });

  it('retries only the outermost run, running all of its work again after a deadlock', async () => {
    let attempts = 0;
    await tx.run(async () => {
      attempts++;
      await put(`attempt ${attempts}`);
      await tx.run(async () => {
        if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      });
    });
    expect(attempts).toBe(2);
    expect(await rows()).toEqual(['attempt 2']);
  });

  it('reports whether a unit of work is open, and hands out its manager for reads that must see its writes', async () => {
    expect(tx.inUnitOfWork).toBe(false);
    expect(tx.manager).toBe(ds.manager);
    await tx.run(async (m) => {
      expect(tx.inUnitOfWork).toBe(true);
      expect(tx.manager).toBe(m);
      await put('mine');
      expect(await tx.manager.query('SELECT v FROM unit_probe')).toEqual([{ v: 'mine' }]);
    });
  });

  it('does not let work that escaped a unit (a timer started inside it) join it once it has ended', async () => {
    let escaped: Promise<unknown> | undefined;
    await tx.run(async () => {
      escaped = new Promise((r) => setTimeout(r, 50)).then(() => put('late'));
      await put('inside');
    });
    await escaped;
    expect(await rows()).toEqual(['inside', 'late']);
  });

  describe('afterCommit', () => {
    it('runs a hook registered inside a joined run only after the outermost run has committed, when other connections see the writes', async () => {
      let calls = 0;
      let seen: Promise<string[]> | undefined;
      const hook = () => {
        calls++;
        seen = rows(); // another connection: it sees only what has been committed
      };
      await tx.run(async () => {
        await put('a');
        await tx.run(async () => {
          await put('b');
          tx.afterCommit(hook);
        });
        expect(calls).toBe(0);
      });
      expect(calls).toBe(1);
      expect(await seen).toEqual(['a', 'b']);
    });

    it('drops the hooks of a unit that rolls back, and of an attempt that is retried', async () => {
      const calls: string[] = [];
      await expect(
        tx.run(async () => {
          tx.afterCommit(() => calls.push('rolled back'));
          throw new Error('the command fails');
        }),
      ).rejects.toThrow('the command fails');
      let attempts = 0;
      await tx.run(async () => {
        attempts++;
        tx.afterCommit(() => calls.push(`attempt ${attempts}`));
        if (attempts === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      });
      expect(calls).toEqual(['attempt 2']);
    });

    it('runs the hook at once outside a unit of work, and a failing hook does not fail the committed command', async () => {
      const calls: string[] = [];
      tx.afterCommit(() => calls.push('now'));
      expect(calls).toEqual(['now']);
      await expect(
        tx.run(async () => {
          await put('committed');
          tx.afterCommit(() => {
            throw new Error('hook fails');
          });
          return 'answer';
        }),
      ).resolves.toBe('answer');
      expect(await rows()).toEqual(['committed']);
    });
  });

  describe('commitWith (the last statement and its COMMIT in one round trip)', () => {
    const status = async (m: import('typeorm').EntityManager): Promise<string | null> =>
      ((await (m.queryRunner as unknown as { connect(): Promise<{ getTransactionStatus(): string | null }> }).connect()).getTransactionStatus());

    it('commits the outermost unit with its last statement, answers its rows, then runs the afterCommit hooks and leaves the connection idle', async () => {
      const calls: string[] = [];
      let idle: string | null = null;
      const answer = await tx.run(async (m) => {
        await m.query(`INSERT INTO unit_probe (v) VALUES ('first')`);
        tx.afterCommit(() => calls.push('hook'));
        const r = await tx.commitWith<{ v: string }>(m, 'INSERT INTO unit_probe (v) VALUES ($1) RETURNING v', ['last']);
        idle = await status(m); // 'I': no transaction open on the connection any more
        expect(tx.inUnitOfWork).toBe(false);
        return r;
      });
      expect(answer).toEqual([{ v: 'last' }]);
      expect(idle).toBe('I');
      expect(calls).toEqual(['hook']);
      expect(await rows()).toEqual(['first', 'last']);
      expect(await put('next')).toBeDefined(); // the connection went back to the pool in a usable state
    });

    it('leaves nothing when the last statement fails (the COMMIT of the aborted transaction rolls back) and throws its error', async () => {
      await expect(
        tx.run(async (m) => {
          await m.query(`INSERT INTO unit_probe (v) VALUES ('undone')`);
          await tx.commitWith(m, `INSERT INTO unit_probe (v) SELECT $1::text WHERE innoserve_refuse_unless(false, 'PROBE_REFUSED')`, ['never']);
        }),
      ).rejects.toMatchObject({ code: 'P0001', message: 'PROBE_REFUSED' });
      expect(await rows()).toEqual([]);
      await put('after');
      expect(await rows()).toEqual(['after']);
    });

    it('retries the whole unit after a deadlock in the last statement', async () => {
      let attempts = 0;
      await tx.run(async (m) => {
        attempts++;
        await m.query('INSERT INTO unit_probe (v) VALUES ($1)', [`attempt ${attempts}`]);
        await tx.commitWith(m, attempts === 1 ? `DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$` : 'SELECT 1', []);
      });
      expect(attempts).toBe(2);
      expect(await rows()).toEqual(['attempt 2']);
    });

    it('inside a joined run only runs the statement: the outermost run commits, or rolls it back with the rest', async () => {
      await expect(
        tx.run(async () => {
          await tx.run(async (m) => {
            await tx.commitWith(m, 'INSERT INTO unit_probe (v) VALUES ($1)', ['joined']);
          });
          expect(tx.inUnitOfWork).toBe(true);
          throw new Error('the outer work fails after it');
        }),
      ).rejects.toThrow('the outer work fails');
      expect(await rows()).toEqual([]);
    });
  });
});
