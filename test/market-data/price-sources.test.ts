/**
 * Synthetic prices never mix with real ones, on every path that writes bars: after real MSFT bars
 * are imported, neither the sync, nor onboarding (the worker), nor the demo seed stores a synthetic
 * MSFT bar; and a file of real prices is refused for a symbol holding synthetic ones. Each refusal
 * names the symbol and both sources, and writes nothing.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { importPriceFile } from '../../src/market-data/file-import.js';
import { claimOnboardingBatch } from '../../src/market-data/onboarding-queue.repository.js';
import { onboardClaimed } from '../../src/market-data/onboarding.service.js';
import { beginSymbolWrite, PriceSourceConflictError } from '../../src/market-data/price-sources.js';
import { upsertBars } from '../../src/market-data/prices.repository.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { syncMarketData } from '../../src/market-data/sync.js';
import { marketFile } from '../support/market-fixtures.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const TODAY = '2024-06-28';
const NOW = Date.parse(`${TODAY}T22:00:00Z`);
const REFUSED_SYNTHETIC = /MSFT: refusing synthetic demo prices: its stored bars come from import \(\d+ bar\(s\), 2000-09-27 to 20\d\d-\d\d-\d\d\)/;

describe(`synthetic and real prices never mix, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  const synthetic = () => createFallbackChain([new SyntheticProvider({ now: () => NOW })]);
  const sources = async (symbol: string) =>
    (await t.db.selectFrom('market_data_cache').select('data_source').distinct().where('symbol', '=', symbol).execute()).map((r) => r.data_source);
  const importMsft = () => importPriceFile(t.db, readFileSync(marketFile('msft_daily_ohlcv_2000_2001.csv'), 'utf8'), { file: 'MSFT.csv', today: TODAY });

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());
  beforeEach(async () => {
    await sql`truncate symbol_onboarding_queue, symbol_universe, market_data_cache, corporate_actions, users cascade`.execute(t.db);
  });

  it('names the symbol and both sources; real sources may mix', async () => {
    const imported = [{ symbol: 'MSFT', dataSource: 'import', bars: 3, firstDate: '2000-09-27', lastDate: '2000-09-29' }];
    expect(new PriceSourceConflictError('MSFT', 'synthetic', imported).message).toMatch(REFUSED_SYNTHETIC);
    expect(new PriceSourceConflictError('MSFT', 'yahoo', [{ ...imported[0], dataSource: 'synthetic' }]).message).toMatch(
      /^MSFT: refusing real prices from yahoo: its stored bars come from synthetic \(3 bar\(s\)/,
    );
    // A provider's bars after imported ones: both real, accepted.
    await importMsft();
    const polygon = [{ symbol: 'MSFT', date: '2002-01-02', open: 67, high: 68, low: 66, close: 67.5, adjustedClose: 67.5, volume: 1, dataSource: 'polygon' }];
    await t.db.transaction().execute(async (trx) => {
      await beginSymbolWrite(trx, polygon);
      await upsertBars(trx, polygon);
    });
    expect((await sources('MSFT')).sort()).toEqual(['import', 'polygon']);
  });

  it('onboarding (the worker) refuses synthetic bars for imported MSFT, at once and without retries', async () => {
    const r = await importMsft();
    expect(r.stored).toBe(249);
    // The import queued MSFT for onboarding, as a new symbol.
    const [claim] = await claimOnboardingBatch(t.db, { workerId: 'w1', limit: 1, leaseMs: 60_000 });
    expect(claim).toMatchObject({ symbol: 'MSFT', attempts: 1 });
    const outcome = await onboardClaimed(t.db, synthetic(), claim, 'w1', { today: TODAY, fetchProfile: false });
    expect(outcome).toMatchObject({ symbol: 'MSFT', status: 'failed', reason: expect.stringMatching(REFUSED_SYNTHETIC) });
    expect(await sources('MSFT')).toEqual(['import']);
    expect(await t.db.selectFrom('symbol_universe').select(['status', 'status_reason']).where('symbol', '=', 'MSFT').executeTakeFirstOrThrow()).toMatchObject({
      status: 'error', status_reason: expect.stringMatching(REFUSED_SYNTHETIC),
    });
  });

  it('the sync refuses synthetic bars for imported MSFT and marks it error with the reason', async () => {
    await importMsft();
    // An operator activates it by hand (no onboarding): the sync may take it now.
    await sql`delete from symbol_onboarding_queue`.execute(t.db);
    await t.db.updateTable('symbol_universe').set({ status: 'active' }).where('symbol', '=', 'MSFT').execute();
    const report = await syncMarketData(t.db, synthetic(), { today: TODAY, now: () => new Date(NOW) });
    expect(report.results).toEqual([expect.objectContaining({ symbol: 'MSFT', outcome: 'error', barsStored: 0, error: expect.stringMatching(REFUSED_SYNTHETIC) })]);
    expect(await sources('MSFT')).toEqual(['import']);
  });

  it('the demo seed refuses a database where a demo symbol has real bars, writing nothing', async () => {
    await importMsft();
    await expect(seedDemo(t.db, { today: TODAY })).rejects.toThrow(REFUSED_SYNTHETIC);
    expect(await sources('MSFT')).toEqual(['import']);
    expect(await t.db.selectFrom('users').select('username').execute()).toEqual([]);
    expect(await sql`select 1 from market_data_cache where data_source = 'synthetic' limit 1`.execute(t.db).then((r) => r.rows)).toEqual([]);
  });

  it('a file of real prices is refused whole for a symbol holding synthetic bars', async () => {
    const bars = (await new SyntheticProvider({ now: () => NOW }).dailyBars('MSFT', '2024-06-03', TODAY)).map((b) => ({
      symbol: b.symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjustedClose: b.adjClose, volume: b.volume, dataSource: 'synthetic',
    }));
    await t.db.transaction().execute((trx) => upsertBars(trx, bars));
    const file = 'symbol,date,open,high,low,close,adj_close,volume\nIBM,2000-01-03,112,116,111,116,116,10000\nMSFT,2000-01-03,117,119,112,116.5,116.5,53228400\n';
    const refused = importPriceFile(t.db, file, { file: 'mixed.csv', today: TODAY });
    await expect(refused).rejects.toBeInstanceOf(PriceSourceConflictError);
    await expect(refused).rejects.toThrow(/^MSFT: refusing real prices from import: its stored bars come from synthetic \(19 bar\(s\), 2024-06-03 to 2024-06-28\)/);
    expect(await sources('MSFT')).toEqual(['synthetic']);
    expect(await sources('IBM')).toEqual([]);
  });
});
