import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { latestShortSellingMetrics } from '../../src/market-data/short-selling.repository.js';
import { ingestShortSellingFromSource, storeShortSellingMetrics } from '../../src/market-data/short-selling.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`short-selling metrics on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('ingests from a provider, listing symbols it has nothing for', async () => {
    const source = new SyntheticProvider({ now: () => Date.parse('2024-07-08T21:00:00Z') });
    const r = await ingestShortSellingFromSource(t.db, source, ['TSLA', 'GME', 'SPY'], { asOf: '2024-07-07' });
    expect(r).toMatchObject({ stored: 2, rejected: [], missing: ['GME'], failed: [] });
    const latest = await latestShortSellingMetrics(t.db, ['TSLA', 'SPY', 'GME'], '2024-07-08');
    expect([...latest.keys()].sort()).toEqual(['SPY', 'TSLA']);
    expect(latest.get('TSLA')).toEqual({ ...(await source.shortSellingMetrics('TSLA', '2024-07-05')), dataSource: 'synthetic' });
    expect(latest.get('TSLA')!.metricDate).toBe('2024-07-05');
  });

  it('stores sound rows and rejects the others with reasons naming the field', async () => {
    const row = { symbol: 'AMC', metricDate: '2024-07-01', costToBorrowRate: 5, shortInterest: 100, shortInterestRatio: 2, daysToCover: 1, sharesAvailable: null };
    const r = await storeShortSellingMetrics(t.db, [row, { ...row, metricDate: '2024-07-02', daysToCover: -1 }, { ...row, symbol: 'bad symbol' }], { dataSource: 'test', today: '2024-07-08' });
    expect(r.stored).toBe(1);
    expect(r.rejected.map((x) => x.reason)).toEqual(['days_to_cover -1 is not a non-negative number.', 'symbol "bad symbol" is not a valid ticker.']);
    // A re-sent row replaces the stored one.
    await storeShortSellingMetrics(t.db, [{ ...row, costToBorrowRate: 7.25 }], { dataSource: 'test', today: '2024-07-08' });
    expect((await latestShortSellingMetrics(t.db, ['AMC'], '2024-07-08')).get('AMC')).toMatchObject({ costToBorrowRate: 7.25, metricDate: '2024-07-01' });
  });
});
