/**
 * Price ingest benchmark: 2,500,000 daily bars (5,000 symbols x 500 trading days) into a fresh
 * PostgreSQL database, and a smaller count into in-memory PGlite. Target (issue 4): 200,000 rows/s
 * or more on PostgreSQL.
 *
 * Each path is timed into an empty market_data_cache:
 * - writeBars, 10 symbols (5,000 rows) per transaction, 3 transactions in flight: the write path of
 *   the sync and the import. Every bar is new, so all go through insertNewBars: one
 *   COPY ... FROM STDIN stream per transaction on PostgreSQL, INSERT ... SELECT FROM unnest on PGlite.
 * - insertNewBars over INSERT ... unnest (PostgreSQL only): the same bars through a pool without
 *   the lending client, so withPgClient returns null and the portable path runs; the COPY
 *   path's reference in the same run, on the same machine load.
 * - upsertBars (INSERT ... ON CONFLICT DO UPDATE from unnest) for every bar, for comparison.
 * - syncMarketData end to end with an in-process provider (validation, corporate actions,
 *   one transaction per symbol with its universe row, 4 symbols in flight).
 * Each line gives the 1-minute load average before and after it (the machine may be shared).
 *
 * Run: npx tsx bench/ingest.bench.ts [symbols=5000] [pgliteSymbols=500]
 * PostgreSQL: postgres://postgres@127.0.0.1:5432 (BENCH_DATABASE_URL overrides); a database named
 * sigmasight_bench_<random> is created and dropped.
 */
import { loadavg } from 'node:os';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrator.js';
import { insertNewBars, upsertBars, writeBars, type StoredBar } from '../src/market-data/prices.repository.js';
import { createFallbackChain } from '../src/market-data/providers/fallback-chain.js';
import { capabilities, unsupported, type MarketDataProvider } from '../src/market-data/providers/provider.js';
import { syncMarketData } from '../src/market-data/sync.js';
import { tradingDays } from '../src/market-data/trading-calendar.js';
import type { DB } from '../src/db/schema.js';
import type { DailyBar } from '../src/market-data/types.js';
import { withServerDatabase } from './server-database.js';

const SYMBOLS = Number(process.argv[2] ?? 5_000);
const PGLITE_SYMBOLS = Number(process.argv[3] ?? 500);
const TODAY = '2024-12-31';
const DATES = tradingDays('2023-01-03', TODAY).slice(-500);
const SYMBOLS_PER_TRANSACTION = 10;

/** Deterministic bars: a wave around a per-symbol level, as traded. */
function barsFor(symbol: string, index: number): DailyBar[] {
  const level = 20 + (index % 200);
  return DATES.map((date, t) => {
    const close = Math.round(level * (1 + 0.05 * Math.sin(t / 7 + index)) * 100) / 100;
    return { symbol, date, open: close, high: Math.round(close * 101) / 100, low: Math.round(close * 99) / 100, close, adjClose: close, volume: 100_000 + t, adjustment: 'raw' };
  });
}

const symbolName = (i: number) => `S${String(i).padStart(5, '0')}`;

class BenchProvider implements MarketDataProvider {
  readonly name = 'bench';
  readonly capabilities = capabilities('dailyBars', 'corporateActions');
  private readonly index = new Map<string, number>();
  constructor(symbols: number) {
    for (let i = 0; i < symbols; i++) this.index.set(symbolName(i), i);
  }
  isAvailable() {
    return true;
  }
  async dailyBars(symbol: string, from: string, to: string) {
    return barsFor(symbol, this.index.get(symbol)!).filter((b) => b.date >= from && b.date <= to);
  }
  async corporateActions() {
    return { splits: [], dividends: [] };
  }
  quote(symbol: string): Promise<never> {
    return Promise.reject(unsupported(this.name, 'quote', symbol));
  }
  profile(symbol: string): Promise<never> {
    return Promise.reject(unsupported(this.name, 'profile', symbol));
  }
}

async function bulk(database: Pick<Database, 'db'>, symbols: number, write: typeof writeBars, inFlight = 3): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    for (let s = next; s < symbols; s = next) {
      next += SYMBOLS_PER_TRANSACTION;
      const rows: StoredBar[] = [];
      for (let i = s; i < Math.min(symbols, s + SYMBOLS_PER_TRANSACTION); i++) {
        for (const b of barsFor(symbolName(i), i)) rows.push({ symbol: b.symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close, adjustedClose: b.adjClose, volume: b.volume, dataSource: 'bench' });
      }
      await database.db.transaction().execute((trx) => write(trx, rows));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - t0;
}

async function sync(database: Database, symbols: number): Promise<number> {
  await database.db.insertInto('symbol_universe').values(Array.from({ length: symbols }, (_, i) => ({ symbol: symbolName(i), status: 'active' as const, added_source: 'admin' as const }))).execute();
  const t0 = performance.now();
  const r = await syncMarketData(database.db, createFallbackChain([new BenchProvider(symbols)]), {
    today: TODAY, historyStart: DATES[0], concurrency: 4, now: () => new Date(`${TODAY}T22:00:00Z`),
  });
  const ms = performance.now() - t0;
  if (r.synced !== symbols || r.barsRejected !== 0) throw new Error(`sync: ${r.synced}/${symbols} synced, ${r.barsRejected} rejected`);
  return ms;
}

async function count(database: Database): Promise<number> {
  return Number((await database.db.selectFrom('market_data_cache').select(database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

const load = () => loadavg()[0].toFixed(1);

function report(label: string, rows: number, ms: number, loadBefore: string): void {
  console.log(`${label.padEnd(60)} ${rows.toLocaleString('en-US').padStart(10)} rows  ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(rows / (ms / 1000)).toLocaleString('en-US').padStart(8)} rows/s   load ${loadBefore} -> ${load()}`);
}

/** The same database through a plain pg pool: no lending client, so insertNewBars takes INSERT ... unnest. */
async function withPlainPool(url: string, run: (plain: Pick<Database, 'db'>) => Promise<void>): Promise<void> {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8 }) }) });
  try {
    await run({ db });
  } finally {
    await db.destroy();
  }
}

async function withPglite(run: (d: Database) => Promise<void>): Promise<void> {
  const d = await openDatabase({ dataDir: 'memory' });
  try {
    await migrate(d.db);
    await run(d);
  } finally {
    await d.close();
  }
}

console.log(`price ingest: ${DATES.length} trading days per symbol (${DATES[0]}..${TODAY}), node ${process.version}`);
for (const [engine, symbols, open] of [['postgres', SYMBOLS, withServerDatabase], ['pglite', PGLITE_SYMBOLS, withPglite]] as const) {
  const rows = symbols * DATES.length;
  await open(async (d) => {
    const l = load();
    const ms = await bulk(d, symbols, writeBars);
    if ((await count(d)) !== rows) throw new Error('bulk: row count mismatch');
    report(`${engine} writeBars${engine === 'postgres' ? ' (COPY)' : ' (unnest)'}, 3 in flight (${symbols} symbols)`, rows, ms, l);
  });
  if (engine === 'postgres') {
    await open(async (d, url) => {
      await withPlainPool(url!, async (plain) => {
        const l = load();
        const ms = await bulk(plain, symbols, insertNewBars);
        if ((await count(d)) !== rows) throw new Error('insert: row count mismatch');
        report(`${engine} insertNewBars (unnest), 3 in flight (${symbols} symbols)`, rows, ms, l);
      });
    });
  }
  await open(async (d) => {
    const l = load();
    const ms = await bulk(d, symbols, upsertBars);
    if ((await count(d)) !== rows) throw new Error('upsert: row count mismatch');
    report(`${engine} upsertBars, 3 in flight (${symbols} symbols)`, rows, ms, l);
  });
  await open(async (d) => {
    const l = load();
    const ms = await sync(d, symbols);
    if ((await count(d)) !== rows) throw new Error('sync: row count mismatch');
    report(`${engine} syncMarketData (${symbols} symbols)`, rows, ms, l);
  });
}
