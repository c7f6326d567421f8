import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { seedRealDemo } from '../../src/demo/real-demo.js';
import { dataFreshness, lastCompletedSession } from '../../src/market-data/freshness.js';
import { tradingDaysBetween } from '../../src/market-data/trading-calendar.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

/** GET /api/v1/system/status, through the response schema. */
async function status(app: App) {
  const res = await app.inject('/api/v1/system/status');
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe(`status of the real-data (historical) demo on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedRealDemo(t.db);
    app = await createTestApp(t);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('judges freshness against the data set\'s own end date: "historical", never stale or critical', async () => {
    const s = await status(app);
    // No marker recorded: the end date is the last close of the symbols the demo portfolio holds.
    expect(s.freshness).toEqual({
      expectedDate: '2001-01-02',
      historical: { endDate: '2001-01-02', description: 'historical demo data (data/real, 1991-2001): not synced from providers' },
      level: 'historical',
      // The S&P 500 series runs on to 2020; the data set ends with the Dow 30 closes.
      prices: { latestDate: '2020-04-17', expectedDate: '2001-01-02', tradingDaysBehind: 0, level: 'historical' },
      // The betas' window ends on the last return date of the 1990s, one session before.
      factors: { latestDate: '2000-12-29', expectedDate: '2001-01-02', tradingDaysBehind: 1, level: 'historical' },
    });
  });

  it('counts the symbols the database holds (none of them synced) and names the real data sources', async () => {
    const s = await status(app);
    expect(s.data.symbols).toBe(32);
    expect(s.data.prices).toMatchObject({ symbols: 32, bars: 75_840 + 9_311 + 5_105, firstDate: '1966-01-04', lastDate: '2020-04-17', synthetic: false });
    expect(s.data.prices.sources).toEqual([
      { dataSource: 'real-dj30', synthetic: false, symbols: 30, bars: 75_840, firstDate: '1991-01-02', lastDate: '2001-01-02' },
      { dataSource: 'real-nyse', synthetic: false, symbols: 1, bars: 9_311, firstDate: '1966-01-04', lastDate: '2002-12-31' },
      { dataSource: 'real-sp500', synthetic: false, symbols: 1, bars: 5_105, firstDate: '2000-01-03', lastDate: '2020-04-17' },
    ]);
  });

  it('is judged against today again once a symbol is synced (an active universe row)', async () => {
    await t.db.insertInto('symbol_universe').values({ symbol: 'ZZZZ', status: 'active', added_source: 'admin' }).execute();
    const now = new Date();
    const f = await dataFreshness(t.db, { now });
    expect(f.historical).toBeNull();
    expect(f.expectedDate).toBe(lastCompletedSession(now));
    expect(f.prices).toMatchObject({ latestDate: '2020-04-17', tradingDaysBehind: tradingDaysBetween('2020-04-17', f.expectedDate), level: 'critical' });
    expect((await status(app)).data.symbols).toBe(33);
    await sql`delete from symbol_universe where symbol = 'ZZZZ'`.execute(t.db);
    expect((await dataFreshness(t.db)).level).toBe('historical');
  });
});

describe(`status of the synthetic demo on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { today: '2026-11-20' });
    app = await createTestApp(t);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('says the stored prices are synthetic, with their data source next to the counts', async () => {
    const s = await status(app);
    expect(s.data.prices).toMatchObject({ symbols: 82, firstDate: '2024-11-20', lastDate: '2026-11-20', synthetic: true });
    expect(s.data.prices.sources).toEqual([
      { dataSource: 'synthetic', synthetic: true, symbols: 82, bars: s.data.prices.bars, firstDate: '2024-11-20', lastDate: '2026-11-20' },
    ]);
    expect(s.data.symbols).toBe(82);
    // Not historical: the synthetic market is synced like a real one, so it is judged against today.
    expect(s.freshness.historical).toBeNull();
    expect(s.freshness.prices.level).not.toBe('historical');
  });

  it("counts the results of portfolios that are not deleted: a deleted portfolio's days are not shown", async () => {
    const [a, b] = await t.db.selectFrom('portfolios').select('id').orderBy('id').limit(2).execute();
    const snapshot = (portfolio_id: string, snapshot_date: string) => ({
      portfolio_id, snapshot_date, total_value: 1, long_value: 1, short_value: 0, long_exposure: 1, short_exposure: 0, gross_exposure: 1, net_exposure: 1,
    });
    await t.db.insertInto('portfolio_snapshots').values([snapshot(a.id, '2026-11-19'), snapshot(a.id, '2026-11-20'), snapshot(b.id, '2026-11-19')]).execute();
    expect((await status(app)).batch.results).toEqual({ portfolios: 2, latestDate: '2026-11-20', days: 2 });
    await t.db.updateTable('portfolios').set({ deleted_at: new Date() }).where('id', '=', a.id).execute();
    expect((await status(app)).batch.results).toEqual({ portfolios: 1, latestDate: '2026-11-19', days: 1 });
  });
});
