import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataFreshness } from '../../src/market-data/freshness.js';
import { upsertBars } from '../../src/market-data/prices.repository.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`data freshness on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('is critical with no data at all', async () => {
    const f = await dataFreshness(t.db, { now: new Date('2024-07-05T21:00:00Z') });
    expect(f).toMatchObject({ expectedDate: '2024-07-05', level: 'critical', prices: { latestDate: null, tradingDaysBehind: null, level: 'critical' } });
  });

  it('reads the latest price and factor dates and counts trading days behind the last closed session', async () => {
    const bar = (symbol: string, date: string) => ({ symbol, date, open: 10, high: 10, low: 10, close: 10, adjustedClose: 10, volume: 1, dataSource: 'test' });
    await t.db.transaction().execute((trx) => upsertBars(trx, [bar('AAA', '2024-07-01'), bar('AAA', '2024-07-03'), bar('BBB', '2024-06-28')]));
    const factor = await t.db.selectFrom('factor_definitions').select('id').where('name', '=', 'market').executeTakeFirstOrThrow();
    await t.db.insertInto('symbol_factor_exposures').values({ symbol: 'AAA', factor_id: factor.id, calculation_date: '2024-07-01', beta_value: 1.1, observations: 60, window_days: 90, calculation_method: 'ols_single' }).execute();

    // Friday 2024-07-05, 10:00 in New York: the last closed session is Wednesday the 3rd (the 4th is a holiday).
    const morning = await dataFreshness(t.db, { now: new Date('2024-07-05T14:00:00Z') });
    expect(morning).toEqual({
      expectedDate: '2024-07-03',
      prices: { latestDate: '2024-07-03', expectedDate: '2024-07-03', tradingDaysBehind: 0, level: 'ok' },
      factors: { latestDate: '2024-07-01', expectedDate: '2024-07-03', tradingDaysBehind: 2, level: 'critical' },
      level: 'critical',
      historical: null,
    });
    // After Friday's close prices are one session behind.
    const evening = await dataFreshness(t.db, { now: new Date('2024-07-05T20:30:00Z') });
    expect(evening.prices).toMatchObject({ tradingDaysBehind: 1, level: 'warning' });
    // Monday morning, nothing changed: still one session behind (the weekend does not count).
    expect((await dataFreshness(t.db, { now: new Date('2024-07-08T13:00:00Z') })).prices.level).toBe('warning');
    expect((await dataFreshness(t.db, { expectedDate: '2024-07-03' })).level).toBe('critical');
    await sql`delete from symbol_factor_exposures`.execute(t.db);
    expect((await dataFreshness(t.db, { expectedDate: '2024-07-03' })).factors.latestDate).toBeNull();
  });
});
