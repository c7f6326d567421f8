/**
 * Symbol batch benchmark (issue 8): factor exposures (phase 2), factor covariance (phase 3) and the
 * symbols' daily metrics (phase 4) for 5,000 symbols x 504 trading days plus the nine factor ETFs,
 * on PostgreSQL, database reads and writes included. Target: phases 2-4 under 30 s, peak RSS under
 * 1 GB per process.
 *
 * The prices follow a factor model (each stock: its betas times the ETFs' returns plus noise, as the
 * demo generator does), so the fits do real work; they are loaded with COPY before timing starts.
 *
 * Run: npx tsx bench/symbol-batch.bench.ts [symbols=5000]
 * PostgreSQL: postgres://postgres@127.0.0.1:5432 (BENCH_DATABASE_URL overrides); a database named
 * sigmasight_bench_<random> is created and dropped.
 */
import { loadavg } from 'node:os';
import { createRng } from '../src/analytics/random.js';
import { refreshFactorCovariance } from '../src/batch/symbol/factor-covariance.js';
import { refreshSymbolDailyMetrics } from '../src/batch/symbol/daily-metrics.js';
import { refreshFactorExposures } from '../src/batch/symbol/factor-exposures.js';
import { insertNewBars, type StoredBar } from '../src/market-data/prices.repository.js';
import { ETFS, factorMarket } from './factor-market.js';
import { tradingDays } from '../src/market-data/trading-calendar.js';
import { withServerDatabase } from './server-database.js';

const SYMBOLS = Number(process.argv[2] ?? 5_000);
const DATE = '2024-12-31';
const DATES = tradingDays('2022-01-03', DATE).slice(-505); // 504 returns

const load = () => loadavg()[0].toFixed(1);
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

await withServerDatabase(async (database) => {
  // Prices: ETF returns ~ market + own noise; stock returns = betas . ETF returns + noise (bench/factor-market.ts).
  const rng = createRng(42);
  const n = DATES.length;
  const market = factorMarket(rng, DATES);
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `S${String(i).padStart(5, '0')}`);
  let started = Date.now();
  await database.db.transaction().execute(async (trx) => {
    await insertNewBars(trx, market.etfBars());
  });
  for (let i = 0; i < SYMBOLS; i += 250) {
    const chunk: StoredBar[] = [];
    for (const s of symbols.slice(i, i + 250)) market.stock().forEach((p, t) => chunk.push(market.bar(s, t, p)));
    await database.db.transaction().execute((trx) => insertNewBars(trx, chunk));
  }
  await database.db.insertInto('symbol_universe').values(symbols.map((symbol) => ({ symbol, status: 'active' as const, added_source: 'admin' as const }))).execute();
  console.log(`loaded ${SYMBOLS + ETFS.length} symbols x ${n} days in ${((Date.now() - started) / 1000).toFixed(1)} s (not timed below); load ${load()}`);

  const rssBefore = process.resourceUsage().maxRSS;
  let before = load();
  started = Date.now();
  const exposures = await refreshFactorExposures(database.db, symbols, DATE, { windowDays: 504 });
  const phase2 = (Date.now() - started) / 1000;
  if (!exposures.ok) throw new Error(exposures.reason);
  console.log(`phase 2 factor exposures: ${SYMBOLS} symbols x 504 returns, ${exposures.rowsWritten.toLocaleString('en-US')} rows   ${phase2.toFixed(2)} s   load ${before} -> ${load()}`);
  before = load();
  started = Date.now();
  const covariance = await refreshFactorCovariance(database.db, DATE, { lookbackDays: 504 });
  const phase3 = (Date.now() - started) / 1000;
  if (!covariance.ok) throw new Error(covariance.reason);
  console.log(`phase 3 factor covariance: ${covariance.factors} factors, ${covariance.rowsWritten} rows   ${phase3.toFixed(2)} s   load ${before} -> ${load()}`);
  before = load();
  started = Date.now();
  const metrics = await refreshSymbolDailyMetrics(database.db, [...symbols, ...ETFS], DATE);
  const phase4 = (Date.now() - started) / 1000;
  if (metrics.withoutPrice.length > 0) throw new Error(`no bar on ${DATE}: ${metrics.withoutPrice.slice(0, 5).join(', ')}`);
  console.log(`phase 4 daily metrics: ${metrics.rowsWritten.toLocaleString('en-US')} rows   ${phase4.toFixed(2)} s   load ${before} -> ${load()}`);
  console.log(`phases 2-4: ${(phase2 + phase3 + phase4).toFixed(2)} s; peak RSS ${mb(process.resourceUsage().maxRSS)} (${mb(rssBefore)} after loading the prices)`);
}, { maxConnections: 4 });
