import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import {
  claimOnboardingBatch,
  completeOnboarding,
  enqueueOnboarding,
  queueCounts,
  renewOnboardingLeases,
} from '../../src/market-data/onboarding-queue.repository.js';
import { runOnboardingWorker } from '../../src/market-data/onboarding-worker.js';
import {
  NO_OPTION_PRICES_REASON,
  enqueueSymbols,
  onboardClaimed,
  reapExhaustedClaims,
  type OnboardingSettings,
} from '../../src/market-data/onboarding.service.js';
import { refreshSymbolDailyMetrics } from '../../src/batch/symbol/daily-metrics.js';
import { upsertBars } from '../../src/market-data/prices.repository.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SeriesProvider, type CloseSeriesInput } from '../fakes/series-provider.js';
import { factorEtfBars, factorEtfStandIns, readColumn, readDj30 } from '../support/market-fixtures.js';
import { createTestDatabase, engineUnderTest, serverUrl, type TestDatabase } from '../support/test-database.js';

const TODAY = '2000-12-29';
const FROM = '1998-12-30'; // TODAY - 730 days
const SETTINGS: Partial<OnboardingSettings> = { today: TODAY, historyDays: 730, fetchProfile: false };
const DOW = ['AA', 'IBM', 'KO', 'MSFT', 'XOM', 'GE', 'JNJ', 'WMT'];

const nyse = readColumn('nyse_composite_daily_1966_2002.csv', 'close');
const dj30 = new Map<string, CloseSeriesInput>(DOW.map((s) => [s, readDj30(s)]));
/** The factor ETFs' stand-ins (Dow stocks not onboarded in these tests, and the NYSE Composite for SPY). */
const ETF_SERIES: Record<string, CloseSeriesInput> = factorEtfStandIns();
/** The symbol batch's window: the last 253 dates the factor ETFs and the stock share, up to TODAY. */
const WINDOW = 252;

/** Closed-form single-factor OLS on the files: y, x simple returns on the inner-joined dates in [from, to]. */
function directOls(stock: CloseSeriesInput, market: CloseSeriesInput, from: string, to: string) {
  const m = new Map<string, number>();
  for (let i = 0; i < market.dates.length; i++) m.set(market.dates[i], market.values[i]);
  const pairs: [number, number][] = [];
  for (let i = 0; i < stock.dates.length; i++) {
    const d = stock.dates[i];
    if (d >= from && d <= to && m.has(d)) pairs.push([stock.values[i], m.get(d)!]);
  }
  const y: number[] = [], x: number[] = [];
  for (let t = 1; t < pairs.length; t++) {
    y.push(pairs[t][0] / pairs[t - 1][0] - 1);
    x.push(pairs[t][1] / pairs[t - 1][1] - 1);
  }
  const n = y.length;
  const mx = x.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let t = 0; t < n; t++) {
    sxx += (x[t] - mx) ** 2;
    sxy += (x[t] - mx) * (y[t] - my);
    syy += (y[t] - my) ** 2;
  }
  const beta = sxy / sxx;
  const ssr = syy - beta * sxy;
  const se = Math.sqrt(ssr / (n - 2) / sxx);
  return { beta, se, t: beta / se, r2: 1 - ssr / syy, n };
}

function chainOf(provider: SeriesProvider) {
  return createFallbackChain([provider]);
}

async function claimOne(db: TestDatabase['db'], workerId = 'w1') {
  const [row] = await claimOnboardingBatch(db, { workerId, limit: 1, leaseMs: 60_000 });
  expect(row, 'a claimable row').toBeDefined();
  return row;
}

describe(`symbol onboarding on ${engineUnderTest}`, () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase({ maxConnections: 6 });
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await sql`truncate symbol_onboarding_queue, symbol_universe, symbol_factor_exposures, market_data_cache, symbol_daily_metrics`.execute(t.db);
    await t.db.transaction().execute((trx) => upsertBars(trx, factorEtfBars()));
  });

  it('enqueues each unknown symbol once: one pending row per symbol however often and concurrently it is asked', async () => {
    const first = await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'ibm' }, { symbol: 'IBM' }, { symbol: 'KO', priority: 'low' }]));
    expect(first.queued.sort()).toEqual(['IBM', 'KO']);
    const again = await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'IBM' }, { symbol: 'KO', priority: 'high' }]));
    expect(again.queued).toEqual([]);
    await Promise.all(Array.from({ length: 5 }, () => t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'IBM' }, { symbol: 'MSFT' }]))));
    // Straight to the repository as well: the partial unique index turns a second pending row into a no-op.
    expect(await enqueueOnboarding(t.db, [{ symbol: 'IBM' }, { symbol: 'MSFT' }])).toEqual([]);

    const rows = await t.db.selectFrom('symbol_onboarding_queue').select(['symbol', 'status', 'priority']).orderBy('symbol').execute();
    expect(rows).toEqual([
      { symbol: 'IBM', status: 'pending', priority: 'normal' },
      { symbol: 'KO', status: 'pending', priority: 'high' }, // raised by the second request
      { symbol: 'MSFT', status: 'pending', priority: 'normal' },
    ]);
    const universe = await t.db.selectFrom('symbol_universe').select(['symbol', 'status', 'asset_type', 'added_source']).orderBy('symbol').execute();
    expect(universe).toEqual(['IBM', 'KO', 'MSFT'].map((symbol) => ({ symbol, status: 'pending', asset_type: 'equity', added_source: 'position' })));

    // Once a symbol is onboarded it is known: asking again queues nothing.
    const claim = await claimOne(t.db);
    await onboardClaimed(t.db, chainOf(new SeriesProvider(dj30)), claim, 'w1', SETTINGS);
    const later = await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: claim.symbol }]));
    expect(later).toEqual({ queued: [], privateSymbols: [], known: [claim.symbol] });
  });

  it('claims by priority, then next_attempt_at; a claimed row is not claimed again while its lease lasts', async () => {
    await enqueueOnboarding(t.db, [
      { symbol: 'LOW1', priority: 'low' },
      { symbol: 'NORM2', priority: 'normal' },
      { symbol: 'HIGH1', priority: 'high' },
      { symbol: 'NORM1', priority: 'normal' },
    ]);
    await sql`update symbol_onboarding_queue set next_attempt_at = now() - (case symbol when 'NORM1' then 20 when 'NORM2' then 10 else 5 end) * interval '1 minute'`.execute(t.db);
    const a = await claimOnboardingBatch(t.db, { workerId: 'A', limit: 2, leaseMs: 60_000 });
    expect(a.map((r) => r.symbol)).toEqual(['HIGH1', 'NORM1']);
    const b = await claimOnboardingBatch(t.db, { workerId: 'B', limit: 10, leaseMs: 60_000 });
    expect(b.map((r) => r.symbol)).toEqual(['NORM2', 'LOW1']);
    expect(await claimOnboardingBatch(t.db, { workerId: 'C', limit: 10, leaseMs: 60_000 })).toEqual([]);
    for (const r of [...a, ...b]) {
      expect(r).toMatchObject({ status: 'processing', attempts: 1, locked_by: r.symbol === 'HIGH1' || r.symbol === 'NORM1' ? 'A' : 'B' });
      expect(r.locked_until!.getTime()).toBeGreaterThan(r.started_at!.getTime());
    }
    // A row that is not due yet is not claimed.
    await enqueueOnboarding(t.db, [{ symbol: 'LATER' }]);
    await sql`update symbol_onboarding_queue set next_attempt_at = now() + interval '1 hour' where symbol = 'LATER'`.execute(t.db);
    expect(await claimOnboardingBatch(t.db, { workerId: 'C', limit: 10, leaseMs: 60_000 })).toEqual([]);
  });

  it('renews only the leases the worker still holds', async () => {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'IBM' }, { symbol: 'KO' }]));
    const claims = await claimOnboardingBatch(t.db, { workerId: 'A', limit: 2, leaseMs: 1_000 });
    const ids = claims.map((c) => c.id);
    expect(await renewOnboardingLeases(t.db, 'B', ids, 600_000)).toBe(0);
    expect(await renewOnboardingLeases(t.db, 'A', ids, 600_000)).toBe(2);
    const rows = await sql<{ s: number }>`select extract(epoch from locked_until - now())::float8 as s from symbol_onboarding_queue`.execute(t.db);
    for (const r of rows.rows) expect(r.s).toBeGreaterThan(500);
    await completeOnboarding(t.db, ids[0], 'A');
    expect(await renewOnboardingLeases(t.db, 'A', ids, 600_000)).toBe(1);
  });

  it("re-claims a crashed worker's expired claim; the old worker can no longer complete it and writes nothing", async () => {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'IBM' }]));
    const first = await claimOne(t.db, 'crashed');
    expect(await claimOnboardingBatch(t.db, { workerId: 'B', limit: 1, leaseMs: 60_000 })).toEqual([]);
    await sql`update symbol_onboarding_queue set locked_until = now() - interval '1 second' where id = ${first.id}`.execute(t.db);
    const [second] = await claimOnboardingBatch(t.db, { workerId: 'B', limit: 1, leaseMs: 60_000 });
    expect(second).toMatchObject({ id: first.id, symbol: 'IBM', status: 'processing', attempts: 2, locked_by: 'B' });

    const provider = new SeriesProvider(dj30);
    expect(await onboardClaimed(t.db, chainOf(provider), first, 'crashed', SETTINGS)).toEqual({ symbol: 'IBM', status: 'lost' });
    expect(await completeOnboarding(t.db, first.id, 'crashed')).toBe(false);
    const bars = await sql<{ n: number }>`select count(*)::int as n from market_data_cache where symbol = 'IBM'`.execute(t.db);
    expect(bars.rows[0].n).toBe(0);

    const outcome = await onboardClaimed(t.db, chainOf(provider), second, 'B', SETTINGS);
    expect(outcome.status).toBe('active');
    expect(await queueCounts(t.db)).toEqual({ pending: 0, processing: 0, completed: 1, failed: 0 });
  });

  it('retries failures with exponential backoff, then marks the queue row failed and the symbol error', async () => {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'KO' }], { maxAttempts: 3 }));
    const provider = new SeriesProvider(dj30);
    provider.failWith('KO', 'UPSTREAM');
    const chain = chainOf(provider);
    const settings = { ...SETTINGS, retryBaseMs: 30_000, retryMaxMs: 3_600_000 };

    for (const [attempt, delay] of [[1, 30_000], [2, 60_000]] as const) {
      const claim = await claimOne(t.db);
      expect(claim.attempts).toBe(attempt);
      const outcome = await onboardClaimed(t.db, chain, claim, 'w1', settings);
      expect(outcome).toMatchObject({ symbol: 'KO', status: 'retry', attempt, retryInMs: delay });
      const row = await sql<{ status: string; error_message: string; wait_s: number; locked_by: string | null }>`
        select status, error_message, locked_by, extract(epoch from next_attempt_at - now())::float8 as wait_s
        from symbol_onboarding_queue where symbol = 'KO'`.execute(t.db);
      expect(row.rows[0]).toMatchObject({ status: 'pending', locked_by: null });
      expect(row.rows[0].error_message).toMatch(/injected UPSTREAM for KO/);
      // Backed off: not claimable until next_attempt_at (about delay from now).
      expect(row.rows[0].wait_s).toBeGreaterThan(delay / 1000 - 10);
      expect(row.rows[0].wait_s).toBeLessThanOrEqual(delay / 1000 + 1);
      expect(await claimOnboardingBatch(t.db, { workerId: 'w1', limit: 1, leaseMs: 60_000 })).toEqual([]);
      const u = await t.db.selectFrom('symbol_universe').select(['status', 'consecutive_failures', 'status_reason']).where('symbol', '=', 'KO').executeTakeFirstOrThrow();
      expect(u).toMatchObject({ status: 'pending', consecutive_failures: attempt });
      await sql`update symbol_onboarding_queue set next_attempt_at = now() where symbol = 'KO'`.execute(t.db);
    }
    const last = await claimOne(t.db);
    expect(await onboardClaimed(t.db, chain, last, 'w1', settings)).toMatchObject({ status: 'failed' });
    const q = await t.db.selectFrom('symbol_onboarding_queue').selectAll().where('symbol', '=', 'KO').executeTakeFirstOrThrow();
    expect(q).toMatchObject({ status: 'failed', attempts: 3, locked_by: null });
    expect(q.completed_at).not.toBeNull();
    const u = await t.db.selectFrom('symbol_universe').selectAll().where('symbol', '=', 'KO').executeTakeFirstOrThrow();
    expect(u).toMatchObject({ status: 'error', consecutive_failures: 3 });
    expect(u.status_reason).toMatch(/^onboarding failed after 3 of 3 attempt\(s\): .*UPSTREAM/);
    expect(provider.fetches.get('KO')).toBe(3);
  });

  it('fails at once when no provider knows the symbol, and reaps claims that expired on their last attempt', async () => {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'NOSUCH' }, { symbol: 'IBM' }], { maxAttempts: 2 }));
    const chain = chainOf(new SeriesProvider(dj30));
    const claims = await claimOnboardingBatch(t.db, { workerId: 'w1', limit: 2, leaseMs: 60_000 });
    const nosuch = claims.find((c) => c.symbol === 'NOSUCH')!;
    expect(await onboardClaimed(t.db, chain, nosuch, 'w1', SETTINGS)).toMatchObject({ status: 'failed', reason: expect.stringMatching(/no provider knows NOSUCH/) });
    const u = await t.db.selectFrom('symbol_universe').select(['status', 'status_reason']).where('symbol', '=', 'NOSUCH').executeTakeFirstOrThrow();
    expect(u.status).toBe('error');

    // IBM's worker "dies" on the last attempt: its claim expires with no attempts left.
    await sql`update symbol_onboarding_queue set attempts = max_attempts, locked_until = now() - interval '1 second' where symbol = 'IBM'`.execute(t.db);
    expect(await claimOnboardingBatch(t.db, { workerId: 'w2', limit: 5, leaseMs: 60_000 })).toEqual([]);
    expect(await reapExhaustedClaims(t.db)).toEqual(['IBM']);
    const q = await t.db.selectFrom('symbol_onboarding_queue').select(['status', 'error_message']).where('symbol', '=', 'IBM').executeTakeFirstOrThrow();
    expect(q.status).toBe('failed');
    expect(q.error_message).toMatch(/expired on the last of 2 attempts/);
    expect((await t.db.selectFrom('symbol_universe').select('status').where('symbol', '=', 'IBM').executeTakeFirstOrThrow()).status).toBe('error');
  });

  it('queues an option with its underlying; stores option prices when a provider has them, else activates it priced from the underlying', async () => {
    const priced = 'IBM010119C00100000';
    const unpriced = 'KO    010119P00060000'; // padded OCC form (root in 6 characters)
    const optionSeries = { dates: ['2000-12-26', '2000-12-27', '2000-12-28', '2000-12-29'], values: [4.1, 4.6, 3.9, 0.4] };
    const provider = new SeriesProvider(new Map([...dj30, [priced, optionSeries]]));
    const r = await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: priced, investmentClass: 'OPTIONS' }, { symbol: unpriced, investmentClass: 'OPTIONS' }]));
    expect(r.queued.sort()).toEqual(['IBM', priced, 'KO', unpriced].sort());
    const universe = await t.db.selectFrom('symbol_universe').select(['symbol', 'asset_type', 'name']).orderBy('symbol').execute();
    expect(universe).toEqual([
      { symbol: 'IBM', asset_type: 'equity', name: null },
      { symbol: priced, asset_type: 'option', name: 'IBM 2001-01-19 CALL 100' },
      { symbol: 'KO', asset_type: 'equity', name: null },
      { symbol: unpriced, asset_type: 'option', name: 'KO 2001-01-19 PUT 60' },
    ]);

    const summary = await runOnboardingWorker({ db: t.db, chain: chainOf(provider), once: true, concurrency: 2, settings: SETTINGS });
    expect(summary).toMatchObject({ claimed: 4, active: 4, failed: 0 });
    const rows = await t.db.selectFrom('symbol_universe').select(['symbol', 'status', 'status_reason', 'last_price_date', 'last_factor_date']).orderBy('symbol').execute();
    const by = Object.fromEntries(rows.map((x) => [x.symbol, x]));
    expect(by[priced]).toMatchObject({ status: 'active', status_reason: null, last_price_date: '2000-12-29', last_factor_date: null });
    expect(by[unpriced]).toMatchObject({ status: 'active', status_reason: NO_OPTION_PRICES_REASON, last_price_date: null });
    expect(by.IBM).toMatchObject({ status: 'active', last_factor_date: TODAY });
    // The option's 90% one-day drop is kept (no jump limit for premiums); no betas for options.
    const optionBars = await sql<{ n: number }>`select count(*)::int as n from market_data_cache where symbol = ${priced}`.execute(t.db);
    expect(optionBars.rows[0].n).toBe(4);
    const optionBetas = await sql<{ n: number }>`select count(*)::int as n from symbol_factor_exposures where symbol in (${priced}, ${unpriced})`.execute(t.db);
    expect(optionBetas.rows[0].n).toBe(0);
    // The provider was asked for the compact form of the padded symbol.
    expect(provider.fetches.get('KO010119P00060000')).toBe(1);

    // An option queued on its own brings its underlying into the queue when it is onboarded.
    await enqueueOnboarding(t.db, [{ symbol: 'XOM010119C00090000' }]);
    const claim = await claimOne(t.db);
    await onboardClaimed(t.db, chainOf(provider), claim, 'w1', SETTINGS);
    expect(await t.db.selectFrom('symbol_onboarding_queue').select(['symbol', 'status']).where('symbol', '=', 'XOM').execute()).toEqual([{ symbol: 'XOM', status: 'pending' }]);
  });

  it('skips private holdings with a reason: by investment class, by flag, and a private-looking symbol no provider knows', async () => {
    const r = await t.db.transaction().execute((trx) => enqueueSymbols(trx, [
      { symbol: 'ACME GROWTH FUND II', investmentClass: 'PRIVATE' },
      { symbol: 'HOUSE1', private: true },
      { symbol: 'PVT-WIDGETCO' },
    ]));
    expect(r.privateSymbols.sort()).toEqual(['ACME GROWTH FUND II', 'HOUSE1']);
    expect(r.queued).toEqual(['PVT-WIDGETCO']);
    const rows = await t.db.selectFrom('symbol_universe').select(['symbol', 'asset_type', 'status', 'is_active', 'status_reason']).where('asset_type', '=', 'private').orderBy('symbol').execute();
    expect(rows).toEqual([
      { symbol: 'ACME GROWTH FUND II', asset_type: 'private', status: 'active', is_active: false, status_reason: expect.stringMatching(/investment_class PRIVATE/) },
      { symbol: 'HOUSE1', asset_type: 'private', status: 'active', is_active: false, status_reason: expect.stringMatching(/marked private/) },
    ]);
    expect(await queueCounts(t.db)).toMatchObject({ pending: 1 });

    const claim = await claimOne(t.db);
    const outcome = await onboardClaimed(t.db, chainOf(new SeriesProvider(dj30)), claim, 'w1', SETTINGS);
    expect(outcome).toMatchObject({ symbol: 'PVT-WIDGETCO', status: 'private', reason: expect.stringMatching(/looks private/) });
    expect(await t.db.selectFrom('symbol_universe').select(['asset_type', 'status', 'is_active']).where('symbol', '=', 'PVT-WIDGETCO').executeTakeFirstOrThrow())
      .toEqual({ asset_type: 'private', status: 'active', is_active: false });
    expect(await queueCounts(t.db)).toMatchObject({ pending: 0, completed: 1 });
  });

  it('onboards Dow stocks: stores validated bars and the symbol batch\'s betas, the market beta matching a direct OLS on the files to 1e-8', async () => {
    const provider = new SeriesProvider(dj30);
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, DOW.map((symbol) => ({ symbol }))));
    const summary = await runOnboardingWorker({ db: t.db, chain: chainOf(provider), once: true, concurrency: 3, settings: SETTINGS });
    expect(summary).toMatchObject({ claimed: DOW.length, active: DOW.length, failed: 0, retried: 0, lost: 0 });

    for (const s of DOW) {
      const expectedDates = dj30.get(s)!.dates.filter((d) => d >= FROM && d <= TODAY);
      const stored = await sql<{ n: number; first: string; last: string; src: string }>`
        select count(*)::int as n, min(date)::text as first, max(date)::text as last, min(data_source) as src
        from market_data_cache where symbol = ${s}`.execute(t.db);
      expect(stored.rows[0]).toEqual({ n: expectedDates.length, first: expectedDates[0], last: expectedDates[expectedDates.length - 1], src: 'fake-series' });

      // The window: the last WINDOW + 1 dates every factor ETF has (the stock trades on all of them).
      const common = ETF_SERIES.SPY.dates.filter((d) => d <= TODAY && Object.values(ETF_SERIES).every((x) => x.dates.includes(d)));
      const direct = directOls(dj30.get(s)!, nyse, common.at(-WINDOW - 1)!, TODAY);
      const e = await t.db
        .selectFrom('symbol_factor_exposures as x')
        .innerJoin('factor_definitions as f', 'f.id', 'x.factor_id')
        .select(['f.name', 'x.beta_value', 'x.std_error', 'x.t_stat', 'x.r_squared', 'x.observations', 'x.window_days', 'x.calculation_method', 'x.calculation_date'])
        .where('x.symbol', '=', s)
        .execute();
      // The symbol batch's set: single-factor OLS (market, rates, oil), the style model by OLS and by ridge, the four spreads.
      expect(e.map((x) => x.calculation_method).sort()).toEqual([...Array(3).fill('ols_single'), ...Array(7).fill('ols_multifactor'), ...Array(7).fill('ridge'), ...Array(4).fill('spread_ols')].sort());
      const market = e.find((x) => x.name === 'market' && x.calculation_method === 'ols_single')!;
      expect(direct.n).toBe(WINDOW);
      expect(market).toMatchObject({ observations: WINDOW, window_days: WINDOW, calculation_date: TODAY });
      expect(Math.abs(market.beta_value - direct.beta), `${s} beta`).toBeLessThan(1e-8);
      expect(Math.abs(market.std_error! - direct.se)).toBeLessThan(1e-8);
      expect(Math.abs(market.r_squared! - direct.r2)).toBeLessThan(1e-8);
      expect(Math.abs(market.t_stat! - direct.t)).toBeLessThan(1e-5);
    }
    const ibm = await t.db.selectFrom('symbol_universe').selectAll().where('symbol', '=', 'IBM').executeTakeFirstOrThrow();
    expect(ibm).toMatchObject({ status: 'active', is_active: true, last_price_date: TODAY, last_factor_date: TODAY, consecutive_failures: 0, status_reason: null });
    expect(ibm.last_synced).toBeInstanceOf(Date);
    for (const s of DOW) expect(provider.fetches.get(s)).toBe(1);
  });

  it('stores the profile\'s market cap and P/E with its date, and the daily metrics carry them', async () => {
    const profile = { symbol: 'KO', name: 'Coca-Cola', sector: 'Consumer Staples', industry: 'Beverages', marketCap: 151_000_000_000, peRatio: 27.25, exchange: 'NYSE', assetType: 'stock' as const, currency: 'USD' };
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'KO' }]));
    const provider = new SeriesProvider(dj30, { profiles: { KO: profile } });
    expect(await onboardClaimed(t.db, chainOf(provider), await claimOne(t.db), 'w1', { ...SETTINGS, fetchProfile: true })).toMatchObject({ status: 'active' });
    const u = await t.db.selectFrom('symbol_universe').select(['name', 'sector', 'market_cap', 'pe_ratio', 'profile_date']).where('symbol', '=', 'KO').executeTakeFirstOrThrow();
    expect(u).toEqual({ name: 'Coca-Cola', sector: 'Consumer Staples', market_cap: 151_000_000_000, pe_ratio: 27.25, profile_date: TODAY });
    // On the profile's own day the ratio is 1.
    await refreshSymbolDailyMetrics(t.db, ['KO'], TODAY);
    expect(await t.db.selectFrom('symbol_daily_metrics').select(['market_cap', 'pe_ratio']).where('symbol', '=', 'KO').executeTakeFirstOrThrow())
      .toEqual({ market_cap: 151_000_000_000, pe_ratio: 27.25 });
  });

  it('activates without betas, and says why, when the factor ETFs have no prices', async () => {
    await sql`delete from market_data_cache where symbol = 'SPY'`.execute(t.db);
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'KO' }]));
    const outcome = await onboardClaimed(t.db, chainOf(new SeriesProvider(dj30)), await claimOne(t.db), 'w1', SETTINGS);
    expect(outcome).toMatchObject({ status: 'active', betas: 0, reason: expect.stringMatching(/^activated without factor betas: no prices for the factor ETF\(s\) SPY up to 2000-12-29/) });
    const u = await t.db.selectFrom('symbol_universe').select(['status', 'last_price_date', 'last_factor_date']).where('symbol', '=', 'KO').executeTakeFirstOrThrow();
    expect(u).toEqual({ status: 'active', last_price_date: TODAY, last_factor_date: null });
  });

  it('the worker stops gracefully on its signal: in-flight symbols finish, nothing stays claimed', async () => {
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, DOW.map((symbol) => ({ symbol }))));
    const stop = new AbortController();
    let done = 0;
    const summary = await runOnboardingWorker({
      db: t.db, chain: chainOf(new SeriesProvider(dj30, { delayMs: 5 })), concurrency: 2, idleSleepMs: 50, signal: stop.signal, settings: SETTINGS,
      onOutcome: () => {
        if (++done === 3) stop.abort();
      },
    });
    expect(summary.active).toBe(summary.claimed);
    expect(summary.claimed).toBeGreaterThanOrEqual(3);
    expect(summary.claimed).toBeLessThan(DOW.length);
    const counts = await queueCounts(t.db);
    expect(counts).toEqual({ pending: DOW.length - summary.claimed, processing: 0, completed: summary.claimed, failed: 0 });
  });

  it.runIf(serverUrl)('two workers on separate connection pools onboard 200 symbols, each exactly once', async () => {
    const names = [...dj30.keys()];
    const series = new Map<string, CloseSeriesInput>();
    for (let i = 0; i < 200; i++) {
      const base = dj30.get(names[i % names.length])!;
      series.set(`S${String(i).padStart(3, '0')}`, { dates: base.dates, values: Float64Array.from(base.values, (v) => v * (1 + i / 1000)) });
    }
    const provider = new SeriesProvider(series, { delayMs: 1 });
    await t.db.transaction().execute((trx) => enqueueSymbols(trx, [...series.keys()].map((symbol) => ({ symbol }))));
    const second: Database = await openDatabase({ databaseUrl: t.url!, maxConnections: 6 });
    try {
      const [a, b] = await Promise.all([
        runOnboardingWorker({ db: t.db, chain: chainOf(provider), workerId: 'worker-a', once: true, concurrency: 4, settings: SETTINGS }),
        runOnboardingWorker({ db: second.db, chain: chainOf(provider), workerId: 'worker-b', once: true, concurrency: 4, settings: SETTINGS }),
      ]);
      expect(a.active + b.active).toBe(200);
      expect(a.active).toBeGreaterThan(0);
      expect(b.active).toBeGreaterThan(0);
      expect(a.lost + b.lost + a.failed + b.failed + a.errors + b.errors).toBe(0);
    } finally {
      await second.close();
    }
    expect([...provider.fetches.keys()].sort()).toEqual([...series.keys()].sort());
    expect([...provider.fetches.values()].every((n) => n === 1)).toBe(true);
    expect(await queueCounts(t.db)).toEqual({ pending: 0, processing: 0, completed: 200, failed: 0 });
    const dup = await sql<{ n: number }>`select count(*)::int as n from (select symbol from symbol_factor_exposures group by symbol, factor_id, calculation_method, window_days, calculation_date having count(*) > 1) d`.execute(t.db);
    expect(dup.rows[0].n).toBe(0);
    const total = await sql<{ n: number; symbols: number }>`select count(*)::int as n, count(distinct symbol)::int as symbols from symbol_factor_exposures`.execute(t.db);
    expect(total.rows[0]).toEqual({ n: 200 * 21, symbols: 200 });
    const owners = await sql<{ locked_by: string | null; n: number }>`select locked_by, count(*)::int as n from symbol_onboarding_queue group by locked_by`.execute(t.db);
    expect(owners.rows).toEqual([{ locked_by: null, n: 200 }]);
  });
});
