import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPgClient } from '../../src/db/database.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

// withPgClient (src/db/database.ts) lends the raw pg client of the connection Kysely would use.
describe(`withPgClient on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrated: false, maxConnections: 4 });
    await sql`create table raw_client_t (n int primary key)`.execute(t.db);
  });
  afterAll(async () => t?.destroy());

  it.skipIf(engineUnderTest !== 'pglite')('reports that PGlite has no pg client, without calling the function', async () => {
    let called = false;
    expect(await withPgClient(t.db, async () => (called = true))).toBeNull();
    expect(called).toBe(false);
  });

  it.skipIf(engineUnderTest !== 'postgres')("gives a transaction's own connection: same backend, its uncommitted rows, its rollback", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into raw_client_t values (1)`.execute(trx);
        const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
        const seen = await withPgClient(trx, async (client) => {
          const r = await client.query<{ pid: number; n: string }>('select pg_backend_pid() as pid, count(*) as n from raw_client_t');
          await client.query('insert into raw_client_t values (2)');
          return r.rows[0];
        });
        expect(seen).toEqual({ value: { pid, n: 1 } });
        // The transaction sees the raw client's insert, and goes on normally afterwards.
        expect((await sql<{ n: number }>`select count(*)::int as n from raw_client_t`.execute(trx)).rows[0].n).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Both inserts were rolled back with the transaction.
    expect((await sql<{ n: number }>`select count(*)::int as n from raw_client_t`.execute(t.db)).rows[0].n).toBe(0);
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
    await expect(withPgClient(t.db, async (client) => client.query('select * from no_such_table'))).rejects.toMatchObject({ code: '42P01' });
    // Outside a transaction: a pooled connection, and the pool is still usable afterwards.
    expect((await withPgClient(t.db, async (client) => (await client.query('select 1 as one')).rows[0]))?.value).toEqual({ one: 1 });
    expect((await sql<{ one: number }>`select 1 as one`.execute(t.db)).rows[0].one).toBe(1);
  });
});
