/**
 * The portfolio refresh in this process, without the queue: N portfolios of the benchmark universe
 * (bench/portfolio-universe.ts) refreshed for one day in chunks of PORTFOLIO_CHUNK_SIZE, RUNS times
 * (the first writes a new day, later runs replace it). For profiling the refresh itself:
 * `node --cpu-prof --import tsx bench/portfolio-refresh-inprocess.bench.ts 400`.
 *
 * Run: npx tsx bench/portfolio-refresh-inprocess.bench.ts [portfolios=200] [runs=2] (PostgreSQL as
 * bench/server-database.ts says).
 */
import { performance } from 'node:perf_hooks';
import { withServerDatabase } from './server-database.js';
import { BENCH_DATE, buildPortfolioUniverse } from './portfolio-universe.js';
import { PORTFOLIO_CHUNK_SIZE } from '../src/batch/queues.js';
import { portfoliosToRefresh, refreshPortfolios } from '../src/batch/portfolio/portfolio-refresh.js';
const N = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 2);
await withServerDatabase(async (database) => {
  const db = database.db;
  await buildPortfolioUniverse(db, N);
  const ids = await portfoliosToRefresh(db, BENCH_DATE);
  for (let run = 1; run <= RUNS; run++) {
    const t0 = performance.now();
    let failed = 0;
    for (let i = 0; i < ids.length; i += PORTFOLIO_CHUNK_SIZE) failed += (await refreshPortfolios(db, ids.slice(i, i + PORTFOLIO_CHUNK_SIZE), BENCH_DATE, { riskFreeRate: 0.04 })).failed.length;
    console.log(`run ${run}: ${ids.length} portfolios, ${failed} failed, ${((performance.now() - t0) / ids.length).toFixed(1)} ms per portfolio`);
  }
});
