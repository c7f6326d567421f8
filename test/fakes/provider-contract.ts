/**
 * The resilience tests every HTTP provider must pass, run against its fake server with faults
 * injected: 429 then success (Retry-After honoured), 5xx then success, persistent 5xx -> UPSTREAM,
 * malformed bodies -> MALFORMED, timeouts -> TIMEOUT, dropped connections retried, and the circuit
 * breaker opening, refusing without network traffic, half-opening after the cool-down and closing
 * on success. Sleeps and the clock are injected, so nothing here waits for real except the two
 * timeout tests (0.1 s and 1 s). Their margins hold on a busy machine: a delayed reply waits 10 s
 * (and is cancelled when the client hangs up), a request that must succeed has a whole second, and
 * faults left queued by a request that never reached the server are dropped before each test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SleepFn } from '../../src/market-data/http-client.js';
import type { MarketDataProvider } from '../../src/market-data/providers/provider.js';
import type { HttpProviderOptions } from '../../src/market-data/providers/provider.js';
import { MarketDataError } from '../../src/market-data/types.js';
import type { FakeReply, FakeServer } from './fake-http-server.js';

/** How the contract drives one provider. */
export interface ContractSetup {
  /** Starts the provider's fake server. */
  start(): Promise<FakeServer>;
  /** Builds the provider against `baseUrl` with the given options (apiKey included). */
  make(baseUrl: string, options: HttpProviderOptions & { apiKey: string }): MarketDataProvider;
  /** The key the fake accepts. */
  validKey: string;
  /**
   * How to provoke an auth failure: `'wrong-key'` calls with a wrong key (the fake answers with the
   * provider's documented body); a reply is injected instead for keyless providers.
   */
  authFailure?: 'wrong-key' | FakeReply;
  /** A call that succeeds against the healthy fake with exactly one HTTP request. */
  call(p: MarketDataProvider): Promise<unknown>;
  /** The provider's documented 429 reply. */
  rateLimited: FakeReply;
  /** A 200 whose JSON has the wrong shape for `call`. */
  wrongShape: FakeReply;
}

/** Test clock and sleeper: sleeps are recorded and return at once; the clock is set by hand. */
/**
 * Options that make a provider quick and deterministic against a fake server: its base URL, no
 * local rate limit, a test clock (`start` as in {@link testClock}) and one retry after 1 ms.
 */
export function fakeServerOptions(baseUrl: string, start?: number) {
  const clock = testClock(start);
  return { baseUrl, rateLimit: null, now: clock.now, sleep: clock.sleep, retry: { maxRetries: 1, baseDelayMs: 1 } };
}

export function testClock(start = Date.parse('2024-01-09T12:00:00Z')) {
  let now = start;
  const sleeps: number[] = [];
  const sleep: SleepFn = async (ms, signal) => {
    if (signal?.aborted) throw signal.reason;
    sleeps.push(ms);
  };
  return {
    sleeps,
    sleep,
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof MarketDataError) return e.code;
    throw e;
  }
}

/** Registers the resilience suite for one provider. */
export function describeProviderContract(name: string, setup: ContractSetup): void {
  describe(`${name}: HTTP resilience contract`, () => {
    let server: FakeServer;
    beforeAll(async () => {
      server = await setup.start();
    });
    afterAll(async () => {
      await server.close();
    });
    beforeEach(() => server.clearInjected());

    const build = (extra: Partial<HttpProviderOptions> = {}) => {
      const clock = testClock();
      const p = setup.make(server.url, {
        apiKey: setup.validKey,
        rateLimit: null,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 40 },
        ...extra,
      });
      return { p, clock };
    };

    it('retries a 429 after the Retry-After delay, then succeeds', async () => {
      const { p, clock } = build();
      server.inject({ ...setup.rateLimited, headers: { ...setup.rateLimited.headers, 'retry-after': '2' } });
      await expect(setup.call(p)).resolves.toBeDefined();
      expect(clock.sleeps).toEqual([2000]);
    });

    it('gives RATE_LIMITED with retryAfterMs when 429 persists', async () => {
      const { p } = build();
      server.inject({ ...setup.rateLimited, headers: { 'retry-after': '1' } }, 3);
      const err = await setup.call(p).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MarketDataError);
      expect((err as MarketDataError).code).toBe('RATE_LIMITED');
      expect((err as MarketDataError).retryAfterMs).toBe(1000);
    });

    it('does not wait out a Retry-After longer than the cap', async () => {
      const { p, clock } = build({ retry: { maxRetries: 2, baseDelayMs: 10, maxRetryAfterMs: 5_000 } });
      server.inject({ ...setup.rateLimited, headers: { 'retry-after': '3600' } });
      expect(await codeOf(setup.call(p))).toBe('RATE_LIMITED');
      expect(clock.sleeps).toEqual([]);
    });

    it('retries a 503 with exponential backoff, then succeeds', async () => {
      const { p, clock } = build();
      server.inject({ status: 503, body: 'Service Unavailable' }, 2);
      await expect(setup.call(p)).resolves.toBeDefined();
      // random() = 0.5 -> equal jitter gives 3/4 of the exponential step: 10 -> 8, 20 -> 15.
      expect(clock.sleeps).toEqual([8, 15]);
    });

    it('gives UPSTREAM after retries when 5xx persists', async () => {
      const { p } = build();
      const before = server.requests.length;
      server.inject({ status: 500, body: { error: 'internal' } }, 3);
      expect(await codeOf(setup.call(p))).toBe('UPSTREAM');
      expect(server.requests.length - before).toBe(3);
    });

    it('gives MALFORMED for a body that is not JSON', async () => {
      const { p } = build();
      server.inject({ status: 200, body: '<html><body>Gateway error page</body></html>' });
      expect(await codeOf(setup.call(p))).toBe('MALFORMED');
    });

    it('gives MALFORMED for JSON of the wrong shape', async () => {
      const { p } = build();
      server.inject(setup.wrongShape);
      expect(await codeOf(setup.call(p))).toBe('MALFORMED');
    });

    it('gives TIMEOUT when the server does not answer in time', async () => {
      const { p } = build({ timeoutMs: 100, retry: { maxRetries: 0 } });
      // Answers (with a body that would not be a timeout) only long after the client's deadline.
      server.inject({ delayMs: 10_000, body: {} });
      expect(await codeOf(setup.call(p))).toBe('TIMEOUT');
    });

    it('retries after a timeout and a dropped connection', async () => {
      // The same timeout applies to the third attempt, which must succeed: a second is ample for a
      // loopback request even on a loaded machine (40 ms was not).
      const { p, clock } = build({ timeoutMs: 1_000 });
      const before = server.requests.length;
      server.inject({ delayMs: 10_000, body: {} });
      server.inject({ drop: true });
      await expect(setup.call(p)).resolves.toBeDefined();
      expect(clock.sleeps).toHaveLength(2);
      expect(server.requests.length - before).toBe(3);
    });

    it('gives AUTH for a rejected key without echoing the key', async () => {
      const secret = 'SECRET-key-0123456789';
      const auth = setup.authFailure ?? 'wrong-key';
      if (auth !== 'wrong-key') server.inject(auth);
      const { p } = build(auth === 'wrong-key' ? ({ apiKey: secret } as Partial<HttpProviderOptions>) : {});
      const err = await setup.call(p).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MarketDataError);
      expect((err as MarketDataError).code).toBe('AUTH');
      expect((err as MarketDataError).message).not.toContain(secret);
    });

    it('opens the circuit after repeated failures, refuses without traffic, half-opens, closes', async () => {
      const { p, clock } = build({
        retry: { maxRetries: 0 },
        breaker: { failureThreshold: 2, cooldownMs: 10_000 },
      });
      server.inject({ status: 500, body: 'boom' }, 2);
      expect(await codeOf(setup.call(p))).toBe('UPSTREAM');
      expect(p.isAvailable()).toBe(true);
      expect(await codeOf(setup.call(p))).toBe('UPSTREAM');
      expect(p.isAvailable()).toBe(false);

      const before = server.requests.length;
      expect(await codeOf(setup.call(p))).toBe('CIRCUIT_OPEN');
      expect(server.requests.length).toBe(before);

      // Half-open after the cool-down: a failed trial re-opens the breaker.
      clock.advance(10_000);
      expect(p.isAvailable()).toBe(true);
      server.inject({ status: 502, body: 'bad gateway' });
      expect(await codeOf(setup.call(p))).toBe('UPSTREAM');
      expect(p.isAvailable()).toBe(false);
      expect(await codeOf(setup.call(p))).toBe('CIRCUIT_OPEN');

      // Next trial succeeds and closes it.
      clock.advance(10_000);
      await expect(setup.call(p)).resolves.toBeDefined();
      expect(p.isAvailable()).toBe(true);
      await expect(setup.call(p)).resolves.toBeDefined();
    });

    it('queues calls on its token bucket instead of bursting past the limit', async () => {
      const { p, clock } = build({ rateLimit: { requests: 2, perMs: 60_000 } });
      await setup.call(p);
      await setup.call(p);
      expect(clock.sleeps).toEqual([]);
      await setup.call(p);
      expect(clock.sleeps).toEqual([30_000]);
    });

    it('fails fast with RATE_LIMITED when the local quota wait is too long', async () => {
      const { p } = build({ rateLimit: { requests: 1, perMs: 86_400_000, maxWaitMs: 1_000 } });
      await setup.call(p);
      const before = server.requests.length;
      expect(await codeOf(setup.call(p))).toBe('RATE_LIMITED');
      expect(server.requests.length).toBe(before);
    });
  });
}
