import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { adjustedCloses } from '../../src/market-data/adjusted-prices.repository.js';
import { corporateActionsFor } from '../../src/market-data/corporate-actions.repository.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { syncMarketData, type SyncOptions } from '../../src/market-data/sync.js';
import type { DailyBar } from '../../src/market-data/types.js';
import { makeBars, ScriptedProvider } from '../fakes/scripted-provider.js';
import { readMarketCsv } from '../support/market-fixtures.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

function clock(start = '2024-03-15T22:00:00Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advanceDays: (d: number) => (t += d * 86_400_000) };
}

function logger() {
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  return { warnings, warn: (obj: object, msg: string) => warnings.push({ obj: obj as Record<string, unknown>, msg }), info: () => {} };
}

describe(`market-data sync on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await sql`truncate market_data_cache, corporate_actions, symbol_universe`.execute(t.db);
  });

  const addSymbols = (...symbols: string[]) =>
    t.db.insertInto('symbol_universe').values(symbols.map((symbol) => ({ symbol, status: 'active' as const, added_source: 'admin' }))).execute();
  const universe = (symbol: string) => t.db.selectFrom('symbol_universe').selectAll().where('symbol', '=', symbol).executeTakeFirstOrThrow();
  const closes = async (symbol: string) =>
    new Map((await t.db.selectFrom('market_data_cache').select(['date', 'close']).where('symbol', '=', symbol).execute()).map((r) => [r.date, r.close]));

  it('fetches only the missing dates plus the last five trading days, which heals corrections', async () => {
    const p = new ScriptedProvider();
    p.bars.set('AAA', makeBars('AAA', '2024-01-02', '2024-03-28'));
    p.bars.set('BBB', makeBars('BBB', '2024-02-01', '2024-03-28', 50));
    await addSymbols('AAA', 'BBB');
    const c = clock();
    const base: SyncOptions = { now: c.now, historyStart: '2024-01-02', today: '2024-03-15' };

    const first = await syncMarketData(t.db, createFallbackChain([p]), base);
    expect(p.barCalls().sort()).toEqual(['AAA 2024-01-02..2024-03-15', 'BBB 2024-01-02..2024-03-15']);
    expect(first).toMatchObject({ symbols: 2, synced: 2, failed: 0, barsStored: 52 + 31, barsRejected: 0 });
    expect(await universe('AAA')).toMatchObject({ status: 'active', last_price_date: '2024-03-15', last_seen_date: '2024-03-15', first_seen_date: '2024-01-02', consecutive_failures: 0 });
    expect((await universe('BBB')).first_seen_date).toBe('2024-02-01');

    // The provider corrects two closes: one inside the five-session window, one before it.
    const bars = p.bars.get('AAA')!;
    const fix = (date: string, close: number) => Object.assign(bars.find((b) => b.date === date)!, { close, open: close, high: close + 1, low: close - 1 });
    fix('2024-03-12', 111.11);
    fix('2024-03-01', 99.99);
    const before = await closes('AAA');

    p.calls.length = 0;
    c.advanceDays(7);
    await syncMarketData(t.db, createFallbackChain([p]), { ...base, today: '2024-03-22' });
    // 2024-03-15 was the last stored session: the five sessions ending there start 2024-03-11.
    expect(p.barCalls().sort()).toEqual(['AAA 2024-03-11..2024-03-22', 'BBB 2024-03-11..2024-03-22']);
    const after = await closes('AAA');
    expect(after.get('2024-03-12')).toBe(111.11);
    expect(after.get('2024-03-01')).toBe(before.get('2024-03-01'));
    expect(after.get('2024-03-22')).toBe(bars.find((b) => b.date === '2024-03-22')!.close);
    expect(after.size).toBe(52 + 5);
    expect((await universe('AAA')).last_price_date).toBe('2024-03-22');

    // A run soon after skips symbols synced less than the interval (12 h by default) ago.
    p.calls.length = 0;
    const again = await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, today: '2024-03-22' });
    expect(again.symbols).toBe(0);
    expect(p.calls).toEqual([]);
  });

  it('logs rejected bars per symbol with the reason and never stores them', async () => {
    const p = new ScriptedProvider();
    const bars = makeBars('AAA', '2024-01-02', '2024-01-31');
    bars.find((b) => b.date === '2024-01-10')!.high = 1; // high below the close
    Object.assign(bars.find((b) => b.date === '2024-01-17')!, { close: 400, high: 401, open: 400, low: 399 }); // +300 % spike, no split
    p.bars.set('AAA', bars);
    p.extra.set('AAA', [{ ...bars[0], date: '2024-02-05' }]); // after today
    await addSymbols('AAA');
    const log = logger();
    const c = clock('2024-01-31T22:00:00Z');
    const r = await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, historyStart: '2024-01-02', today: '2024-01-31', logger: log });
    const res = r.results[0];
    expect(res.rejected.map((x) => [x.date, x.rules])).toEqual([
      ['2024-01-10', ['HIGH_BELOW_OPEN_CLOSE']],
      ['2024-01-17', ['PRICE_JUMP']],
      ['2024-02-05', ['FUTURE_DATE']],
    ]);
    expect(res.rejected[1].reason).toMatch(/close 400 is \+\d+\.\d% from the previous close .* on 2024-01-16/);
    expect(log.warnings.filter((w) => w.msg.includes('bar rejected')).map((w) => [w.obj.symbol, w.obj.date, typeof w.obj.reason])).toEqual([
      ['AAA', '2024-01-10', 'string'], ['AAA', '2024-01-17', 'string'], ['AAA', '2024-02-05', 'string'],
    ]);
    const stored = await closes('AAA');
    expect(stored.size).toBe(bars.length - 2);
    for (const d of ['2024-01-10', '2024-01-17', '2024-02-05']) expect(stored.has(d)).toBe(false);
    expect(res.barsStored).toBe(bars.length - 2);

    // The next sync checks its first new bar against the last stored one: a 5x jump is rejected.
    bars.push({ ...bars.at(-1)!, date: '2024-02-01', open: 600, high: 601, low: 599, close: 600 });
    p.extra.clear();
    c.advanceDays(1);
    const r2 = await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, today: '2024-02-01', healDays: 0 });
    expect(r2.results[0].rejected.map((x) => [x.date, x.rules])).toEqual([['2024-02-01', ['PRICE_JUMP']]]);
    expect((await closes('AAA')).has('2024-02-01')).toBe(false);
    expect((await universe('AAA')).last_price_date).toBe('2024-01-31');
  });

  it('marks a symbol error after N consecutive failures and skips it afterwards; a success resets the count', async () => {
    const p = new ScriptedProvider();
    p.bars.set('AAA', makeBars('AAA', '2024-01-02', '2024-01-31'));
    p.bars.set('OK', makeBars('OK', '2024-01-02', '2024-01-31'));
    await addSymbols('AAA', 'OK');
    const c = clock('2024-02-01T22:00:00Z');
    const run = () => syncMarketData(t.db, createFallbackChain([p]), { now: c.now, historyStart: '2024-01-02', today: '2024-01-31', minSyncIntervalMs: 0, maxConsecutiveFailures: 3 });

    p.failWith('AAA', 'UPSTREAM', 1);
    expect((await run()).results.map((r) => [r.symbol, r.outcome])).toEqual([['AAA', 'failed'], ['OK', 'synced']]);
    expect(await universe('AAA')).toMatchObject({ status: 'active', consecutive_failures: 1, status_reason: expect.stringMatching(/^daily bars: dailyBars\(AAA\): no provider could serve it \(scripted: UPSTREAM\)/) });
    expect((await run()).results[0].outcome).toBe('synced');
    expect(await universe('AAA')).toMatchObject({ status: 'active', consecutive_failures: 0, status_reason: null });

    p.failWith('AAA', 'TIMEOUT');
    expect((await run()).results[0].outcome).toBe('failed');
    expect((await run()).results[0].outcome).toBe('failed');
    const third = await run();
    expect(third.results[0]).toMatchObject({ symbol: 'AAA', outcome: 'error' });
    expect(third.markedError).toBe(1);
    expect(await universe('AAA')).toMatchObject({ status: 'error', consecutive_failures: 3, is_active: true, status_reason: expect.stringContaining('TIMEOUT') });

    p.calls.length = 0;
    const fourth = await run();
    expect(fourth.results.map((r) => r.symbol)).toEqual(['OK']);
    expect(p.calls.some((x) => x.symbol === 'AAA')).toBe(false);
  });

  it('marks a previously active symbol delisted when every provider says NOT_FOUND, but not one never priced or a partial answer', async () => {
    const a = new ScriptedProvider('first');
    const b = new ScriptedProvider('second');
    for (const s of ['GONE', 'HALF']) a.bars.set(s, makeBars(s, '2024-01-02', '2024-01-31'));
    await addSymbols('GONE', 'HALF');
    const c = clock('2024-02-01T22:00:00Z');
    const opts = { now: c.now, historyStart: '2024-01-02', today: '2024-01-31', minSyncIntervalMs: 0 };
    await syncMarketData(t.db, createFallbackChain([a, b]), opts);
    expect((await universe('GONE')).status).toBe('active');

    a.bars.delete('GONE');
    a.bars.delete('HALF');
    b.failWith('HALF', 'UPSTREAM');
    await addSymbols('NEW');
    const r = await syncMarketData(t.db, createFallbackChain([a, b]), opts);
    expect(r.results.map((x) => [x.symbol, x.outcome])).toEqual([['GONE', 'delisted'], ['HALF', 'failed'], ['NEW', 'failed']]);
    expect(r.delisted).toBe(1);
    expect(await universe('GONE')).toMatchObject({ status: 'delisted', is_active: false, status_reason: expect.stringContaining('first: NOT_FOUND; second: NOT_FOUND') });
    expect(await universe('HALF')).toMatchObject({ status: 'active', is_active: true, consecutive_failures: 1 });
    expect(await universe('NEW')).toMatchObject({ status: 'active', consecutive_failures: 1 });
    // The stored history of a delisted symbol stays.
    expect((await closes('GONE')).size).toBe(21);
    const later = await syncMarketData(t.db, createFallbackChain([a, b]), opts);
    expect(later.results.map((x) => x.symbol)).toEqual(['HALF', 'NEW']);
  });

  it('writes nothing of a symbol when its transaction fails, and counts the failure', async () => {
    const p = new ScriptedProvider();
    p.bars.set('AAA', makeBars('AAA', '2024-01-02', '2024-01-31'));
    // A dividend too large for NUMERIC(14,6) fails the insert after the bars were written.
    p.actions.set('AAA', { splits: [], dividends: [{ symbol: 'AAA', exDate: '2024-01-10', amount: 1e9, splitAdjusted: false, currency: 'USD', payDate: null, recordDate: null, declarationDate: null }] });
    await addSymbols('AAA');
    const r = await syncMarketData(t.db, createFallbackChain([p]), { now: clock().now, historyStart: '2024-01-02', today: '2024-01-31' });
    expect(r.results[0]).toMatchObject({ outcome: 'failed', barsStored: 0, error: expect.stringMatching(/^store: .*numeric field overflow/) });
    expect((await closes('AAA')).size).toBe(0);
    expect(await corporateActionsFor(t.db, 'AAA')).toEqual({ splits: [], dividends: [] });
    expect(await universe('AAA')).toMatchObject({ status: 'active', last_price_date: null, last_synced: null, consecutive_failures: 1 });
  });

  describe('splits and dividends on real AAPL (2013-05-13..2018-05-11)', () => {
    // The file's close is split-adjusted for the 7:1 split of 2014-06-09 (Yahoo, 2018); traded
    // prices before it were 7 times higher.
    const file = (() => {
      const { header, rows } = readMarketCsv('aapl_daily_ohlcv_2013_2018.csv');
      const at = (n: string) => header.indexOf(n);
      return rows.map((r) => ({ date: r[at('date')], open: +r[at('open')], high: +r[at('high')], low: +r[at('low')], close: +r[at('close')], adjClose: +r[at('adj_close')], volume: +r[at('volume')] }));
    })();
    const EX = '2014-06-09';
    const traded = (): DailyBar[] => file.map((b) => {
      const f = b.date < EX ? 7 : 1;
      return { symbol: 'AAPL', date: b.date, open: b.open * f, high: b.high * f, low: b.low * f, close: b.close * f, adjClose: null, volume: Math.round(b.volume / f), adjustment: 'raw' };
    });
    const splitAdjusted = (): DailyBar[] => file.map((b) => ({ symbol: 'AAPL', date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjClose: b.adjClose, volume: b.volume, adjustment: 'split' }));
    const split = { symbol: 'AAPL', exDate: EX, numerator: 7, denominator: 1, factor: 7 };
    const first = file[0].date;
    const last = file.at(-1)!.date;

    async function worstDifference(expected: (b: (typeof file)[number]) => number, through = last) {
      const series = (await adjustedCloses(t.db, ['AAPL'], first, through)).get('AAPL')!;
      const bars = file.filter((b) => b.date <= through);
      expect(series.dates).toEqual(bars.map((b) => b.date));
      let worst = 0;
      bars.forEach((b, i) => (worst = Math.max(worst, Math.abs(series.values[i] - expected(b)))));
      return worst;
    }

    it('recomputes the adjusted close of earlier bars when the split arrives, recovering the file’s close to 1e-6', async () => {
      const p = new ScriptedProvider();
      p.bars.set('AAPL', traded());
      p.actions.set('AAPL', { splits: [split], dividends: [] });
      await addSymbols('AAPL');
      const c = clock('2014-06-07T12:00:00Z');
      // Before the split: traded prices, adjusted close = close.
      await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, historyStart: first, today: '2014-06-06' });
      expect(await worstDifference((b) => (b.date < EX ? b.close * 7 : b.close), '2014-06-06')).toBeLessThan(1e-6);

      // Four years later the split (ex-date 2014-06-09) arrives with the new bars; the jump across it is excused.
      c.advanceDays(1435);
      const r = await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, today: last });
      expect(r.results[0]).toMatchObject({ outcome: 'synced', actionsStored: 1, rejected: [] });
      expect(r.results[0].adjustedUpdated).toBeGreaterThan(250);
      expect(await worstDifference((b) => b.close)).toBeLessThan(1e-6);
      // Stored closes stay as traded.
      expect((await closes('AAPL')).get('2014-06-06')).toBeCloseTo(file.find((b) => b.date === '2014-06-06')!.close * 7, 6);
      expect((await corporateActionsFor(t.db, 'AAPL')).splits).toEqual([{ exDate: EX, splitFrom: 1, splitTo: 7, factor: 7 }]);

      // Syncing again changes nothing: the split is applied once.
      c.advanceDays(1);
      const again = await syncMarketData(t.db, createFallbackChain([p]), { now: c.now, today: last });
      expect(again.results[0]).toMatchObject({ actionsStored: 0, adjustedUpdated: 0 });
      expect(await worstDifference((b) => b.close)).toBeLessThan(1e-6);
    });

    it('puts split-adjusted provider bars back on the traded basis, and applies dividends with 1 - D/P_prev', async () => {
      const p = new ScriptedProvider();
      p.bars.set('AAPL', splitAdjusted());
      // Post-split dividends, as Yahoo reports them (split-adjusted amounts; after the split they equal the declared ones).
      const amounts: [string, number][] = [['2014-08-07', 0.47], ['2015-02-05', 0.47], ['2016-05-05', 0.57], ['2017-05-11', 0.63], ['2018-02-09', 0.63]];
      p.actions.set('AAPL', {
        splits: [split],
        dividends: [['2014-05-08', 0.47] as [string, number], ...amounts].map(([exDate, amount]) => ({ symbol: 'AAPL', exDate, amount, splitAdjusted: true, currency: 'USD', payDate: null, recordDate: null, declarationDate: null })),
      });
      await addSymbols('AAPL');
      await syncMarketData(t.db, createFallbackChain([p]), { now: clock('2018-05-12T12:00:00Z').now, historyStart: first, today: last });
      // Traded closes are stored...
      const stored = await closes('AAPL');
      expect(stored.get('2014-06-06')).toBeCloseTo(645.57, 2);
      expect(stored.get('2014-06-09')).toBeCloseTo(93.7, 2);
      // ...the 2014-05-08 dividend is stored as declared (0.47 per post-split share = 3.29 per traded share)...
      const dividends = (await corporateActionsFor(t.db, 'AAPL')).dividends;
      expect(dividends.find((d) => d.exDate === '2014-05-08')!.amount).toBe(3.29);
      // ...and the adjusted close is the split-adjusted close times the dividend factors after each bar.
      const prevClose = (ex: string) => stored.get([...stored.keys()].filter((d) => d < ex).sort().at(-1)!)!;
      const all = [['2014-05-08', 3.29] as [string, number], ...amounts];
      const expected = (b: (typeof file)[number]) => all.reduce((adj, [ex, d]) => (b.date < ex ? adj * (1 - d / prevClose(ex)) : adj), b.close);
      expect(await worstDifference(expected)).toBeLessThan(2e-6);
    });
  });
});
