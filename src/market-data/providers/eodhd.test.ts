import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startEodhdFake } from '../../../test/fakes/eodhd-server.js';
import { describeProviderContract, fakeServerOptions } from '../../../test/fakes/provider-contract.js';
import { MarketDataError } from '../types.js';
import { EodhdProvider, eodhdAssetType, parseSplitRatio, type EodhdOptions } from './eodhd.js';

const KEY = 'test-eodhd-key';

describe('EodhdProvider against a fake EODHD server', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startEodhdFake(KEY);
  });
  afterAll(async () => {
    await server.close();
  });

  const make = (o: Partial<EodhdOptions> = {}) => new EodhdProvider({ apiKey: KEY, ...fakeServerOptions(server.url), ...o });

  it('parses raw daily bars with adjusted_close, mapping AAPL to AAPL.US', async () => {
    const before = server.requests.length;
    const bars = await make().dailyBars('AAPL', '2020-08-27', '2020-09-02');
    expect(bars).toHaveLength(5);
    expect(bars[2]).toEqual({
      symbol: 'AAPL',
      date: '2020-08-31',
      open: 127.58,
      high: 131,
      low: 126,
      close: 129.04,
      adjClose: 126.5016,
      volume: 225702700,
      adjustment: 'raw',
    });
    const req = server.requests[before]!;
    expect(req.path).toBe('/api/eod/AAPL.US');
    expect(Object.fromEntries(req.query)).toMatchObject({
      fmt: 'json',
      from: '2020-08-27',
      to: '2020-09-02',
      period: 'd',
      order: 'a',
      api_token: KEY,
    });
    // No pagination: one request for the whole range.
    expect(server.requests.length - before).toBe(1);
  });

  it('maps class-share dots to dashes', () => {
    expect(make().code('BRK.B')).toBe('BRK-B.US');
  });

  it('returns [] for a known ticker with no bars in range', async () => {
    await expect(make().dailyBars('AAPL', '2010-01-01', '2010-01-31')).resolves.toEqual([]);
  });

  it('gives NOT_FOUND for an unknown ticker on every call', async () => {
    const p = make();
    for (const call of [
      () => p.dailyBars('NOPE', '2020-01-01', '2020-12-31'),
      () => p.quote('NOPE'),
      () => p.profile('NOPE'),
      () => p.corporateActions('NOPE', '2020-01-01', '2020-12-31'),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect((err as MarketDataError).code).toBe('NOT_FOUND');
    }
  });

  it('gives AUTH for the plain-text Unauthenticated answer', async () => {
    const err = await make({ apiKey: 'nope-token' }).dailyBars('AAPL', '2020-08-27', '2020-09-02').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('AUTH');
    expect((err as MarketDataError).message).not.toContain('nope-token');
  });

  it('gives RATE_LIMITED for 402 (daily quota used up) without retrying', async () => {
    server.inject({ status: 402, body: { error: 'You exceeded your daily API requests limit', code: 402 } });
    const before = server.requests.length;
    const err = await make().quote('AAPL').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('RATE_LIMITED');
    expect(server.requests.length - before).toBe(1);
  });

  it('parses a real-time quote', async () => {
    await expect(make().quote('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      price: 185.56,
      change: 4.38,
      changePercent: 2.4175,
      volume: 59144470,
      timestamp: '2024-01-08T21:00:00.000Z',
      currency: null,
    });
  });

  it('maps fundamentals to a profile', async () => {
    await expect(make().profile('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc',
      sector: 'Technology',
      industry: 'Consumer Electronics',
      marketCap: 2885462007680,
      peRatio: 30.2708,
      exchange: 'NASDAQ',
      assetType: 'stock',
      currency: 'USD',
    });
  });

  it('parses split ratios and declared dividend amounts', async () => {
    const ca = await make().corporateActions('AAPL', '2014-01-01', '2020-12-31');
    expect(ca.splits).toEqual([
      { symbol: 'AAPL', exDate: '2014-06-09', numerator: 7, denominator: 1, factor: 7 },
      { symbol: 'AAPL', exDate: '2020-08-31', numerator: 4, denominator: 1, factor: 4 },
    ]);
    expect(ca.dividends.map((d) => [d.exDate, d.amount, d.splitAdjusted])).toEqual([
      ['2020-05-08', 0.82, false],
      ['2020-08-07', 0.82, false],
      ['2020-11-06', 0.205, false],
    ]);
    expect(ca.dividends[0]).toMatchObject({ currency: 'USD', payDate: '2020-05-14', recordDate: '2020-05-11' });
  });

  it('gives empty corporate actions for a known ticker and range without any', async () => {
    await expect(make().corporateActions('AAPL', '2021-01-01', '2021-02-01')).resolves.toEqual({
      splits: [],
      dividends: [],
    });
  });
});

describe('eodhd helpers', () => {
  it('parses split ratios', () => {
    expect(parseSplitRatio('4.000000/1.000000')).toEqual({ numerator: 4, denominator: 1 });
    expect(parseSplitRatio('1.000000/10.000000')).toEqual({ numerator: 1, denominator: 10 });
    expect(parseSplitRatio('3:2')).toEqual({ numerator: 3, denominator: 2 });
    expect(parseSplitRatio('n/a')).toBeNull();
    expect(parseSplitRatio('0/1')).toBeNull();
  });
  it('maps General.Type', () => {
    expect(eodhdAssetType('Common Stock')).toBe('stock');
    expect(eodhdAssetType('ETF')).toBe('etf');
    expect(eodhdAssetType('FUND')).toBe('fund');
    expect(eodhdAssetType('INDEX')).toBe('index');
    expect(eodhdAssetType(null)).toBeNull();
  });
});

describeProviderContract('eodhd', {
  start: () => startEodhdFake(KEY),
  validKey: KEY,
  make: (baseUrl, o) => new EodhdProvider({ ...o, baseUrl }),
  call: (p) => p.quote('AAPL'),
  rateLimited: { status: 429, body: { error: 'API rate limit exceeded' } },
  wrongShape: { status: 200, body: { code: 'AAPL.US', close: [185.56] } },
});
