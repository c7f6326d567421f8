import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureJson, type FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startPolygonFake } from '../../../test/fakes/polygon-server.js';
import { describeProviderContract, fakeServerOptions } from '../../../test/fakes/provider-contract.js';
import { MarketDataError } from '../types.js';
import { PolygonProvider, polygonAssetType, sicDivision, type PolygonOptions } from './polygon.js';

const KEY = 'test-polygon-key';

describe('PolygonProvider against a fake Polygon server', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startPolygonFake(KEY);
  });
  afterAll(async () => {
    await server.close();
  });

  const make = (o: Partial<PolygonOptions> = {}) => new PolygonProvider({ apiKey: KEY, ...fakeServerOptions(server.url, Date.parse('2024-01-09T15:00:00Z')), ...o });

  it('parses split-adjusted daily bars and follows next_url across pages', async () => {
    const before = server.requests.length;
    const bars = await make().dailyBars('aapl', '2024-01-01', '2024-01-31');
    expect(bars.map((b) => b.date)).toEqual(['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08']);
    expect(bars[0]).toEqual({
      symbol: 'AAPL',
      date: '2024-01-02',
      open: 187.15,
      high: 188.44,
      low: 183.885,
      close: 185.64,
      adjClose: null,
      volume: 82488674,
      adjustment: 'split',
    });
    const reqs = server.requests.slice(before);
    expect(reqs).toHaveLength(2);
    expect(reqs[0]!.path).toBe('/v2/aggs/ticker/AAPL/range/1/day/2024-01-01/2024-01-31');
    expect(reqs[0]!.query.get('adjusted')).toBe('true');
    expect(reqs[0]!.query.get('sort')).toBe('asc');
    expect(reqs[0]!.query.get('limit')).toBe('50000');
    // The cursor page went to our base URL, with the key added back.
    expect(reqs[1]!.query.get('cursor')).toBe('bGltaXQ9MyZzb3J0PWFzYw');
    expect(reqs[1]!.query.get('apiKey')).toBe(KEY);
  });

  it('can send the key as a Bearer header instead', async () => {
    const before = server.requests.length;
    const bars = await make({ auth: 'header' }).dailyBars('AAPL', '2024-01-03', '2024-01-04');
    expect(bars).toHaveLength(2);
    const req = server.requests[before]!;
    expect(req.query.get('apiKey')).toBeNull();
    expect(req.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('returns [] for a known ticker with no bars in range (after checking it exists)', async () => {
    const before = server.requests.length;
    await expect(make().dailyBars('AAPL', '2010-01-01', '2010-01-31')).resolves.toEqual([]);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([
      '/v2/aggs/ticker/AAPL/range/1/day/2010-01-01/2010-01-31',
      '/v3/reference/tickers/AAPL',
    ]);
  });

  it('gives NOT_FOUND for an unknown ticker (empty aggregates + 404 details)', async () => {
    const err = await make().dailyBars('ZZZZQ', '2024-01-01', '2024-01-31').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketDataError);
    expect((err as MarketDataError).code).toBe('NOT_FOUND');
    expect((err as MarketDataError).symbol).toBe('ZZZZQ');
  });

  it('gives AUTH for the documented 401 "Unknown API Key" body and for 403 NOT_AUTHORIZED', async () => {
    const e1 = await make({ apiKey: 'wrong' }).profile('AAPL').catch((e: unknown) => e);
    expect((e1 as MarketDataError).code).toBe('AUTH');
    expect((e1 as MarketDataError).message).toContain('Unknown API Key');
    expect((e1 as MarketDataError).message).not.toContain('wrong');

    server.inject({ status: 403, body: fixtureJson('polygon/error-not-authorized.json') });
    const e2 = await make().profile('AAPL').catch((e: unknown) => e);
    expect((e2 as MarketDataError).code).toBe('AUTH');
    expect((e2 as MarketDataError).message).toContain('not entitled');
  });

  it('builds a quote from the last two daily closes', async () => {
    const q = await make().quote('AAPL');
    expect(q.symbol).toBe('AAPL');
    expect(q.price).toBe(185.56);
    expect(q.change).toBeCloseTo(185.56 - 181.18, 10);
    expect(q.changePercent).toBeCloseTo(((185.56 - 181.18) / 181.18) * 100, 10);
    expect(q.volume).toBe(59144470);
    expect(q.timestamp).toBe('2024-01-08T05:00:00.000Z');
  });

  it('gives NOT_FOUND for a quote of an unknown ticker', async () => {
    const err = await make().quote('NOPE').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('NOT_FOUND');
  });

  it('maps ticker details to a profile (SIC division as sector)', async () => {
    await expect(make().profile('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      sector: 'Manufacturing',
      industry: 'ELECTRONIC COMPUTERS',
      marketCap: 2488795282370,
      peRatio: null,
      exchange: 'XNAS',
      assetType: 'stock',
      currency: 'USD',
    });
  });

  it('gives NOT_FOUND for the profile of an unknown ticker', async () => {
    const err = await make().profile('NOPE').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('NOT_FOUND');
  });

  it('reads splits and paginated dividends', async () => {
    const ca = await make().corporateActions('AAPL', '2014-01-01', '2023-12-31');
    expect(ca.splits).toEqual([
      { symbol: 'AAPL', exDate: '2014-06-09', numerator: 7, denominator: 1, factor: 7 },
      { symbol: 'AAPL', exDate: '2020-08-31', numerator: 4, denominator: 1, factor: 4 },
    ]);
    expect(ca.dividends.map((d) => [d.exDate, d.amount])).toEqual([
      ['2023-02-10', 0.23],
      ['2023-05-12', 0.24],
      ['2023-08-11', 0.24],
      ['2023-11-10', 0.24],
    ]);
    expect(ca.dividends[0]).toEqual({
      symbol: 'AAPL',
      exDate: '2023-02-10',
      amount: 0.23,
      splitAdjusted: false,
      currency: 'USD',
      payDate: '2023-02-16',
      recordDate: '2023-02-13',
      declarationDate: '2023-02-02',
    });
  });

  it('gives empty corporate actions for a known ticker and NOT_FOUND for an unknown one', async () => {
    await expect(make().corporateActions('AAPL', '2001-01-01', '2001-12-31')).resolves.toEqual({
      splits: [],
      dividends: [],
    });
    const err = await make().corporateActions('NOPE', '2020-01-01', '2020-12-31').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('NOT_FOUND');
  });

  it('fails rather than truncating when the page cap is reached', async () => {
    const err = await make({ maxPages: 1 }).dailyBars('AAPL', '2024-01-01', '2024-01-31').catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('UPSTREAM');
    expect((err as MarketDataError).message).toContain('more than 1 pages');
  });

  it('rejects a bad date range before any request', async () => {
    await expect(make().dailyBars('AAPL', '2024-02-01', '2024-01-01')).rejects.toThrow(RangeError);
  });
});

describe('polygon mapping helpers', () => {
  it('maps ticker types', () => {
    expect(polygonAssetType('CS', 'stocks')).toBe('stock');
    expect(polygonAssetType('ETF', 'stocks')).toBe('etf');
    expect(polygonAssetType('ADRC', 'stocks')).toBe('adr');
    expect(polygonAssetType(undefined, 'crypto')).toBe('crypto');
    expect(polygonAssetType('WARRANT', 'stocks')).toBe('other');
    expect(polygonAssetType(undefined, undefined)).toBeNull();
  });
  it('maps SIC codes to divisions', () => {
    expect(sicDivision('3571')).toBe('Manufacturing');
    expect(sicDivision('6022')).toBe('Finance, Insurance and Real Estate');
    expect(sicDivision('7372')).toBe('Services');
    expect(sicDivision(undefined)).toBeNull();
  });
});

describeProviderContract('polygon', {
  start: () => startPolygonFake(KEY),
  validKey: KEY,
  make: (baseUrl, o) => new PolygonProvider({ ...o, baseUrl }),
  call: (p) => p.dailyBars('AAPL', '2024-01-03', '2024-01-04'),
  rateLimited: { status: 429, body: fixtureJson('polygon/error-rate-limited.json') },
  wrongShape: { status: 200, body: { status: 'OK', results: [{ t: 'yesterday', o: 1 }] } },
});
