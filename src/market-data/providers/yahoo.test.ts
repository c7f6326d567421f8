import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixtureJson, startFakeServer, type FakeReply, type FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startYahooFake, type YahooFakeServer } from '../../../test/fakes/yahoo-server.js';
import { describeProviderContract, fakeServerOptions, testClock } from '../../../test/fakes/provider-contract.js';
import { HttpClient } from '../http-client.js';
import { MarketDataError } from '../types.js';
import { YahooProvider, yahooAssetType, yahooNumber, type YahooOptions } from './yahoo.js';

describe('YahooProvider against a fake Yahoo chart server', () => {
  let server: YahooFakeServer;
  beforeAll(async () => {
    server = await startYahooFake();
  });
  afterAll(async () => {
    await server.close();
  });

  const make = (o: Partial<YahooOptions> = {}) => new YahooProvider({ ...fakeServerOptions(server.url), ...o });

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

  it('serves every operation, profile included (see the profile suite below)', () => {
    expect(make().capabilities).toEqual({ dailyBars: true, quote: true, profile: true, corporateActions: true });
  });

  it('needs no session for chart calls', async () => {
    const before = server.requests.length;
    await make().quote('AAPL');
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/v8/finance/chart/AAPL']);
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

describe('YahooProvider.profile: quoteSummary with a cookie-and-crumb session', () => {
  let server: YahooFakeServer;
  beforeAll(async () => {
    server = await startYahooFake();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.session.issueCookies = true;
    server.session.honourCrumbs = true;
  });

  const make = (o: Partial<YahooOptions> = {}) => {
    const clock = testClock();
    return new YahooProvider({
      baseUrl: server.url,
      sessionBaseUrl: server.url,
      rateLimit: null,
      now: clock.now,
      sleep: clock.sleep,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      ...o,
    });
  };
  /** The requests the fake receives from now on. */
  const since = () => {
    const n = server.requests.length;
    return () => server.requests.slice(n);
  };
  const paths = (reqs: { path: string }[]) => reqs.map((r) => r.path);
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected a MarketDataError');
      },
      (e: unknown) => {
        expect(e).toBeInstanceOf(MarketDataError);
        return e as MarketDataError;
      },
    );
  const SUMMARY = '/v10/finance/quoteSummary/AAPL';
  const SESSION = ['/', '/v1/test/getcrumb'];
  /** A session-host answer with a cookie the fake never issued (so the injected reply that follows decides). */
  const someCookie = { status: 404, headers: { 'set-cookie': 'A3=d=unknown&S=x; Path=/' }, body: '' };

  it('opens a session (cookie, then crumb) and maps quoteSummary onto a Profile', async () => {
    const seen = since();
    const p = make();
    await expect(p.profile('AAPL')).resolves.toEqual({
      symbol: 'AAPL',
      name: 'Apple Inc.',
      sector: 'Technology',
      industry: 'Consumer Electronics',
      marketCap: 2869117288448,
      peRatio: 30.2708,
      exchange: 'NasdaqGS',
      assetType: 'stock',
      currency: 'USD',
    });
    const [cookieReq, crumbReq, summaryReq, ...rest] = seen();
    expect(rest).toEqual([]);
    const a3 = server.issuedCookies.at(-1)!;
    expect(cookieReq!.path).toBe('/');
    expect(cookieReq!.headers.accept).toMatch(/^text\/html/);
    expect(cookieReq!.headers['user-agent']).toMatch(/Mozilla/);
    expect(cookieReq!.headers.cookie).toBeUndefined();
    expect(crumbReq!.path).toBe('/v1/test/getcrumb');
    expect(crumbReq!.headers.cookie).toBe(`A3=${a3}`);
    expect(summaryReq!.path).toBe(SUMMARY);
    expect(summaryReq!.query.get('modules')).toBe('assetProfile,summaryDetail,price');
    expect(summaryReq!.query.get('crumb')).toBe(server.issuedCrumbs.at(-1));
    expect(summaryReq!.rawUrl).toContain('crumb=Fk%2F'); // crumbs may hold '/', sent encoded
    expect(summaryReq!.headers.cookie).toBe(`A3=${a3}`);
    expect(summaryReq!.headers['user-agent']).toMatch(/Mozilla/);
  });

  it('reuses the cookie and crumb: later calls are one request each', async () => {
    const p = make();
    await p.profile('AAPL');
    const seen = since();
    await p.profile('SPY');
    await p.profile('AAPL');
    expect(paths(seen())).toEqual(['/v10/finance/quoteSummary/SPY', SUMMARY]);
  });

  it('shares one handshake between concurrent first calls', async () => {
    const seen = since();
    const p = make();
    const got = await Promise.all([p.profile('AAPL'), p.profile('SPY'), p.profile('AAPL')]);
    expect(got.map((g) => g.name)).toEqual(['Apple Inc.', 'SPDR S&P 500 ETF Trust', 'Apple Inc.']);
    expect(paths(seen()).filter((x) => SESSION.includes(x))).toEqual(SESSION);
  });

  it("maps an ETF, turning Yahoo's empty values ({} and \"Infinity\") and missing sector into nulls", async () => {
    await expect(make().profile('SPY')).resolves.toEqual({
      symbol: 'SPY',
      name: 'SPDR S&P 500 ETF Trust',
      sector: null,
      industry: null,
      marketCap: null,
      peRatio: null,
      exchange: 'NYSEArca',
      assetType: 'etf',
      currency: 'USD',
    });
  });

  it('gives NOT_FOUND for an unknown symbol (404 quoteSummary.error), a healthy answer for the breaker', async () => {
    const p = make({ breaker: { failureThreshold: 1 } });
    const err = await failure(p.profile('NOPE'));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain('Quote not found for symbol: NOPE');
    expect(err).toMatchObject({ status: 404, symbol: 'NOPE', operation: 'profile' });
    expect(p.isAvailable()).toBe(true);
  });

  it("asks for class shares in Yahoo's spelling (BRK.B as BRK-B)", async () => {
    const seen = since();
    expect((await failure(make().profile('BRK.B'))).code).toBe('NOT_FOUND');
    expect(seen().at(-1)!.path).toBe('/v10/finance/quoteSummary/BRK-B');
  });

  it('refreshes an expired crumb once ("Invalid Crumb"), then succeeds', async () => {
    const warnings: string[] = [];
    const p = make({ logger: { warn: (_o, msg) => warnings.push(msg) } });
    await p.profile('AAPL');
    server.expireCrumbs();
    const seen = since();
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
    const reqs = seen();
    expect(paths(reqs)).toEqual([SUMMARY, ...SESSION, SUMMARY]);
    expect(reqs[3]!.query.get('crumb')).toBe(server.issuedCrumbs.at(-1));
    expect(reqs[3]!.query.get('crumb')).not.toBe(reqs[0]!.query.get('crumb'));
    expect(warnings.filter((w) => w.includes('session refused'))).toHaveLength(1);
    // The new session is cached in turn.
    const after = since();
    await p.profile('AAPL');
    expect(paths(after())).toEqual([SUMMARY]);
  });

  it('refreshes an expired cookie ("Invalid Cookie") the same way', async () => {
    const p = make();
    await p.profile('AAPL');
    server.expireCookies();
    const seen = since();
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
    const reqs = seen();
    expect(paths(reqs)).toEqual([SUMMARY, ...SESSION, SUMMARY]);
    expect(reqs[3]!.headers.cookie).toBe(`A3=${server.issuedCookies.at(-1)}`);
  });

  it('gives AUTH after exactly one refresh when Yahoo keeps refusing the crumb', async () => {
    server.session.honourCrumbs = false;
    const seen = since();
    const p = make();
    const err = await failure(p.profile('AAPL'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('Invalid Crumb');
    expect(err.message).toContain('again after a fresh cookie and crumb');
    expect(err).toMatchObject({ status: 401, symbol: 'AAPL', operation: 'profile' });
    expect(paths(seen())).toEqual([...SESSION, SUMMARY, ...SESSION, SUMMARY]);
    // Once Yahoo takes crumbs again, the next call opens a new session and works.
    server.session.honourCrumbs = true;
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
  });

  it('gives AUTH when the session host sets no cookie, without asking for a crumb, and does not cache the failure', async () => {
    server.session.issueCookies = false;
    const seen = since();
    const p = make();
    const err = await failure(p.profile('AAPL'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('no session cookie');
    expect(err).toMatchObject({ status: 404, symbol: 'AAPL', operation: 'profile' });
    expect(paths(seen())).toEqual(['/']);
    server.session.issueCookies = true;
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
  });

  it('gives AUTH when getcrumb refuses the cookie (401)', async () => {
    server.inject(someCookie);
    const seen = since();
    const err = await failure(make().profile('AAPL'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain('getcrumb refused the session cookie (HTTP 401)');
    expect(paths(seen())).toEqual(SESSION);
  });

  it("does not follow the session host's redirect to Yahoo's consent pages, and says so", async () => {
    server.inject({ status: 302, headers: { location: 'https://guce.yahoo.com/consent?brandType=eu' }, body: '' });
    const seen = since();
    const err = await failure(make().profile('AAPL'));
    expect(err.code).toBe('AUTH');
    expect(err.message).toContain("consent page");
    expect(paths(seen())).toEqual(['/']); // following it would have left the test machine
  });

  it('sends every cookie the session host sets (name=value only), also from a redirect answer', async () => {
    const sessionUrl = `${server.url}/fc-host`;
    const fetchVia: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (!url.startsWith(sessionUrl)) return fetch(input, init);
      expect(init?.redirect).toBe('manual');
      const real = await fetch(`${server.url}/`, init); // the fake's cookie, so getcrumb accepts it
      const a3 = real.headers.getSetCookie()[0]!;
      const headers = new Headers([
        ['location', 'https://finance.yahoo.com/'],
        ['set-cookie', 'A1=d=AQABfirst&S=AQAAA; Expires=Fri, 10 Jan 2025 12:00:00 GMT; Domain=.yahoo.com; Path=/; Secure'],
        ['set-cookie', a3],
      ]);
      return new Response(null, { status: 302, headers });
    };
    const seen = since();
    await expect(make({ sessionBaseUrl: sessionUrl, fetch: fetchVia }).profile('AAPL')).resolves.toMatchObject({
      name: 'Apple Inc.',
    });
    const crumbReq = seen().find((r) => r.path === '/v1/test/getcrumb')!;
    expect(crumbReq.headers.cookie).toBe(`A1=d=AQABfirst&S=AQAAA; A3=${server.issuedCookies.at(-1)}`);
  });

  it('gives RATE_LIMITED (not AUTH) when getcrumb keeps answering 429, and caches nothing', async () => {
    server.inject(someCookie);
    server.inject({ status: 429, body: 'Too Many Requests' }, 2);
    const p = make();
    const err = await failure(p.profile('AAPL'));
    expect(err.code).toBe('RATE_LIMITED');
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
    expect(server.requests.at(-1)!.query.get('crumb')).toBe(server.issuedCrumbs.at(-1));
  });

  it('gives MALFORMED when getcrumb answers 200 with something that is not a crumb', async () => {
    server.inject(someCookie);
    server.inject({ status: 200, body: '<html><body>Will be right back</body></html>' });
    const err = await failure(make().profile('AAPL'));
    expect(err.code).toBe('MALFORMED');
    expect(err.message).toContain('not a crumb');
  });

  it('gives UPSTREAM when the session host keeps failing, and bars and quotes stay available', async () => {
    const p = make({ retry: { maxRetries: 0 }, breaker: { failureThreshold: 1 } });
    server.inject({ status: 502, body: 'Bad Gateway' });
    expect((await failure(p.profile('AAPL'))).code).toBe('UPSTREAM');
    expect(p.isAvailable()).toBe(true);
    await expect(p.quote('AAPL')).resolves.toMatchObject({ price: 185.56 });
  });

  it("gives MALFORMED for a quoteSummary body that is not JSON or not of Yahoo's shape", async () => {
    const p = make();
    await p.profile('AAPL'); // session cached: the injected replies below answer quoteSummary
    const bodies: unknown[] = [
      '<html><body>Gateway error page</body></html>',
      { quoteSummary: { result: [{ price: { marketCap: '2.87T' } }], error: null } },
      { finance: { result: null, error: null } },
      { quoteSummary: { result: [{}], error: null } },
    ];
    for (const body of bodies) {
      server.inject({ status: 200, body });
      const err = await failure(p.profile('AAPL'));
      expect(err.code, JSON.stringify(body)).toBe('MALFORMED');
      expect(err.symbol).toBe('AAPL');
    }
  });

  it('retries a 503 from quoteSummary like any other call', async () => {
    const p = make();
    await p.profile('AAPL');
    server.inject({ status: 503, body: 'Service Unavailable' });
    await expect(p.profile('AAPL')).resolves.toMatchObject({ name: 'Apple Inc.' });
  });

  it('never puts the crumb or the cookie into errors or logs', async () => {
    const logs: string[] = [];
    const log = (o: object, msg: string) => logs.push(`${msg} ${JSON.stringify(o)}`);
    const p = make({ logger: { debug: log, warn: log } });
    await p.profile('AAPL');
    server.inject({ status: 500, body: 'internal' }, 2);
    const err = await failure(p.profile('AAPL'));
    expect(err.code).toBe('UPSTREAM');
    const crumb = server.issuedCrumbs.at(-1)!;
    const cookie = server.issuedCookies.at(-1)!;
    expect(err.message).toContain('crumb=***');
    for (const text of [err.message, logs.join('\n')]) {
      for (const secret of [crumb, encodeURIComponent(crumb), cookie]) expect(text).not.toContain(secret);
    }
    expect(logs.join('\n')).toContain('crumb=***');
  });

  it('lets one caller abort while the session opens without failing the others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowSession: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url === `${server.url}/`) await gate;
      return fetch(input, init);
    };
    const p = make({ fetch: slowSession });
    const ac = new AbortController();
    const aborted = p.profile('AAPL', { signal: ac.signal });
    const other = p.profile('SPY');
    ac.abort(new Error('caller gave up'));
    await expect(aborted).rejects.toThrow('caller gave up');
    release();
    await expect(other).resolves.toMatchObject({ name: 'SPDR S&P 500 ETF Trust' });
  });

  it('maps Yahoo quote types and number shapes', () => {
    expect(['EQUITY', 'ETF', 'MUTUALFUND', 'INDEX', 'CRYPTOCURRENCY', 'FUTURE', '', null].map(yahooAssetType)).toEqual([
      'stock',
      'etf',
      'fund',
      'index',
      'crypto',
      'other',
      null,
      null,
    ]);
    expect([{ raw: 1.5, fmt: '1.50' }, 2, {}, { raw: 'Infinity' }, null, undefined].map((v) => yahooNumber(v))).toEqual([
      1.5,
      2,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('HttpClient session support used by Yahoo (getRaw, per-request headers)', () => {
  // Kept with the Yahoo tests, its one user; see http-client.ts.
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer((req): FakeReply => {
      if (req.path === '/cookie') {
        return { status: 404, headers: { 'set-cookie': 'A3=d=abc; Path=/; Secure' }, body: 'nothing here' };
      }
      if (req.path === '/moved') return { status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' }, body: '' };
      return { body: { ok: true } };
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const client = (o: { failureThreshold?: number } = {}) => {
    const clock = testClock();
    return new HttpClient({
      provider: 'test',
      baseUrl: server.url,
      headers: { 'user-agent': 'UA/1' },
      now: clock.now,
      sleep: clock.sleep,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      breaker: { failureThreshold: o.failureThreshold ?? 5 },
    });
  };

  it('getRaw hands back a 404 with its Set-Cookie instead of raising NOT_FOUND', async () => {
    const got = await client().getRaw({
      path: '/cookie',
      operation: 'profile',
      headers: { accept: 'text/html' },
      read: (res) => ({ status: res.status, cookies: res.headers.getSetCookie(), text: res.text }),
    });
    expect(got).toEqual({ status: 404, cookies: ['A3=d=abc; Path=/; Secure'], text: 'nothing here' });
    const req = server.requests.at(-1)!;
    expect(req.headers.accept).toBe('text/html');
    expect(req.headers['user-agent']).toBe('UA/1');
  });

  it("getRaw with redirect 'manual' returns the 3xx instead of following it", async () => {
    const before = server.requests.length;
    const got = await client().getRaw({
      path: '/moved',
      operation: 'profile',
      redirect: 'manual',
      read: (res) => [res.status, res.headers.get('location')],
    });
    expect(got).toEqual([302, 'http://127.0.0.1:1/elsewhere']);
    expect(server.requests.length - before).toBe(1);
  });

  it('getRaw retries 5xx first, and an error thrown by read is redacted, completed and counted by the breaker', async () => {
    const c = client({ failureThreshold: 1 });
    server.inject({ status: 503, body: 'busy' });
    const err = await c
      .getRaw({
        path: '/x',
        query: { crumb: 'S3cr/et' },
        operation: 'profile',
        symbol: 'AAPL',
        read: (res) => {
          throw new MarketDataError('AUTH', `refused at ${res.url}`, { provider: 'test' });
        },
      })
      .catch((e: unknown) => e as MarketDataError);
    expect(err).toBeInstanceOf(MarketDataError);
    expect(err).toMatchObject({ code: 'AUTH', operation: 'profile', symbol: 'AAPL', status: 200 });
    expect(err.message).toContain('crumb=***');
    expect(err.message).not.toContain('S3cr');
    expect(c.breaker.state).toBe('open');
  });

  it('getJson adds per-request headers and otherwise sends what it always sent', async () => {
    const ok = z.object({ ok: z.boolean() });
    const c = client();
    await c.getJson({ path: '/x', operation: 'quote', schema: ok });
    expect(server.requests.at(-1)!.headers).toMatchObject({ accept: 'application/json', 'user-agent': 'UA/1' });
    expect(server.requests.at(-1)!.headers.cookie).toBeUndefined();
    await c.getJson({ path: '/x', operation: 'quote', schema: ok, headers: { cookie: 'A3=d=abc' } });
    expect(server.requests.at(-1)!.headers).toMatchObject({ accept: 'application/json', cookie: 'A3=d=abc' });
  });
});
