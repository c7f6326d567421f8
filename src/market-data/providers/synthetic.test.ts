import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { demoSymbols } from '../../demo/demo-universe.js';
import { generateMarket } from '../../demo/synthetic-market.js';
import { MarketDataError } from '../types.js';
import { createConfiguredChain } from './configured-chain.js';
import { SyntheticProvider } from './synthetic.js';

// 2024-07-05 15:00 UTC = 11:00 in New York: "today" is 2024-07-05.
const NOW = Date.parse('2024-07-05T15:00:00Z');
const provider = new SyntheticProvider({ now: () => NOW });

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof MarketDataError ? e.code : String(e);
  }
}

describe('synthetic provider', () => {
  it('serves the demo generator’s bars, as traded, up to today', async () => {
    const market = generateMarket('2024-07-05');
    const bars = await provider.dailyBars('aapl', '2024-06-25', '2024-12-31');
    const expected = market.bars.get('AAPL')!.filter((b) => b.date >= '2024-06-25');
    expect(bars.map((b) => b.date)).toEqual(['2024-06-25', '2024-06-26', '2024-06-27', '2024-06-28', '2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05']);
    expect(bars).toEqual(expected.map((b) => ({ symbol: 'AAPL', date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjClose: b.close, volume: b.volume, adjustment: 'raw' })));
    expect(await provider.dailyBars('SPY', '2010-01-01', '2017-12-31')).toEqual([]);
    expect((await provider.dailyBars('SPY', '2017-12-20', '2018-01-03')).map((b) => b.date)).toEqual(['2018-01-02', '2018-01-03']);
  });

  it('answers the same bars whatever day it runs (the generator never rewrites the past)', async () => {
    const later = new SyntheticProvider({ now: () => Date.parse('2025-03-03T22:00:00Z') });
    expect(await later.dailyBars('MSFT', '2024-01-02', '2024-07-05')).toEqual(await provider.dailyBars('MSFT', '2024-01-02', '2024-07-05'));
  });

  it('quotes the last session before today’s close, with the change against the session before', async () => {
    const q = await provider.quote('NVDA');
    const bars = await provider.dailyBars('NVDA', '2024-07-01', '2024-07-05');
    // Friday 2024-07-05 is a trading day, and the generator already has its bar.
    expect(q.price).toBe(bars.at(-1)!.close);
    expect(q.change).toBeCloseTo(bars.at(-1)!.close - bars.at(-2)!.close, 6);
    expect(q.timestamp).toBe('2024-07-05T20:00:00.000Z');
    expect(q.currency).toBe('USD');
  });

  it('gives profiles from the demo universe and no corporate actions', async () => {
    expect(await provider.profile('JPM')).toMatchObject({ symbol: 'JPM', name: 'JPMorgan Chase & Co.', sector: 'Financial Services', exchange: 'NYSE', assetType: 'stock' });
    expect(await provider.profile('VTV')).toMatchObject({ assetType: 'etf', sector: 'ETF' });
    expect(await provider.corporateActions('AAPL', '2018-01-01', '2024-07-05')).toEqual({ splits: [], dividends: [] });
  });

  it('is NOT_FOUND for symbols outside the demo, for every call', async () => {
    expect(await code(provider.dailyBars('ZZZZ', '2024-01-01', '2024-02-01'))).toBe('NOT_FOUND');
    expect(await code(provider.quote('ZZZZ'))).toBe('NOT_FOUND');
    expect(await code(provider.profile('ZZZZ'))).toBe('NOT_FOUND');
    expect(await code(provider.corporateActions('ZZZZ', '2024-01-01', '2024-02-01'))).toBe('NOT_FOUND');
    expect(await provider.shortSellingMetrics('ZZZZ', '2024-07-05')).toBeNull();
  });

  it('makes deterministic short-selling figures within the documented ranges', async () => {
    for (const s of demoSymbols()) {
      const m = (await provider.shortSellingMetrics(s, '2024-07-06'))!;
      expect(m.metricDate).toBe('2024-07-05');
      expect(m.costToBorrowRate!).toBeGreaterThanOrEqual(0.27);
      expect(m.costToBorrowRate!).toBeLessThanOrEqual(33);
      expect(m.shortInterestRatio!).toBeGreaterThanOrEqual(1);
      expect(m.shortInterestRatio!).toBeLessThanOrEqual(28);
      expect(Number.isInteger(m.shortInterest)).toBe(true);
      expect(await provider.shortSellingMetrics(s, '2024-07-05')).toEqual(m);
    }
  });

  it('is what MARKET_DATA_PROVIDERS=synthetic (the default) builds', async () => {
    const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) });
    expect(config.providers.order).toEqual(['synthetic']);
    const chain = createConfiguredChain(config.providers, { now: () => NOW });
    expect(chain.name).toBe('chain(synthetic)');
    const r = await chain.dailyBars('SPY', '2024-07-01', '2024-07-05');
    expect(r.dataSource).toBe('synthetic');
    expect(r.data).toHaveLength(4);
    expect(() => createConfiguredChain({ ...config.providers, order: ['synthetic', 'polygon'] })).toThrow(/POLYGON_API_KEY/);
  });
});
