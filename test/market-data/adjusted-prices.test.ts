import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustedCloses } from '../../src/market-data/adjusted-prices.repository.js';
import { upsertBars, type StoredBar } from '../../src/market-data/prices.repository.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const bar = (symbol: string, date: string, close: number, adjustedClose: number | null): StoredBar => ({
  symbol, date, open: null, high: null, low: null, close, adjustedClose, volume: null, dataSource: 'test',
});

describe(`adjustedCloses on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
    await t.db.transaction().execute((trx) => upsertBars(trx, [
      bar('A', '2024-01-03', 20, 10), bar('A', '2024-01-02', 18, 9), bar('A', '2024-01-04', 21, null), bar('A', '2024-01-05', 22, 22),
      bar('B', '2024-01-03', 5, null),
    ]));
  });
  afterAll(async () => t?.destroy());

  it('reads each symbol once, ascending, within the range, with the close where no adjusted close is stored', async () => {
    const series = await adjustedCloses(t.db, ['A', 'B', 'A', 'NONE'], '2024-01-02', '2024-01-04');
    expect([...series.keys()].sort()).toEqual(['A', 'B']);
    expect(series.get('A')).toEqual({ dates: ['2024-01-02', '2024-01-03', '2024-01-04'], values: Float64Array.from([9, 10, 21]) });
    expect(series.get('B')).toEqual({ dates: ['2024-01-03'], values: Float64Array.from([5]) });
  });

  it('is empty for no symbols or an inverted range', async () => {
    expect((await adjustedCloses(t.db, [], '2024-01-02', '2024-01-04')).size).toBe(0);
    expect((await adjustedCloses(t.db, ['A'], '2024-01-04', '2024-01-02')).size).toBe(0);
  });
});
