import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { syncMarketData } from '../../src/market-data/sync.js';
import type { DailyBar } from '../../src/market-data/types.js';
import { makeBars, ScriptedProvider } from '../fakes/scripted-provider.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

/** A provider whose call is cut short by the caller's Ctrl-C: it aborts the run, then fails. */
class InterruptedProvider extends ScriptedProvider {
  constructor(private readonly stop: AbortController) {
    super('interrupted');
  }
  override async dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]> {
    this.calls.push({ op: 'dailyBars', symbol, from, to });
    this.stop.abort();
    throw new DOMException('This operation was aborted', 'AbortError');
  }
}

describe(`an interrupted sync on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => t?.destroy());

  it('records nothing against the symbol it was working on and takes no new symbol', async () => {
    await t.db.insertInto('symbol_universe').values([
      { symbol: 'AAA', status: 'active', added_source: 'admin', consecutive_failures: 2 },
      { symbol: 'BBB', status: 'active', added_source: 'admin' },
    ]).execute();
    const stop = new AbortController();
    const p = new InterruptedProvider(stop);
    p.bars.set('AAA', makeBars('AAA', '2024-01-02', '2024-03-15'));
    const report = await syncMarketData(t.db, createFallbackChain([p]), {
      today: '2024-03-15', historyStart: '2024-01-02', concurrency: 1, maxConsecutiveFailures: 3, signal: stop.signal,
    });
    expect(report).toMatchObject({ symbols: 1, interrupted: 1, failed: 0, markedError: 0 });
    expect(report.results[0]).toMatchObject({ symbol: 'AAA', outcome: 'interrupted' });
    // Two earlier failures plus this one would have reached the limit of three and marked it 'error'.
    const rows = await t.db.selectFrom('symbol_universe').select(['symbol', 'status', 'consecutive_failures', 'last_synced', 'sync_claimed_by']).orderBy('symbol').execute();
    expect(rows).toEqual([
      { symbol: 'AAA', status: 'active', consecutive_failures: 2, last_synced: null, sync_claimed_by: null },
      { symbol: 'BBB', status: 'active', consecutive_failures: 0, last_synced: null, sync_claimed_by: null },
    ]);
  });
});
