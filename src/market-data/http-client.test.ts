import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startFakeServer, type FakeServer } from '../../test/fakes/fake-http-server.js';
import { testClock } from '../../test/fakes/provider-contract.js';
import { HttpClient, TokenBucket, realSleep, type HttpClientOptions } from './http-client.js';
import { MarketDataError } from './types.js';

const KEY = 'sk_live_0123456789abcdef';
const ok = z.object({ ok: z.boolean() });

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then spaces calls at the refill rate', async () => {
    const clock = testClock(0);
    const b = new TokenBucket({ requests: 5, perMs: 60_000 }, clock);
    for (let i = 0; i < 5; i++) expect(await b.acquire()).toBe(true);
    expect(clock.sleeps).toEqual([]);
    expect(b.waitTimeMs()).toBe(12_000);
    clock.advance(6_000);
    expect(b.waitTimeMs()).toBe(6_000);
    clock.advance(6_000);
    expect(b.waitTimeMs()).toBe(0);
  });

  it('queues concurrent callers by reservation', async () => {
    const clock = testClock(0);
    const b = new TokenBucket({ requests: 1, perMs: 1_000 }, clock);
    await Promise.all([b.acquire(), b.acquire(), b.acquire()]);
    expect(clock.sleeps).toEqual([1_000, 2_000]);
  });

  it('refuses (without taking a token) when the wait would exceed maxWaitMs', async () => {
    const clock = testClock(0);
    const b = new TokenBucket({ requests: 1, perMs: 10_000, maxWaitMs: 5_000 }, clock);
    expect(await b.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    clock.advance(10_000);
    expect(await b.acquire()).toBe(true);
  });

  it('charges multi-call requests several tokens', async () => {
    const clock = testClock(0);
    const b = new TokenBucket({ requests: 20, perMs: 20_000 }, clock);
    expect(await b.acquire(undefined, 10)).toBe(true);
    expect(await b.acquire(undefined, 10)).toBe(true);
    expect(b.waitTimeMs()).toBe(1_000);
    expect(await b.acquire(undefined, 10)).toBe(true);
    expect(clock.sleeps).toEqual([10_000]);
  });

  it('rejects nonsense limits', () => {
    expect(() => new TokenBucket({ requests: 0, perMs: 1 })).toThrow(RangeError);
  });
});

describe('realSleep', () => {
  it('sleeps and can be aborted', async () => {
    await realSleep(1);
    const ac = new AbortController();
    const p = realSleep(10_000, ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('HttpClient', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer((req) => {
      if (req.path === '/echo-key') return { status: 500, body: `failed for key ${req.query.get('apiKey')}` };
      return { body: { ok: true } };
    });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => server.clearInjected());

  const client = (o: Partial<HttpClientOptions> = {}) => {
    const clock = testClock();
    const logs: string[] = [];
    const logger = {
      debug: (obj: object, msg: string) => logs.push(`${msg} ${JSON.stringify(obj)}`),
      warn: (obj: object, msg: string) => logs.push(`${msg} ${JSON.stringify(obj)}`),
    };
    const c = new HttpClient({
      provider: 'test',
      baseUrl: server.url,
      authQuery: { apiKey: KEY },
      now: clock.now,
      sleep: clock.sleep,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      logger,
      ...o,
    });
    return { c, clock, logs };
  };

  it('redacts keys and key-like parameters', () => {
    const { c } = client({ secrets: ['other-secret'] });
    expect(c.redact(`https://x/y?apiKey=${KEY}&a=1`)).toBe('https://x/y?apiKey=***&a=1');
    expect(c.redact('https://x/y?api_token=abc&apikey=def&token=ghi')).toBe('https://x/y?api_token=***&apikey=***&token=***');
    expect(c.redact('Bearer other-secret')).toBe('Bearer ***');
  });

  it('never puts the key into error messages or logs, even when the upstream echoes it', async () => {
    const { c, logs } = client();
    const err = await c.getJson({ path: '/echo-key', operation: 'quote', schema: ok }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketDataError);
    expect((err as MarketDataError).code).toBe('UPSTREAM');
    expect((err as MarketDataError).message).toContain('failed for key ***');
    expect((err as MarketDataError).message).not.toContain(KEY);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(KEY);
    expect(logs.join('\n')).toContain('apiKey=***');
  });

  it('sends cursor URLs to the configured base and adds the key back', () => {
    const { c } = client();
    const url = c.buildUrl('https://api.polygon.io/v3/reference/dividends?cursor=abc');
    expect(url.origin).toBe(server.url);
    expect(url.pathname).toBe('/v3/reference/dividends');
    expect(url.searchParams.get('cursor')).toBe('abc');
    expect(url.searchParams.get('apiKey')).toBe(KEY);
  });

  it('keeps a base path prefix', () => {
    const c = new HttpClient({ provider: 't', baseUrl: 'http://127.0.0.1:1/proxy/fmp' });
    expect(c.buildUrl('/api/v3/quote/AAPL', { a: 1, b: undefined }).toString()).toBe(
      'http://127.0.0.1:1/proxy/fmp/api/v3/quote/AAPL?a=1',
    );
  });

  it('honours an HTTP-date Retry-After', async () => {
    const { c, clock } = client();
    const at = new Date(clock.now() + 3_000).toUTCString();
    server.inject({ status: 503, headers: { 'retry-after': at }, body: '' });
    await expect(c.getJson({ path: '/x', operation: 'quote', schema: ok })).resolves.toEqual({ ok: true });
    expect(clock.sleeps).toEqual([3_000]);
  });

  it('lets the caller abort without counting it against the provider', async () => {
    const { c } = client({ breaker: { failureThreshold: 1 } });
    const ac = new AbortController();
    const before = server.requests.length;
    server.inject({ delayMs: 10_000, body: { ok: true } });
    const p = c.getJson({ path: '/x', operation: 'quote', schema: ok, signal: ac.signal });
    // Abort while the server holds the request, however long it took to get there.
    await expect.poll(() => server.requests.length, { timeout: 5_000 }).toBe(before + 1);
    ac.abort(new Error('caller gave up'));
    await expect(p).rejects.toThrow('caller gave up');
    expect(c.breaker.state).toBe('closed');
  });

  it('treats NOT_FOUND as a healthy answer for the breaker', async () => {
    const { c } = client({ breaker: { failureThreshold: 1 } });
    server.inject({ status: 404, body: { message: 'no such thing' } });
    const err = await c.getJson({ path: '/x', operation: 'profile', symbol: 'ZZZ', schema: ok }).catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('NOT_FOUND');
    expect((err as MarketDataError).symbol).toBe('ZZZ');
    expect(c.breaker.state).toBe('closed');
  });

  it('gives UPSTREAM (not retried) for an unexpected 4xx', async () => {
    const { c } = client();
    const before = server.requests.length;
    server.inject({ status: 400, body: { error: 'bad parameter' } });
    const err = await c.getJson({ path: '/x', operation: 'quote', schema: ok }).catch((e: unknown) => e);
    expect((err as MarketDataError).code).toBe('UPSTREAM');
    expect((err as MarketDataError).status).toBe(400);
    expect(server.requests.length - before).toBe(1);
  });
});
