import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { insertNewBars, upsertBars, writeBars, type StoredBar } from '../../src/market-data/prices.repository.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const bar = (symbol: string, date: string, close: number, extra: Partial<StoredBar> = {}): StoredBar => ({
  symbol, date, open: close, high: close + 1, low: close - 1, close, adjustedClose: close, volume: 1000, dataSource: 'test', ...extra,
});

describe(`bar writes on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ maxConnections: 4 });
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await sql`truncate market_data_cache`.execute(t.db);
  });
  const stored = () => t.db.selectFrom('market_data_cache').select(['symbol', 'date', 'close', 'volume', 'sector', 'industry']).orderBy('symbol').orderBy('date').execute();

  it('round-trips text with quotes, backslashes and commas, nulls and exponents through the array literals', async () => {
    await t.db.transaction().execute((trx) => upsertBars(trx, [
      bar('BRK.B', '2024-01-02', 1e-6 * 4e6, { sector: 'Lowe\'s "Home", Inc\\', industry: null, volume: null }),
      bar('X', '2024-01-02', 12.345678, { sector: '{NULL}', industry: 'NULL' }),
    ]));
    expect(await stored()).toEqual([
      { symbol: 'BRK.B', date: '2024-01-02', close: 4, volume: null, sector: 'Lowe\'s "Home", Inc\\', industry: null },
      { symbol: 'X', date: '2024-01-02', close: 12.345678, volume: 1000, sector: '{NULL}', industry: 'NULL' },
    ]);
  });

  it('inserts bars after the newest stored one and upserts the overlap, with the same result as upsertBars', async () => {
    await t.db.transaction().execute((trx) => writeBars(trx, [bar('A', '2024-01-02', 10), bar('A', '2024-01-03', 11), bar('B', '2024-01-03', 20)]));
    const n = await t.db.transaction().execute((trx) => writeBars(trx, [bar('A', '2024-01-03', 11.5), bar('A', '2024-01-04', 12), bar('B', '2024-01-02', 19), bar('C', '2024-01-02', 30)]));
    expect(n).toBe(4);
    expect((await stored()).map((r) => [r.symbol, r.date, r.close])).toEqual([
      ['A', '2024-01-02', 10], ['A', '2024-01-03', 11.5], ['A', '2024-01-04', 12], ['B', '2024-01-02', 19], ['B', '2024-01-03', 20], ['C', '2024-01-02', 30],
    ]);
    await expect(t.db.transaction().execute((trx) => insertNewBars(trx, [bar('A', '2024-01-04', 5)]))).rejects.toMatchObject({ code: '23505' });
  });

  it('writes new bars (COPY on PostgreSQL) with tabs, newlines, backslashes, \\N and \\. in text, nulls and exponents intact', async () => {
    const odd = ['tab\there', 'line\nbreak\r', 'back\\slash \\N', '\\.', '', 'Café "ß" {1,2}'];
    const bars = odd.map((text, i) => bar(`ODD${i}`, '2024-01-02', i === 0 ? 1e-6 * 4e6 : 12.345678 + i, { sector: text, industry: i === 1 ? null : text, volume: i === 2 ? null : 1000 + i }));
    bars.push(bar('TINY', '2024-01-02', 1e-6, { low: 1e-6, open: 1e-6 }));
    const n = await t.db.transaction().execute((trx) => writeBars(trx, bars));
    expect(n).toBe(bars.length);
    const rows = await t.db.selectFrom('market_data_cache').select(['symbol', 'close', 'low', 'volume', 'sector', 'industry', 'data_source']).orderBy('symbol').execute();
    expect(rows).toEqual([
      ...odd.map((text, i) => ({ symbol: `ODD${i}`, close: i === 0 ? 4 : 12.345678 + i, low: (i === 0 ? 4 : 12.345678 + i) - 1, volume: i === 2 ? null : 1000 + i, sector: text, industry: i === 1 ? null : text, data_source: 'test' })),
      { symbol: 'TINY', close: 0.000001, low: 0.000001, volume: 1000, sector: null, industry: null, data_source: 'test' },
    ]);
  });

  it('rejects a non-finite price or volume, naming symbol and date, before writing anything', async () => {
    const good = bar('OK', '2024-01-02', 10);
    for (const [field, value] of [['close', NaN], ['adjustedClose', Infinity], ['open', -Infinity], ['volume', NaN], ['high', undefined]] as const) {
      const badBar = { ...bar('BAD', '2024-01-03', 10), [field]: value } as StoredBar;
      for (const write of [writeBars, upsertBars, insertNewBars]) {
        await expect(t.db.transaction().execute((trx) => write(trx, [good, badBar]))).rejects.toThrow(new RegExp(`bar BAD 2024-01-03: ${field} is ${String(value)}`));
      }
    }
    await expect(t.db.transaction().execute((trx) => writeBars(trx, [{ ...good, volume: 1.5 }]))).rejects.toThrow('bar OK 2024-01-02: volume is 1.5; it must be a whole number');
    expect(await stored()).toEqual([]);
  });

  it('writes new bars on the caller\'s transaction: a rollback takes them away, a unique violation leaves the transaction usable after a savepoint', async () => {
    const many = Array.from({ length: 30_000 }, (_, i) => bar(`M${i % 100}`, `2024-${String(1 + Math.floor(i / 100 / 28)).padStart(2, '0')}-${String(1 + (Math.floor(i / 100) % 28)).padStart(2, '0')}`, 10 + (i % 7)));
    await expect(t.db.transaction().execute(async (trx) => {
      expect(await insertNewBars(trx, many)).toBe(many.length);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await stored()).toEqual([]);
    await t.db.transaction().execute((trx) => insertNewBars(trx, [many[5]]));
    // The stored bar comes early in the stream: the server fails the COPY while rows are still arriving.
    const n = await t.db.transaction().execute(async (trx) => {
      await sql`savepoint s`.execute(trx);
      await expect(insertNewBars(trx, many)).rejects.toMatchObject({ code: '23505' });
      await sql`rollback to savepoint s`.execute(trx);
      return (await sql<{ n: number }>`select count(*)::int as n from market_data_cache`.execute(trx)).rows[0].n;
    });
    expect(n).toBe(1);
  });

  it.skipIf(engineUnderTest !== 'postgres')('falls back to an upsert when a concurrent writer stored a "new" bar first', async () => {
    await t.db.transaction().execute((trx) => writeBars(trx, [bar('A', '2024-01-02', 10)]));
    const first = await t.db.startTransaction().execute();
    await writeBars(first, [bar('A', '2024-01-03', 11)]);
    // The second writer does not see the uncommitted row, so it takes 2024-01-03 for new; its INSERT
    // waits for the first transaction and then meets the unique violation.
    const second = t.db.transaction().execute((trx) => writeBars(trx, [bar('A', '2024-01-03', 12), bar('A', '2024-01-04', 13)]));
    // Wait until it is blocked on the first transaction's row lock, then commit the first.
    for (;;) {
      const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
      if (waiting.rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await first.commit().execute();
    expect(await second).toBe(2);
    expect((await stored()).map((r) => [r.date, r.close])).toEqual([['2024-01-02', 10], ['2024-01-03', 12], ['2024-01-04', 13]]);
  });
});
