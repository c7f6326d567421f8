import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, type FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startYahooFake } from '../../../test/fakes/yahoo-server.js';
import { describeProviderContract, testClock } from '../../../test/fakes/provider-contract.js';
import { MarketDataError } from '../types.js';
import { YahooProvider, type YahooOptions } from './yahoo.js';

describe('YahooProvider against a fake Yahoo chart server', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startYahooFake();
  });
  afterAll(async () => {
    await server.close();
  });

  const make = (o: Partial<YahooOptions> = {}) => {
    const clock = testClock();
    return new YahooProvider({
      baseUrl: server.url,
      rateLimit: null,
      now: clock.now,
      sleep: clock.sleep,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      ...o,
    });
  };

  it('parses chart bars, skipping days whose values are null', async () => {
    const before = server.requests.length;
    const bars = await make().dailyBars('AAPL', '2020-08-01', '2020-08-31');
    expect(bars.map((b) => b.date)).toEqual(['2020-08-06', '2020-08-07', '2020-08-28', '2020-08-31']);
    expect(bars[3]).toEqual({
      symbol: 'AAPL',
      date: '2020-08-31',
      open: 127.58,
      high: 131,
      low: 126,
      close: 129.04,
      adjClose: 126.5016,
      volume: 225702700,
      adjustment: 'split',
    });
    const req = server.requests[before]!;
    expect(req.path).toBe('/v8/finance/chart/AAPL');
    expect(req.query.get('interval')).toBe('1d');
    expect(req.query.get('events')).toBe('div|split');
    expect(Number(req.query.get('period1'))).toBeLessThanOrEqual(Date.parse('2020-08-01T00:00:00Z') / 1000);
    expect(req.headers['user-agent']).toMatch(/Mozilla/);
    // The chart API has no pagination: one request per range.
    expect(server.requests.length - before).toBe(1);
  });

  it('filters to the requested range on exchange dates', async () => {
    const bars = await make().dailyBars('AAPL', '2020-08-07', '2020-08-28');
    expect(bars.map((b) => b.date)).toEqual(['2020-08-07', '2020-08-28']);
  });

  it('returns [] for a known symbol with no data in range', async () => {
    await expect(make().dailyBars('AAPL', '2019-01-01', '2019-01-31')).resolves.toEqual([]);
  });

  it('gives NOT_FOUND for an unknown symbol (404 chart.error)', async () => {
    const p = make();
    for (const call of [() => p.dailyBars('NOPE', '2020-01-01', '2020-12-31'), () => p.quote('NOPE'), () => p.corporateActions('NOPE', '2020-01-01', '2020-12-31')]) {
      const err = await call().catch((e: unknown) => e);
      expect((err as MarketDataError).code).toBe('NOT_FOUND');
      expect((err as MarketDataError).message).toContain('No data found');
    }
  });

  it('builds a quote from chart meta, change against the previous session close', async () => {
    await expect(make().quote('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      price: 185.56,
      change: expect.closeTo(4.38, 10),
      changePercent: expect.closeTo((4.38 / 181.18) * 100, 8),
      volume: 59144470,
      timestamp: '2024-01-08T21:00:01.000Z',
      currency: 'USD',
    });
  });

  it('reads dividends (split-adjusted by Yahoo) and splits from chart events', async () => {
    await expect(make().corporateActions('AAPL', '2020-08-01', '2020-08-31')).resolves.toEqual({
      splits: [{ symbol: 'AAPL', exDate: '2020-08-31', numerator: 4, denominator: 1, factor: 4 }],
      dividends: [
        {
          symbol: 'AAPL',
          exDate: '2020-08-07',
          amount: 0.205,
          splitAdjusted: true,
          currency: 'USD',
          payDate: null,
          recordDate: null,
          declarationDate: null,
        },
      ],
    });
  });

  it('says profile is unsupported, with a typed error and no request', async () => {
    const p = make();
    expect(p.capabilities.profile).toBe(false);
    const before = server.requests.length;
    const err = await p.profile('AAPL').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('UNSUPPORTED');
    expect(server.requests.length).toBe(before);
  });

  it('maps class-share dots to dashes', () => {
    expect(make().yahooSymbol('BRK.B')).toBe('BRK-B');
  });
});

describeProviderContract('yahoo', {
  start: () => startYahooFake(),
  validKey: '',
  make: (baseUrl, o) => new YahooProvider({ ...o, baseUrl }),
  call: (p) => p.quote('AAPL'),
  authFailure: { status: 401, body: fixtureJson('yahoo/error-unauthorized.json') },
  rateLimited: { status: 429, body: 'Too Many Requests' },
  wrongShape: { status: 200, body: { chart: { result: [{ meta: {} }], error: null } } },
});
