/**
 * Symbol onboarding benchmark: our own time per symbol (claim, validation, bars upsert, 9-factor OLS
 * betas, universe and queue updates, one transaction) with an in-process provider, so provider
 * latency is ~0 and what is measured is SigmaSight's part. Target (issue 4): under 1 s per symbol.
 *
 * Data: the synthetic demo market (two years of OHLCV bars for the 9 factor ETFs and ~60 stocks,
 * each stock also served under 3 more names with scaled prices, so 4x as many symbols).
 * Engine: in-memory PGlite, or PostgreSQL when DATABASE_URL is set (a scratch database is created
 * on that server and dropped afterwards).
 * Run: npx tsx bench/onboarding.bench.ts   (or DATABASE_URL=postgres://... npx tsx bench/onboarding.bench.ts)
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrator.js';
import { demoSymbols } from '../src/demo/demo-universe.js';
import { generateMarket } from '../src/demo/synthetic-market.js';
import { claimOnboardingBatch } from '../src/market-data/onboarding-queue.repository.js';
import { runOnboardingWorker } from '../src/market-data/onboarding-worker.js';
import { enqueueSymbols, onboardClaimed } from '../src/market-data/onboarding.service.js';
import { upsertBars } from '../src/market-data/prices.repository.js';
import { createFallbackChain } from '../src/market-data/providers/fallback-chain.js';
import { capabilities, unsupported, type MarketDataProvider } from '../src/market-data/providers/provider.js';
import { addDays } from '../src/market-data/trading-calendar.js';
import { MarketDataError, type DailyBar } from '../src/market-data/types.js';

const THROUGH = '2026-11-20';
const HISTORY_DAYS = 730;
const FROM = addDays(THROUGH, -HISTORY_DAYS);
const ETFS = ['SPY', 'MTUM', 'VTV', 'VUG', 'QUAL', 'IWM', 'SPLV', 'TLT', 'USO'];
const COPIES = ['', 'B', 'C', 'D'];

const market = generateMarket(THROUGH);
const stocks = demoSymbols().filter((s) => !ETFS.includes(s) && s !== 'QQQ');
/** Served name -> the stock it copies and the price scale. */
const SERVED = new Map(stocks.flatMap((base) => COPIES.map((c, i) => [copyName(base, c), { base, scale: 1 + i * 0.01 }] as const)));

function copyName(base: string, copy: string): string {
  return copy ? `${base}-${copy}${copy}` : base;
}

/** In-process provider: the synthetic bars, under the stock's name and its scaled copies. */
class InProcessProvider implements MarketDataProvider {
  readonly name = 'bench';
  readonly capabilities = capabilities('dailyBars');
  providerMs = 0;
  isAvailable() {
    return true;
  }
  async dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]> {
    const t0 = performance.now();
    const served = SERVED.get(symbol);
    const bars = served && market.bars.get(served.base);
    if (!served || !bars) throw new MarketDataError('NOT_FOUND', `bench: unknown ${symbol}`, { provider: 'bench', symbol });
    const r = (v: number) => Math.round(v * served.scale * 10_000) / 10_000;
    const out = bars
      .filter((b) => b.date >= from && b.date <= to)
      .map((b) => ({ symbol, date: b.date, open: r(b.open), high: r(b.high), low: r(b.low), close: r(b.close), adjClose: r(b.adjustedClose), volume: b.volume, adjustment: 'split' as const }));
    this.providerMs += performance.now() - t0;
    return out;
  }
  quote(s: string): never {
    throw unsupported(this.name, 'quote', s);
  }
  profile(s: string): never {
    throw unsupported(this.name, 'profile', s);
  }
  corporateActions(s: string): never {
    throw unsupported(this.name, 'corporateActions', s);
  }
}

async function openBenchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) return { database: await openDatabase({ dataDir: 'memory' }), drop: async () => {} };
  const name = `sigmasight_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { database: await openDatabase({ databaseUrl: u.toString(), maxConnections: 8 }), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const { database, drop } = await openBenchDatabase();
const db = database.db;
try {
  await migrate(db);
  const etfBars = ETFS.flatMap((s) => market.bars.get(s)!.filter((b) => b.date >= FROM).map((b) => ({
    symbol: s, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjustedClose: b.adjustedClose, volume: b.volume, dataSource: 'bench',
  })));
  await db.transaction().execute((trx) => upsertBars(trx, etfBars));
  const provider = new InProcessProvider();
  const chain = createFallbackChain([provider]);
  const settings = { today: THROUGH, historyDays: HISTORY_DAYS, fetchProfile: false };

  const sequential = stocks.flatMap((s) => COPIES.slice(0, 2).map((c) => copyName(s, c)));
  await db.transaction().execute((trx) => enqueueSymbols(trx, sequential.map((symbol) => ({ symbol }))));
  // Warm-up (JIT, plan caches): two symbols not counted.
  for (let i = 0; i < 2; i++) {
    const [c] = await claimOnboardingBatch(db, { workerId: 'bench', limit: 1, leaseMs: 60_000 });
    await onboardClaimed(db, chain, c, 'bench', settings);
  }
  const perSymbol: number[] = [];
  const claimMs: number[] = [];
  let betas = 0;
  for (;;) {
    const t0 = performance.now();
    const [c] = await claimOnboardingBatch(db, { workerId: 'bench', limit: 1, leaseMs: 60_000 });
    const t1 = performance.now();
    if (!c) break;
    const before = provider.providerMs;
    const outcome = await onboardClaimed(db, chain, c, 'bench', settings);
    const t2 = performance.now();
    if (outcome.status !== 'active') throw new Error(`${c.symbol}: ${JSON.stringify(outcome)}`);
    betas += outcome.betas;
    claimMs.push(t1 - t0);
    perSymbol.push(t2 - t1 - (provider.providerMs - before));
  }
  perSymbol.sort((a, b) => a - b);
  claimMs.sort((a, b) => a - b);
  const bars = market.bars.get(stocks[0])!.filter((b) => b.date >= FROM).length;
  console.log(`onboarding, ${database.engine}, node ${process.version}: ${perSymbol.length} symbols x ${bars} bars, ${ETFS.length}-factor OLS (${betas} betas stored)`);
  const fmt = (label: string, xs: number[]) =>
    console.log(`${label.padEnd(58)} median ${pct(xs, 0.5).toFixed(1).padStart(6)} ms   p95 ${pct(xs, 0.95).toFixed(1).padStart(6)} ms   max ${xs[xs.length - 1].toFixed(1).padStart(6)} ms`);
  fmt('onboardClaimed per symbol (provider time excluded)', perSymbol);
  fmt('claimOnboardingBatch (limit 1)', claimMs);

  // Throughput: the worker loop with 4 symbols in flight.
  const parallel = stocks.flatMap((s) => COPIES.slice(2).map((c) => copyName(s, c)));
  await db.transaction().execute((trx) => enqueueSymbols(trx, parallel.map((symbol) => ({ symbol }))));
  const t0 = performance.now();
  const summary = await runOnboardingWorker({ db, chain, once: true, concurrency: 4, settings });
  const ms = performance.now() - t0;
  console.log(`${`worker --once, concurrency 4: ${summary.active} symbols`.padEnd(58)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / summary.active).toFixed(1)} ms/symbol`);
} finally {
  await database.close();
  await drop();
}
