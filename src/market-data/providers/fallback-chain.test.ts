import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startFmpFake } from '../../../test/fakes/fmp-server.js';
import { startPolygonFake } from '../../../test/fakes/polygon-server.js';
import { startYahooFake } from '../../../test/fakes/yahoo-server.js';
import { testClock } from '../../../test/fakes/provider-contract.js';
import { MarketDataError, type DailyBar, type MarketDataErrorCode, type MarketDataOperation } from '../types.js';
import { MarketDataChainError, createFallbackChain } from './fallback-chain.js';
import { FmpProvider } from './fmp.js';
import { PolygonProvider } from './polygon.js';
import { capabilities, type MarketDataProvider } from './provider.js';
import { YahooProvider } from './yahoo.js';

const bar = (symbol: string, date: string): DailyBar => ({
  symbol,
  date,
  open: 10,
  high: 11,
  low: 9,
  close: 10.5,
  adjClose: 10.5,
  volume: 1000,
  adjustment: 'raw',
});

/** An in-memory provider whose every call yields `behaviour` (bars or an error code). */
function stub(
  name: string,
  behaviour: DailyBar[] | MarketDataErrorCode,
  opts: { ops?: MarketDataOperation[]; available?: boolean; calls?: string[] } = {},
): MarketDataProvider {
  const ops = opts.ops ?? ['dailyBars', 'quote', 'profile', 'corporateActions'];
  const answer = async <T>(op: MarketDataOperation, data: () => T): Promise<T> => {
    opts.calls?.push(`${name}.${op}`);
    if (typeof behaviour === 'string') {
      throw new MarketDataError(behaviour, `${name}: ${behaviour}`, { provider: name, operation: op });
    }
    return data();
  };
  return {
    name,
    capabilities: capabilities(...ops),
    isAvailable: () => opts.available ?? true,
    dailyBars: (s) => answer('dailyBars', () => (behaviour as DailyBar[]).map((b) => ({ ...b, symbol: s }))),
    quote: (s) =>
      answer('quote', () => ({ symbol: s, price: 1, change: null, changePercent: null, volume: null, timestamp: '2024-01-01T00:00:00.000Z', currency: null })),
    profile: (s) =>
      answer('profile', () => ({ symbol: s, name: name, sector: null, industry: null, marketCap: null, peRatio: null, exchange: null, assetType: null, currency: null })),
    corporateActions: () => answer('corporateActions', () => ({ splits: [], dividends: [] })),
  };
}

describe('createFallbackChain (logic)', () => {
  it('uses the first provider that answers and records it as the data source', async () => {
    const calls: string[] = [];
    const chain = createFallbackChain([
      stub('a', 'TIMEOUT', { calls }),
      stub('b', [bar('X', '2024-01-02')], { calls }),
      stub('c', [bar('X', '2024-01-03')], { calls }),
    ]);
    const r = await chain.dailyBars('X', '2024-01-01', '2024-01-31');
    expect(r.dataSource).toBe('b');
    expect(r.data[0]!.date).toBe('2024-01-02');
    expect(r.attempts).toEqual([
      { provider: 'a', outcome: 'TIMEOUT', message: 'a: TIMEOUT' },
      { provider: 'b', outcome: 'ok' },
    ]);
    expect(calls).toEqual(['a.dailyBars', 'b.dailyBars']);
    expect(chain.name).toBe('chain(a,b,c)');
  });

  it('gives NOT_FOUND when every provider says NOT_FOUND', async () => {
    const chain = createFallbackChain([stub('a', 'NOT_FOUND'), stub('b', 'NOT_FOUND')]);
    const err = await chain.quote('NOPE').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketDataChainError);
    expect((err as MarketDataChainError).code).toBe('NOT_FOUND');
    expect((err as MarketDataChainError).attempts.map((a) => a.outcome)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('reports the last real failure when failures are mixed', async () => {
    const chain = createFallbackChain([stub('a', 'AUTH'), stub('b', 'NOT_FOUND'), stub('c', 'UPSTREAM')]);
    const err = (await chain.quote('X').catch((e: unknown) => e)) as MarketDataChainError;
    expect(err.code).toBe('UPSTREAM');
    expect(err.message).toContain('a: AUTH; b: NOT_FOUND; c: UPSTREAM');
  });

  it('skips providers whose breaker is open, without calling them', async () => {
    const calls: string[] = [];
    const chain = createFallbackChain([
      stub('a', [bar('X', '2024-01-02')], { available: false, calls }),
      stub('b', [bar('X', '2024-01-02')], { calls }),
    ]);
    const r = await chain.dailyBars('X', '2024-01-01', '2024-01-31');
    expect(r.dataSource).toBe('b');
    expect(calls).toEqual(['b.dailyBars']);
    expect(r.attempts[0]).toEqual({ provider: 'a', outcome: 'CIRCUIT_OPEN' });
  });

  it('gives CIRCUIT_OPEN when every capable provider is open', async () => {
    const chain = createFallbackChain([stub('a', [], { available: false }), stub('b', [], { available: false })]);
    expect(((await chain.quote('X').catch((e: unknown) => e)) as MarketDataError).code).toBe('CIRCUIT_OPEN');
  });

  it('skips providers that do not support the call, and says UNSUPPORTED when none does', async () => {
    const calls: string[] = [];
    const chain = createFallbackChain([
      stub('a', [], { ops: ['dailyBars'], calls }),
      stub('b', [], { ops: ['dailyBars', 'profile'], calls }),
    ]);
    const r = await chain.profile('X');
    expect(r.dataSource).toBe('b');
    expect(calls).toEqual(['b.profile']);
    const only = createFallbackChain([stub('a', [], { ops: ['dailyBars'] })]);
    expect(((await only.quote('X').catch((e: unknown) => e)) as MarketDataError).code).toBe('UNSUPPORTED');
  });

  it('moves on from empty bars but returns the first empty answer when nobody has bars', async () => {
    const r1 = await createFallbackChain([stub('a', []), stub('b', [bar('X', '2001-01-02')])]).dailyBars('X', '2001-01-01', '2001-01-31');
    expect(r1.dataSource).toBe('b');
    expect(r1.attempts.map((a) => a.outcome)).toEqual(['empty', 'ok']);

    const r2 = await createFallbackChain([stub('a', 'TIMEOUT'), stub('b', []), stub('c', [])]).dailyBars('X', '2024-01-06', '2024-01-07');
    expect(r2).toMatchObject({ data: [], dataSource: 'b' });
  });

  it('does not swallow programming errors', async () => {
    const broken: MarketDataProvider = { ...stub('a', []), quote: () => Promise.reject(new TypeError('bug')) };
    await expect(createFallbackChain([broken, stub('b', [])]).quote('X')).rejects.toThrow(TypeError);
  });
});

describe('createFallbackChain with real providers against fake servers', () => {
  let polygon: FakeServer;
  let fmp: FakeServer;
  let yahoo: FakeServer;
  beforeAll(async () => {
    [polygon, fmp, yahoo] = await Promise.all([startPolygonFake('pk'), startFmpFake('fk'), startYahooFake()]);
  });
  afterAll(async () => {
    await Promise.all([polygon.close(), fmp.close(), yahoo.close()]);
  });

  const build = () => {
    const clock = testClock();
    const common = { rateLimit: null, now: clock.now, sleep: clock.sleep, retry: { maxRetries: 1, baseDelayMs: 1 } };
    return createFallbackChain([
      new PolygonProvider({ ...common, apiKey: 'pk', baseUrl: polygon.url }),
      new FmpProvider({ ...common, apiKey: 'fk', baseUrl: fmp.url }),
      new YahooProvider({ ...common, baseUrl: yahoo.url }),
    ]);
  };

  it('falls back to FMP when Polygon keeps failing, and records fmp as the source', async () => {
    polygon.inject({ status: 503, body: 'unavailable' }, 2);
    const r = await build().quote('AAPL');
    expect(r.dataSource).toBe('fmp');
    expect(r.data.price).toBe(185.56);
    expect(r.attempts.map((a) => `${a.provider}:${a.outcome}`)).toEqual(['polygon:UPSTREAM', 'fmp:ok']);
  });

  it('falls back past a rejected key', async () => {
    const clock = testClock();
    const common = { rateLimit: null, now: clock.now, sleep: clock.sleep };
    const chain = createFallbackChain([
      new PolygonProvider({ ...common, apiKey: 'wrong', baseUrl: polygon.url }),
      new YahooProvider({ ...common, baseUrl: yahoo.url }),
    ]);
    const r = await chain.dailyBars('AAPL', '2020-08-01', '2020-08-31');
    expect(r.dataSource).toBe('yahoo');
    expect(r.attempts[0]!.outcome).toBe('AUTH');
  });

  it('gives NOT_FOUND when every real provider does not know the symbol', async () => {
    const err = await build().dailyBars('ZZZZQ', '2024-01-01', '2024-01-31').catch((e: unknown) => e);
    expect((err as MarketDataChainError).code).toBe('NOT_FOUND');
    expect((err as MarketDataChainError).attempts.map((a) => a.provider)).toEqual(['polygon', 'fmp', 'yahoo']);
  });

  it('serves a profile from the first provider in order that has one', async () => {
    const r = await build().profile('AAPL');
    expect(r.dataSource).toBe('polygon');
  });
});
