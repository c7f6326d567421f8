/**
 * The portfolio refresh in this process, without the queue, on N portfolios of the benchmark universe
 * (bench/portfolio-universe.ts) for one day. The first pass times each step of `refreshPortfolio`
 * (the same calls, one portfolio at a time, chunks of PORTFOLIO_CHUNK_SIZE); further passes run
 * `refreshPortfolios` itself over D again (replacing its rows). For profiling the refresh:
 * `node --cpu-prof --import tsx bench/portfolio-refresh-inprocess.bench.ts 1000 1`.
 *
 * Run: npx tsx bench/portfolio-refresh-inprocess.bench.ts [portfolios=200] [passes=2] (PostgreSQL as
 * bench/server-database.ts says).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { portfolioRisk } from '../src/analytics/portfolio-risk.js';
import { loadPortfolioRiskInput, loadSymbolInputs, sharedInputs, symbolsOfPortfolios } from '../src/batch/portfolio/portfolio-inputs.repository.js';
import { portfoliosToRefresh, positionsHash, refreshPortfolios } from '../src/batch/portfolio/portfolio-refresh.js';
import { storePortfolioResults } from '../src/batch/portfolio/portfolio-results.repository.js';
import { PORTFOLIO_CHUNK_SIZE } from '../src/batch/queues.js';
import { BENCH_DATE, buildPortfolioUniverse } from './portfolio-universe.js';
import { postgresCpuSeconds, withServerDatabase } from './server-database.js';

const N = Number(process.argv[2] ?? 200);
const PASSES = Number(process.argv[3] ?? 2);
const settings = { riskFreeRate: 0.04 };

await withServerDatabase(async (database) => {
  const db = database.db;
  await buildPortfolioUniverse(db, N);
  await sql`vacuum analyze`.execute(db);
  const ids = await portfoliosToRefresh(db, BENCH_DATE);
  const per = (ms: number) => (ms / ids.length).toFixed(1);

  const t = { 'symbol inputs': 0, lock: 0, reads: 0, compute: 0, store: 0, commit: 0 };
  const cpuPer = () => {
    const at = { node: process.cpuUsage(), pg: postgresCpuSeconds() };
    return () => {
      const node = process.cpuUsage(at.node);
      return `CPU per portfolio: this process ${per((node.user + node.system) / 1000)} ms, PostgreSQL ${per((postgresCpuSeconds() - at.pg) * 1000)} ms`;
    };
  };
  let cpu = cpuPer();
  const t0 = performance.now();
  for (let c = 0; c < ids.length; c += PORTFOLIO_CHUNK_SIZE) {
    const chunk = ids.slice(c, c + PORTFOLIO_CHUNK_SIZE);
    let a = performance.now();
    const shared = await sharedInputs(db, BENCH_DATE);
    await loadSymbolInputs(db, shared, await symbolsOfPortfolios(db, chunk, BENCH_DATE));
    t['symbol inputs'] += performance.now() - a;
    for (const id of chunk) {
      let end = 0;
      await db.transaction().execute(async (trx) => {
        a = performance.now();
        await sql`set local synchronous_commit = off`.execute(trx);
        const p = await trx.selectFrom('portfolios').select(['id', 'equity_balance']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
        let b = performance.now(); t.lock += b - a; a = b;
        const { input, changedAt, stored } = await loadPortfolioRiskInput(trx, { id, equityBalance: p.equity_balance }, BENCH_DATE, settings, shared);
        b = performance.now(); t.reads += b - a; a = b;
        const r = portfolioRisk(input);
        b = performance.now(); t.compute += b - a; a = b;
        await storePortfolioResults(trx, id, r, { hash: positionsHash(input.positions), changedAt, factorIds: shared.factorIds, stored });
        end = performance.now(); t.store += end - a;
      });
      t.commit += performance.now() - end;
    }
  }
  console.log(`pass 1 (new day, by step): ${ids.length} portfolios, ${per(performance.now() - t0)} ms per portfolio: ` +
    Object.entries(t).map(([k, v]) => `${k} ${per(v)}`).join(', ') + `; ${cpu()}`);

  for (let pass = 2; pass <= PASSES; pass++) {
    cpu = cpuPer();
    const s0 = performance.now();
    let failed = 0;
    for (let i = 0; i < ids.length; i += PORTFOLIO_CHUNK_SIZE) failed += (await refreshPortfolios(db, ids.slice(i, i + PORTFOLIO_CHUNK_SIZE), BENCH_DATE, settings)).failed.length;
    console.log(`pass ${pass} (refreshPortfolios, replacing the day): ${ids.length} portfolios, ${failed} failed, ${per(performance.now() - s0)} ms per portfolio; ${cpu()}`);
  }
});
