/**
 * The range refresh (refreshPortfolioRange: one pass over many days, inputs read once) stores the
 * same rows as the daily refresh run day by day in order, on both engines: every results table of the
 * portfolio compared row for row and column for column (ids and creation times aside), the positions'
 * current values too, computed in this thread and in worker threads. On the demo's synthetic market, with cash flows inside the range, a stored day
 * before it, a position entered mid-range and a portfolio whose positions all start mid-range.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshPortfolio, refreshPortfolioRange, refreshPortfolioRanges, refreshPortfolios } from '../../src/batch/portfolio/portfolio-refresh.js';
import { asStoredNumeric } from '../../src/batch/portfolio/portfolio-results.repository.js';
import { runSymbolBatch } from '../../src/batch/symbol/symbol-batch.js';
import type { DB } from '../../src/db/schema.js';
import { seedDemo } from '../../src/demo/demo-seed.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

const TODAY = '2026-11-20';
const settings = { riskFreeRate: 0.04 };
const RESULT_TABLES = ['portfolio_snapshots', 'position_factor_exposures', 'portfolio_factor_exposures', 'portfolio_correlation_matrices',
  'stress_test_results', 'portfolio_var_results', 'position_var_contributions', 'portfolio_analytics_cache'] as const;

/** Every stored result of the portfolio as text, by table, rows sorted (ids and creation times left out). */
async function storedResults(db: Kysely<DB>, portfolioId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const strip = (row: Record<string, unknown>) => {
    const { id: _id, created_at: _c, updated_at: _u, ...rest } = row;
    return JSON.stringify(rest);
  };
  for (const table of RESULT_TABLES) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where portfolio_id = ${portfolioId}::uuid`.execute(db);
    out[table] = rows.rows.map(strip).sort();
  }
  const greeks = await sql<Record<string, unknown>>`select g.* from position_greeks g join positions p on p.id = g.position_id where p.portfolio_id = ${portfolioId}::uuid`.execute(db);
  out.position_greeks = greeks.rows.map(strip).sort();
  const positions = await sql<Record<string, unknown>>`select id, last_price, market_value, unrealized_pnl, unrealized_pnl_pct from positions where portfolio_id = ${portfolioId}::uuid order by id`.execute(db);
  out.positions = positions.rows.map((r) => JSON.stringify(r));
  return out;
}

describe(`the range refresh equals the daily refresh day by day, on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  const days = tradingDays('2026-10-01', TODAY).slice(-12);
  let book: string;
  let late: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedDemo(t.db, { today: TODAY });
    for (const date of days) {
      const r = await runSymbolBatch(t.db, date, { workerId: 'test' });
      if (r.status !== 'completed') throw new Error(`symbol batch ${date}: ${JSON.stringify(r.steps)}`);
    }
    const demo = await t.db.selectFrom('portfolios').select(['id', 'user_id']).orderBy('name').execute();
    book = demo[0].id;
    // A deposit and a withdrawal inside the range, one on the range's first refreshed day, and a position entered mid-range.
    await t.db.insertInto('portfolio_cash_flows').values([
      { portfolio_id: book, flow_date: days[1], amount: 12_345.67 }, { portfolio_id: book, flow_date: days[6], amount: -2_000.01 },
      { portfolio_id: book, flow_date: days[6], amount: 0.1 }, { portfolio_id: book, flow_date: days[6], amount: 0.2 },
    ]).execute();
    const held = await t.db.selectFrom('positions').select(['symbol', 'entry_price']).where('portfolio_id', '=', book).where('underlying_symbol', 'is', null).executeTakeFirstOrThrow();
    await t.db.insertInto('positions').values([
      { portfolio_id: book, symbol: held.symbol, position_type: 'SHORT', quantity: -10, entry_price: held.entry_price, entry_date: days[5] },
      // Closed inside the range: its current values stay those of its last open day.
      { portfolio_id: book, symbol: held.symbol, position_type: 'LONG', quantity: 7, entry_price: held.entry_price, entry_date: days[2], exit_date: days[8], exit_price: held.entry_price * 1.1 },
    ]).execute();
    // A portfolio whose every position starts mid-range.
    const p = await t.db.insertInto('portfolios').values({ user_id: demo[0].user_id, name: 'Late starter', equity_balance: 250_000 }).returning('id').executeTakeFirstOrThrow();
    late = p.id;
    await t.db.insertInto('positions').values([
      { portfolio_id: late, symbol: held.symbol, position_type: 'LONG', quantity: 100, entry_price: held.entry_price, entry_date: days[4] },
      { portfolio_id: late, symbol: 'SPY', position_type: 'SHORT', quantity: -20, entry_price: 500, entry_date: days[7] },
    ]).execute();
  }, 300_000);
  afterAll(async () => t?.destroy());

  it('a range continuing a stored day, with cash flows and a position entered inside it', async () => {
    // Day 0 stored first: both refreshes continue from it.
    expect((await refreshPortfolio(t.db, book, days[0], settings)).status).toBe('refreshed');
    for (const date of days.slice(1)) expect((await refreshPortfolio(t.db, book, date, settings)).status).toBe('refreshed');
    const daily = await storedResults(t.db, book);
    expect(daily.portfolio_snapshots).toHaveLength(days.length);
    // The daily batch left the closed position with its last open day's values.
    expect(daily.positions.filter((p) => p.includes('"last_price":null'))).toEqual([]);

    // Each way of running the range, from the state the daily batch starts from (day 0 stored, the
    // positions' current values those of day 0): in this thread, in worker threads, in parts of 4 days.
    const ways: [string, Parameters<typeof refreshPortfolioRange>[4]][] = [['in this thread', { threads: false }], ['in worker threads', { threads: true }], ['in 3 transactions', { threads: false, transactionDays: 4 }],
      // Written 2 days a statement: the writes go on while the threads compute and the roll-forward runs.
      ['in worker threads, 2 days a write', { threads: true, writeDays: 2 }]];
    for (const [way, options] of ways) {
      await t.db.deleteFrom('portfolio_snapshots').where('portfolio_id', '=', book).where('snapshot_date', '>', days[0]).execute();
      await t.db.updateTable('positions').set({ last_price: null, market_value: null, unrealized_pnl: null, unrealized_pnl_pct: null }).where('portfolio_id', '=', book).execute();
      expect((await refreshPortfolio(t.db, book, days[0], settings)).status).toBe('refreshed');
      const out = await refreshPortfolioRange(t.db, book, days.slice(1), settings, options);
      expect(out, way).toMatchObject({ status: 'refreshed', days: days.slice(1) });
      const range = await storedResults(t.db, book);
      for (const table of Object.keys(daily)) expect(range[table], `${way}: ${table}`).toEqual(daily[table]);
    }
  }, 120_000);

  it('a range in the middle of stored days leaves the positions\' current values to the latest day', async () => {
    const before = await storedResults(t.db, book);
    await refreshPortfolioRange(t.db, book, days.slice(3, 7), settings);
    const after = await storedResults(t.db, book);
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    // The same figures again: the later days stand, nothing is marked for recompute.
    expect((await t.db.selectFrom('portfolios').select('recompute_from').where('id', '=', book).executeTakeFirstOrThrow()).recompute_from).toBeNull();
  }, 120_000);

  it('a day written before stored days (a range or one day) marks the later days for recompute', async () => {
    const held = await t.db.selectFrom('positions').select(['symbol', 'entry_price']).where('portfolio_id', '=', book).where('underlying_symbol', 'is', null).executeTakeFirstOrThrow();
    const user = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const recomputeFrom = async (id: string) => (await t.db.selectFrom('portfolios').select('recompute_from').where('id', '=', id).executeTakeFirstOrThrow()).recompute_from;
    for (const way of ['range', 'day'] as const) {
      const p = await t.db.insertInto('portfolios').values({ user_id: user, name: `Backfilled by ${way}`, equity_balance: 500_000 }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('positions').values({ portfolio_id: p.id, symbol: held.symbol, position_type: 'LONG', quantity: 300, entry_price: held.entry_price, entry_date: days[0] }).execute();
      // History first computed from day 6 on (its first day rolls forward from the stated equity).
      for (const date of days.slice(6)) expect((await refreshPortfolio(t.db, p.id, date, settings)).status).toBe('refreshed');
      expect(await recomputeFrom(p.id)).toBeNull();
      if (way === 'range') await refreshPortfolioRange(t.db, p.id, days.slice(0, 6), settings);
      else await refreshPortfolio(t.db, p.id, days[5], settings);
      expect(await recomputeFrom(p.id), way).toBe(days[6]);
      if (way === 'range') {
        // The recompute itself (every stored day, in parts): the later days it rewrites are its own, nothing is marked.
        await t.db.updateTable('portfolios').set({ recompute_from: null }).where('id', '=', p.id).execute();
        await refreshPortfolioRange(t.db, p.id, days, settings, { transactionDays: 4 });
        expect(await recomputeFrom(p.id)).toBeNull();
      }
    }
  }, 120_000);

  it('days before the first position are skipped, as the daily batch skips them', async () => {
    for (const date of days.slice(4)) expect((await refreshPortfolio(t.db, late, date, settings)).status).toBe('refreshed');
    const daily = await storedResults(t.db, late);
    await t.db.deleteFrom('portfolio_snapshots').where('portfolio_id', '=', late).execute();
    const out = await refreshPortfolioRange(t.db, late, days, settings);
    expect(out).toMatchObject({ status: 'refreshed', days: days.slice(4) });
    const range = await storedResults(t.db, late);
    for (const table of Object.keys(daily)) expect(range[table], table).toEqual(daily[table]);
  }, 120_000);

  it('skips a deleted portfolio and one without positions, writing nothing', async () => {
    const user = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const empty = await t.db.insertInto('portfolios').values({ user_id: user, name: 'Empty' }).returning('id').executeTakeFirstOrThrow();
    expect(await refreshPortfolioRange(t.db, empty.id, days, settings)).toMatchObject({ status: 'skipped', reason: 'the portfolio has no positions' });
    await t.db.updateTable('portfolios').set({ deleted_at: new Date() }).where('id', '=', late).execute();
    expect(await refreshPortfolioRange(t.db, late, days, settings)).toMatchObject({ status: 'skipped' });
  });

  it('a range that fails on one day is refreshed day by day: only that day is missing, recorded with its error', async () => {
    const held = await t.db.selectFrom('positions').select(['symbol', 'entry_price']).where('portfolio_id', '=', book).where('underlying_symbol', 'is', null).executeTakeFirstOrThrow();
    // A symbol whose close on one day is absurd: that day's market value overflows its column.
    await sql`insert into market_data_cache (symbol, date, open, high, low, close, adjusted_close, volume, data_source)
      select 'ZZSPIKE', date, open, case when date = ${days[6]}::date then 9e9 else high end, low, case when date = ${days[6]}::date then 9e9 else close end, adjusted_close, volume, data_source
      from market_data_cache where symbol = ${held.symbol}`.execute(t.db);
    const user = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const spike = await t.db.insertInto('portfolios').values({ user_id: user, name: 'Spike' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('positions').values({ portfolio_id: spike.id, symbol: 'ZZSPIKE', position_type: 'LONG', quantity: 2_000_000, entry_price: held.entry_price, entry_date: days[0] }).execute();
    // In worker threads too, the failed write fails the range and leaves nothing of it.
    for (const writeDays of [32, 1]) await expect(refreshPortfolioRange(t.db, spike.id, days, settings, { threads: true, writeDays })).rejects.toThrow(/numeric field overflow/);
    expect(await t.db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', '=', spike.id).execute()).toEqual([]);
    const report = await refreshPortfolioRanges(t.db, [spike.id], days, settings);
    expect(report.refreshed).toEqual([]);
    expect(report.failed).toEqual([{ portfolioId: spike.id, error: expect.stringContaining(`${days[6]}: `) }]);
    const stored = await t.db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', '=', spike.id).orderBy('snapshot_date').execute();
    expect(stored.map((r) => r.snapshot_date)).toEqual(days.filter((d) => d !== days[6]));
    const audit = await t.db.selectFrom('calculation_audit_log').select(['calculation_date', 'status']).where('portfolio_id', '=', spike.id).execute();
    expect(audit).toEqual([{ calculation_date: days[6], status: 'failed' }]);
  }, 120_000);

  it('a job stopped by its signal stops between transactions: the parts done stay, nothing is redone day by day', async () => {
    const user = (await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()).id;
    const held = await t.db.selectFrom('positions').select(['symbol', 'entry_price']).where('portfolio_id', '=', book).where('underlying_symbol', 'is', null).executeTakeFirstOrThrow();
    const p = await t.db.insertInto('portfolios').values({ user_id: user, name: 'Stopped' }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('positions').values({ portfolio_id: p.id, symbol: held.symbol, position_type: 'LONG', quantity: 10, entry_price: held.entry_price, entry_date: days[0] }).execute();
    // Parts of 4 days; the job is stopped inside the second part (the signal is looked at before each
    // part and after each day: it reads as aborted from its 15th look on).
    const stop = new AbortController();
    let reads = 0;
    const signal = new Proxy(stop.signal, { get: (target, key) => (key === 'aborted' ? ++reads > 14 || target.aborted : Reflect.get(target, key, target)) });
    await expect(refreshPortfolioRanges(t.db, [p.id], days, { ...settings, rangeTransactionDays: 4 }, { signal })).rejects.toThrow(/portfolio range refresh aborted/);
    // Whole parts stay, the one in progress is rolled back.
    const stored = (await t.db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', '=', p.id).orderBy('snapshot_date').execute()).map((r) => r.snapshot_date);
    expect(stored.length % 4).toBe(0);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(days.length);
    expect(stored).toEqual(days.slice(0, stored.length));
    expect(await t.db.selectFrom('calculation_audit_log').select('status').where('portfolio_id', '=', p.id).execute()).toEqual([]);
    // Aborted before it starts: nothing at all.
    stop.abort(new Error('worker stopping'));
    await expect(refreshPortfolioRanges(t.db, [p.id], days, settings, { signal: stop.signal })).rejects.toThrow(/aborted: Error: worker stopping/);
  }, 120_000);

  it('the chunks of one queueing (run) read the symbol inputs once per process: a close changed in between is seen by the next run, or once the symbol phase completes again', async () => {
    const D = days.at(-1)!;
    const held = await t.db.selectFrom('positions').select('symbol').where('portfolio_id', '=', book).where('underlying_symbol', 'is', null).executeTakeFirstOrThrow();
    const value = async () => Number((await t.db.selectFrom('portfolio_snapshots').select('total_value').where('portfolio_id', '=', book).where('snapshot_date', '=', D).executeTakeFirstOrThrow()).total_value);
    const close = (factor: number) => sql`update market_data_cache set open = open * ${factor}, high = high * ${factor}, low = low * ${factor}, close = close * ${factor}, adjusted_close = adjusted_close * ${factor} where symbol = ${held.symbol} and date = ${D}::date`.execute(t.db);
    expect((await refreshPortfolios(t.db, [book], D, settings, { run: 'run-1' })).refreshed).toBe(1);
    const before = await value();
    await close(2);
    try {
      expect((await refreshPortfolios(t.db, [book], D, settings, { run: 'run-1' })).refreshed).toBe(1);
      expect(await value()).toBe(before);
      // D's symbol phase completing again (a rerun after a correction): the same run reads anew.
      await t.db.insertInto('batch_jobs').values({ job_name: 'symbol batch rerun', job_type: 'symbol_batch', status: 'completed', started_at: new Date(), completed_at: new Date(Date.now() + 1000), metadata: JSON.stringify({ date: D }) }).execute();
      expect((await refreshPortfolios(t.db, [book], D, settings, { run: 'run-1' })).refreshed).toBe(1);
      expect(await value()).not.toBe(before);
      expect((await refreshPortfolios(t.db, [book], D, settings, { run: 'run-2' })).refreshed).toBe(1);
      expect(await value()).not.toBe(before);
      expect((await refreshPortfolios(t.db, [book], D, settings)).refreshed).toBe(1);
      expect(await value()).not.toBe(before);
    } finally {
      await close(0.5);
    }
    expect((await refreshPortfolios(t.db, [book], D, settings)).refreshed).toBe(1);
    expect(await value()).toBe(before);
  }, 120_000);

  it('asStoredNumeric returns what a NUMERIC column returns for the same number', async () => {
    const xs = [0, 5e-11, -5e-11, 4.9e-11, 1.5e-10, -1.5e-10, 0.123456789049999, 0.12345678905, -0.12345678905, 1e-7, 123.456, 1 / 3, -2 / 3, 12345.675, 0.015, -0.005];
    let seed = 1;
    for (let i = 0; i < 300; i++) {
      seed = (seed * 48271) % 2147483647;
      xs.push((seed / 2147483647 - 0.5) * 10 ** ((i % 12) - 6));
    }
    for (const scale of [2, 10]) {
      const r = await sql<{ v: string }>`select (x::numeric(30, ${sql.raw(String(scale))}))::text as v from jsonb_array_elements(${JSON.stringify(xs)}::jsonb) with ordinality as a(x, i) order by i`.execute(t.db);
      const misses = xs.map((x, i) => [x, asStoredNumeric(x, scale), Number(r.rows[i].v)]).filter(([, a, b]) => a !== b);
      expect(misses, `scale ${scale}`).toEqual([]);
    }
    expect(asStoredNumeric(Number.NaN, 2)).toBeNull();
    expect(Object.is(asStoredNumeric(-4e-12, 10), 0)).toBe(true);
  });
});
