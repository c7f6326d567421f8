import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SyntheticProvider } from '../../src/market-data/providers/synthetic.js';
import { cachedQuotes, getQuotes, refreshQuotes } from '../../src/market-data/realtime-quotes.js';
import { deleteExpiredQuotes } from '../../src/market-data/realtime-quotes.repository.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

describe(`realtime quote cache on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('caches provider quotes for the TTL and never returns an expired one', async () => {
    let now = Date.parse('2024-07-02T20:30:00Z');
    const provider = new SyntheticProvider({ now: () => now });
    let calls = 0;
    const counting = new Proxy(provider, { get: (p, k) => (k === 'quote' ? (s: string) => (calls++, p.quote(s)) : Reflect.get(p, k, p)) });
    const chain = createFallbackChain([counting]);
    const clock = { now: () => new Date(now), ttlMs: 60_000 };

    const first = await getQuotes(t.db, chain, ['AAPL', 'SPY', 'NOPE'], clock);
    expect(calls).toBe(3);
    expect([...first.quotes.keys()].sort()).toEqual(['AAPL', 'SPY']);
    expect(first.failed).toEqual([{ symbol: 'NOPE', reason: expect.stringContaining('NOT_FOUND') }]);
    const aapl = first.quotes.get('AAPL')!;
    expect(aapl).toMatchObject({ lastPrice: (await provider.quote('AAPL')).price, dataSource: 'synthetic', bid: null, ask: null });
    expect(aapl.expiresAt.getTime() - aapl.fetchedAt.getTime()).toBe(60_000);
    calls = 0;

    // Within the TTL the cache answers; no provider call.
    now += 59_000;
    const cached = await getQuotes(t.db, chain, ['AAPL', 'SPY'], clock);
    expect(calls).toBe(0);
    expect(cached.quotes.get('AAPL')).toEqual(aapl);

    // After it, reads see nothing until a fresh quote is fetched.
    now += 2_000;
    expect((await cachedQuotes(t.db, ['AAPL', 'SPY'], clock)).size).toBe(0);
    const refreshed = await getQuotes(t.db, chain, ['AAPL'], clock);
    expect(calls).toBe(1);
    expect(refreshed.quotes.get('AAPL')!.fetchedAt.getTime()).toBe(now);
    expect([...(await cachedQuotes(t.db, ['AAPL', 'SPY'], clock)).keys()]).toEqual(['AAPL']);

    // Rows are replaced per symbol, and expired ones can be purged.
    const n = await sql<{ n: number }>`select count(*)::int as n from realtime_quotes_cache`.execute(t.db);
    expect(n.rows[0].n).toBe(2);
    expect(await deleteExpiredQuotes(t.db, new Date(now))).toBe(1);
  });

  it('refuses a TTL that is not positive', async () => {
    await expect(refreshQuotes(t.db, createFallbackChain([new SyntheticProvider()]), ['SPY'], { ttlMs: 0 })).rejects.toThrow(/ttlMs must be > 0/);
  });
});
