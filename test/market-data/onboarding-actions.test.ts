import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adjustedCloses } from '../../src/market-data/adjusted-prices.repository.js';
import { corporateActionsFor } from '../../src/market-data/corporate-actions.repository.js';
import { claimOnboardingBatch } from '../../src/market-data/onboarding-queue.repository.js';
import { enqueueSymbols, onboardClaimed } from '../../src/market-data/onboarding.service.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { syncMarketData } from '../../src/market-data/sync.js';
import type { CashDividend, DailyBar } from '../../src/market-data/types.js';
import { ScriptedProvider } from '../fakes/scripted-provider.js';
import { readMarketCsv } from '../support/market-fixtures.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

/*
 * A split or dividend whose ex-date falls in the last sessions before an onboarding fetch: the
 * provider's adjusted closes already include it, and the first sync re-fetches those sessions (its
 * five-session heal) with the action. Onboarding stores the action, so the sync does not apply it a
 * second time; and it stores traded prices, so the healed sessions join the stored ones without a
 * jump.
 */
describe(`onboarding then sync, with a recent split or dividend, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());
  beforeEach(async () => {
    await sql`truncate symbol_onboarding_queue, symbol_universe, market_data_cache, corporate_actions`.execute(t.db);
  });

  // Real AAPL, split-adjusted for the 7:1 split of 2014-06-09 (traded prices before it were 7x).
  const file = (() => {
    const { header, rows } = readMarketCsv('aapl_daily_ohlcv_2013_2018.csv');
    const at = (n: string) => header.indexOf(n);
    return rows.map((r) => ({ date: r[at('date')], open: +r[at('open')], high: +r[at('high')], low: +r[at('low')], close: +r[at('close')], volume: +r[at('volume')] }));
  })();
  const SPLIT_EX = '2014-06-09';
  const split = { symbol: 'AAPL', exDate: SPLIT_EX, numerator: 7, denominator: 1, factor: 7 };
  const first = file[0].date;

  async function onboard(p: ScriptedProvider, today: string) {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'AAPL' }]));
    const [claim] = await claimOnboardingBatch(t.db, { workerId: 'w1', limit: 1, leaseMs: 60_000 });
    const outcome = await onboardClaimed(t.db, createFallbackChain([p]), claim, 'w1', { today, historyDays: 730, fetchProfile: false });
    expect(outcome).toMatchObject({ symbol: 'AAPL', status: 'active' });
  }

  async function sync(p: ScriptedProvider, today: string) {
    // Onboarding set last_synced to the real now(): the sync runs on the real clock, on a fixed day.
    const r = await syncMarketData(t.db, createFallbackChain([p]), { today, minSyncIntervalMs: 0 });
    expect(r.results).toHaveLength(1);
    return r.results[0];
  }

  async function worstDifference(through: string, expected: (b: (typeof file)[number]) => number) {
    const series = (await adjustedCloses(t.db, ['AAPL'], first, through)).get('AAPL')!;
    const bars = file.filter((b) => b.date <= through);
    expect(series.dates).toEqual(bars.map((b) => b.date));
    return Math.max(...bars.map((b, i) => Math.abs(series.values[i] - expected(b))));
  }

  it.each([
    ['a Yahoo-like provider (adjusted close given)', true],
    ['a Polygon-like provider (no adjusted close: computed from the split)', false],
  ])('applies a split two sessions before onboarding once, with %s', async (_, givesAdjClose) => {
    // On 2014-06-11: split-adjusted bars; the adjusted close, when given, = the split-adjusted close.
    const p = new ScriptedProvider();
    p.bars.set('AAPL', file.map((b): DailyBar => ({ symbol: 'AAPL', ...b, adjClose: givesAdjClose ? b.close : null, adjustment: 'split' })));
    p.actions.set('AAPL', { splits: [split], dividends: [] });
    await onboard(p, '2014-06-11');
    expect(await worstDifference('2014-06-11', (b) => b.close)).toBeLessThan(1e-6);

    // The first sync re-fetches 2014-06-05.. (five sessions), across the split's ex-date.
    const r = await sync(p, '2014-06-18');
    expect(await worstDifference('2014-06-18', (b) => b.close)).toBeLessThan(1e-6);
    expect(r).toMatchObject({ outcome: 'synced', from: '2014-06-05', rejected: [], actionsStored: 0, adjustedUpdated: 0 });
    expect((await corporateActionsFor(t.db, 'AAPL')).splits).toEqual([{ exDate: SPLIT_EX, splitFrom: 1, splitTo: 7, factor: 7 }]);
    // Stored prices are as traded, whichever path wrote them.
    const close = async (date: string) => (await t.db.selectFrom('market_data_cache').select('close').where('symbol', '=', 'AAPL').where('date', '=', date).executeTakeFirstOrThrow()).close;
    expect(await close('2014-06-02')).toBeCloseTo(file.find((b) => b.date === '2014-06-02')!.close * 7, 4);
    expect(await close('2014-06-06')).toBeCloseTo(file.find((b) => b.date === '2014-06-06')!.close * 7, 4);
  });

  it('applies a dividend two sessions before onboarding once', async () => {
    // Before the split, split-adjusted = traded. The 2014-05-08 dividend: 3.29 per share as declared.
    const DIV_EX = '2014-05-08';
    const traded = file.filter((b) => b.date < '2014-06-01').map((b) => ({ ...b, open: b.open * 7, high: b.high * 7, low: b.low * 7, close: b.close * 7, volume: Math.round(b.volume / 7) }));
    const prevClose = traded.filter((b) => b.date < DIV_EX).at(-1)!.close;
    const factor = 1 - 3.29 / prevClose;
    const p = new ScriptedProvider();
    p.bars.set('AAPL', traded.map((b): DailyBar => ({ symbol: 'AAPL', ...b, adjClose: b.date < DIV_EX ? b.close * factor : b.close, adjustment: 'split' })));
    const dividend: CashDividend = { symbol: 'AAPL', exDate: DIV_EX, amount: 3.29, splitAdjusted: false, currency: 'USD', payDate: null, recordDate: null, declarationDate: null };
    p.actions.set('AAPL', { splits: [], dividends: [dividend] });
    await onboard(p, '2014-05-12');

    const r = await sync(p, '2014-05-20');
    const tradedClose = new Map(traded.map((b) => [b.date, b.close]));
    expect(await worstDifference('2014-05-20', (b) => tradedClose.get(b.date)! * (b.date < DIV_EX ? factor : 1))).toBeLessThan(1e-5);
    expect(r).toMatchObject({ outcome: 'synced', from: '2014-05-06', rejected: [], actionsStored: 0, adjustedUpdated: 0 });
    expect((await corporateActionsFor(t.db, 'AAPL')).dividends).toMatchObject([{ exDate: DIV_EX, amount: 3.29, currency: 'USD' }]);
  });
});
