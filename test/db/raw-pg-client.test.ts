import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PREPARED, withPgClient } from '../../src/db/raw-pg-client.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// withPgClient (src/db/raw-pg-client.ts) lends the raw pg client of the connection Kysely would use.
describe(`withPgClient on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false, maxConnections: 4 });
    await sql`create table raw_t (n int primary key)`.execute(t.db);
  });
  afterAll(async () => t?.destroy());
  beforeEach(async () => {
    await sql`truncate raw_t`.execute(t.db);
  });

  it.skipIf(engineUnderTest !== 'pglite')('returns null on PGlite without calling the function, inside a transaction too', async () => {
    let called = false;
    expect(await withPgClient(t.db, async () => (called = true))).toBeNull();
    expect(await t.db.transaction().execute((trx) => withPgClient(trx, async () => (called = true)))).toBeNull();
    expect(called).toBe(false);
  });

  it.skipIf(engineUnderTest !== 'postgres')("lends a transaction's own connection: same backend, its uncommitted rows, its rollback", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into raw_t values (1)`.execute(trx);
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
        const lent = await withPgClient(trx, async (client) => {
          const r = await client.query<{ pid: number; n: number }>('select pg_backend_pid() as pid, count(*)::int as n from raw_t');
          await client.query('insert into raw_t values (2)');
          return r.rows[0];
        });
        expect(lent).toEqual({ value: { pid, n: 1 } });
        // The transaction sees the client's insert, and goes on normally afterwards.
        expect((await sql<{ n: number }>`select count(*)::int as n from raw_t`.execute(trx)).rows[0].n).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sql<{ n: number }>`select count(*)::int as n from raw_t`.execute(t.db)).rows[0].n).toBe(0);
  });

  it.skipIf(engineUnderTest !== 'postgres')('gives concurrent transactions their own clients, and throws what the function throws', async () => {
    const pids = await Promise.all(
      [0, 1, 2].map(() =>
        t.db.transaction().execute(async (trx) => {
          const own = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
          const lent = await withPgClient(trx, async (client) => {
            await new Promise((r) => setTimeout(r, 20));
            return (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
          });
          expect(lent?.value).toBe(own);
          return own;
        }),
      ),
    );
    expect(new Set(pids).size).toBe(3);
    await expect(withPgClient(t.db, (client) => client.query('select * from no_such_table'))).rejects.toMatchObject({ code: '42P01' });
    // Outside a transaction: a pooled connection, and the pool is still usable afterwards.
    expect((await withPgClient(t.db, async (client) => (await client.query('select 1 as one')).rows))?.value).toEqual([{ one: 1 }]);
    expect((await sql<{ one: number }>`select 1 as one`.execute(t.db)).rows[0].one).toBe(1);
  });

  it.skipIf(engineUnderTest !== 'postgres')('returns null, without calling the function, for a pool not opened by openDatabase', async () => {
    const plain = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }) });
    try {
      let called = false;
      expect(await withPgClient(plain, async () => (called = true))).toBeNull();
      expect(called).toBe(false);
    } finally {
      await plain.destroy();
    }
  });

  it('runs a statement marked PREPARED with its parameters and the same answers, in a transaction and its rollback; named and kept per connection on PostgreSQL', async () => {
    const insert = (trx: typeof t.db, n: number) => sql`${sql.raw(PREPARED)} insert into raw_t values (${n}) returning n`.execute(trx);
    await t.db.transaction().execute(async (trx) => {
      for (let n = 1; n <= 8; n++) expect((await insert(trx, n)).rows).toEqual([{ n }]);
      // The builder's form, marked at its front.
      const q = await trx.selectFrom('raw_t' as never).modifyFront(sql.raw(PREPARED)).select(sql<number>`count(*)::int`.as('c')).where(sql`n`, '>', 2).executeTakeFirstOrThrow();
      expect(q).toEqual({ c: 6 });
    });
    await expect(t.db.transaction().execute(async (trx) => {
      await insert(trx, 9);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    await expect(insert(t.db, 1)).rejects.toMatchObject({ code: '23505' });
    expect((await sql<{ n: number }>`select count(*)::int as n from raw_t`.execute(t.db)).rows[0].n).toBe(8);
    if (engineUnderTest === 'postgres') {
      // The transaction's connection holds the statement prepared once, by name (whichever connection of the pool it is).
      const names = await t.db.transaction().execute(async (trx) => {
        await insert(trx, 10);
        return (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx)).rows;
      });
      expect(names.filter((x) => x.statement.includes('insert into raw_t'))).toEqual([expect.objectContaining({ name: expect.stringMatching(/^ss_[0-9a-f]{24}(_\d+)?$/) })]);
    }
  });

  it.skipIf(engineUnderTest !== 'postgres')('prepares anew after a change of a column it returns: one run refused, the next ones answer', async () => {
    await sql`create table raw_p (n int)`.execute(t.db);
    await sql`insert into raw_p values (7)`.execute(t.db);
    const read = (db: Kysely<any>) => sql<{ n: unknown }>`${sql.raw(PREPARED)} select n from raw_p`.execute(db);
    // Two connections held throughout: the statement is prepared on both, the table changes under them.
    await t.db.connection().execute((a) => t.db.connection().execute(async (b) => {
      const pid = async (c: Kysely<any>) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(c)).rows[0].pid;
      expect(await pid(a)).not.toBe(await pid(b));
      for (let i = 0; i < 6; i++) {
        expect((await read(a)).rows).toEqual([{ n: 7 }]);
        expect((await read(b)).rows).toEqual([{ n: 7 }]);
      }
      await sql`alter table raw_p alter column n type text`.execute(a);
      await expect(read(a)).rejects.toMatchObject({ code: '0A000' });
      // b had prepared the old statement too: it prepares the new name without being refused.
      expect((await read(b)).rows).toEqual([{ n: '7' }]);
      for (let i = 0; i < 3; i++) expect((await read(a)).rows).toEqual([{ n: '7' }]);
    }));
    // Every other connection of the pool takes the new name too (it had prepared none, or the old one).
    const all = await Promise.all([0, 1, 2, 3].map(() => t.db.transaction().execute(async (trx) => (await read(trx)).rows)));
    expect(all).toEqual([0, 1, 2, 3].map(() => [{ n: '7' }]));
  });
});
