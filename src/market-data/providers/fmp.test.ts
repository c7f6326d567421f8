import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, type FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startFmpFake } from '../../../test/fakes/fmp-server.js';
import { describeProviderContract, fakeServerOptions } from '../../../test/fakes/provider-contract.js';
import { MarketDataError } from '../types.js';
import { FmpProvider, fmpAssetType, type FmpOptions } from './fmp.js';

const KEY = 'test-fmp-key';

describe('FmpProvider against a fake FMP server', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFmpFake(KEY);
  });
  afterAll(async () => {
    await server.close();
  });

  const make = (o: Partial<FmpOptions> = {}) => new FmpProvider({ apiKey: KEY, ...fakeServerOptions(server.url), ...o });

  it('parses historical-price-full (newest first) into ascending bars with adjClose', async () => {
    const before = server.requests.length;
    const bars = await make().dailyBars('AAPL', '2024-01-01', '2024-01-31');
    expect(bars.map((b) => b.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']);
    expect(bars[4]).toEqual({
      symbol: 'AAPL',
      date: '2024-01-08',
      open: 182.09,
      high: 185.6,
      low: 181.5,
      close: 185.56,
      adjClose: 184.8,
      volume: 59144500,
      adjustment: 'split',
    });
    const req = server.requests[before]!;
    expect(req.path).toBe('/api/v3/historical-price-full/AAPL');
    expect(req.query.get('from')).toBe('2024-01-01');
    expect(req.query.get('to')).toBe('2024-01-31');
    expect(req.query.get('apikey')).toBe(KEY);
    // FMP has no pagination: the whole range comes in one response.
    expect(server.requests.length - before).toBe(1);
  });

  it('returns [] for a known symbol with no data in range ({} + profile check)', async () => {
    const before = server.requests.length;
    await expect(make().dailyBars('AAPL', '1970-01-01', '1970-12-31')).resolves.toEqual([]);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/api/v3/historical-price-full/AAPL',
      '/api/v3/profile/AAPL',
    ]);
  });

  it('gives NOT_FOUND for an unknown symbol on every call', async () => {
    const p = make();
    for (const call of [
      () => p.dailyBars('NOPE', '2024-01-01', '2024-01-31'),
      () => p.quote('NOPE'),
      () => p.profile('NOPE'),
      () => p.corporateActions('NOPE', '2000-01-01', '2024-01-01'),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect((err as MarketDataError).code).toBe('NOT_FOUND');
    }
  });

  it('gives AUTH for the 401 invalid-key body and for the same body with a 200', async () => {
    const e1 = await make({ apiKey: 'bad-key-123' }).quote('AAPL').catch((e: unknown) => e);
    expect((e1 as MarketDataError).code).toBe('AUTH');
    expect((e1 as MarketDataError).message).toContain('Invalid API KEY');
    expect((e1 as MarketDataError).message).not.toContain('bad-key-123');

    server.inject({ status: 200, body: fixtureJson('fmp/error-invalid-api-key.json') });
    const e2 = await make().quote('AAPL').catch((e: unknown) => e);
    expect((e2 as MarketDataError).code).toBe('AUTH');
  });

  it('gives AUTH (not entitled) for the legacy-endpoint 403', async () => {
    server.inject({ status: 403, body: fixtureJson('fmp/error-legacy-endpoint.json') });
    const err = await make().quote('AAPL').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('AUTH');
    expect((err as MarketDataError).message).toContain('Legacy Endpoint');
  });

  it('gives RATE_LIMITED for "Limit Reach" even when it comes with a 200', async () => {
    server.inject({ status: 200, body: fixtureJson('fmp/error-limit-reach.json') });
    const err = await make().quote('AAPL').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('RATE_LIMITED');
  });

  it('parses a quote', async () => {
    await expect(make().quote('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      price: 185.56,
      change: 4.38,
      changePercent: 2.4175,
      volume: 59144470,
      timestamp: '2024-01-08T21:00:01.000Z',
      currency: null,
    });
  });

  it('builds a profile from profile + quote (for P/E)', async () => {
    await expect(make().profile('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      sector: 'Technology',
      industry: 'Consumer Electronics',
      marketCap: 2885462007680,
      peRatio: 30.27,
      exchange: 'NASDAQ',
      assetType: 'stock',
      currency: 'USD',
    });
  });

  it('reads splits and dividends, filtered to the range', async () => {
    const ca = await make().corporateActions('AAPL', '2012-01-01', '2023-06-30');
    expect(ca.splits).toEqual([
      { symbol: 'AAPL', exDate: '2014-06-09', numerator: 7, denominator: 1, factor: 7 },
      { symbol: 'AAPL', exDate: '2020-08-31', numerator: 4, denominator: 1, factor: 4 },
    ]);
    expect(ca.dividends.map((d) => [d.exDate, d.amount])).toEqual([
      ['2012-08-09', 2.65],
      ['2023-02-10', 0.23],
      ['2023-05-12', 0.24],
    ]);
    // Blank dates in FMP's body become null.
    expect(ca.dividends[0]).toMatchObject({ payDate: null, recordDate: null, declarationDate: null });
    expect(ca.dividends[1]).toMatchObject({ payDate: '2023-02-16', recordDate: '2023-02-13', splitAdjusted: false });
  });

  it('gives empty corporate actions for a range without any', async () => {
    await expect(make().corporateActions('AAPL', '1990-01-01', '1995-01-01')).resolves.toEqual({
      splits: [],
      dividends: [],
    });
  });
});

describe('fmpAssetType', () => {
  it('maps the profile flags', () => {
    expect(fmpAssetType({ isEtf: true })).toBe('etf');
    expect(fmpAssetType({ isFund: true })).toBe('fund');
    expect(fmpAssetType({ isAdr: true })).toBe('adr');
    expect(fmpAssetType({})).toBe('stock');
  });
});

describeProviderContract('fmp', {
  start: () => startFmpFake(KEY),
  validKey: KEY,
  make: (baseUrl, o) => new FmpProvider({ ...o, baseUrl }),
  call: (p) => p.quote('AAPL'),
  rateLimited: { status: 429, body: fixtureJson('fmp/error-limit-reach.json') },
  wrongShape: { status: 200, body: [{ symbol: 'AAPL', price: 'one hundred' }] },
});
