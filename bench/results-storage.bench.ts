/**
 * Where a refreshed day's bytes go: N portfolios of the benchmark universe (bench/portfolio-universe.ts)
 * refreshed for one day in this process, then per results table its rows, heap, index and TOAST
 * bytes (after VACUUM), and the average stored size of each column (pg_column_size). For choosing
 * what to compact; bench/portfolio-refresh.bench.ts measures the targets themselves.
 *
 * Run: npx tsx bench/results-storage.bench.ts [portfolios=300] (PostgreSQL as bench/server-database.ts says).
 */
import { sql } from 'kysely';
import { portfoliosToRefresh, refreshPortfolios } from '../src/batch/portfolio/portfolio-refresh.js';
import { PORTFOLIO_CHUNK_SIZE } from '../src/batch/queues.js';
import { BENCH_DATE, buildPortfolioUniverse } from './portfolio-universe.js';
import { withServerDatabase } from './server-database.js';

const N = Number(process.argv[2] ?? 300);
const TABLES = ['portfolio_snapshots', 'position_greeks', 'position_factor_exposures', 'portfolio_factor_exposures', 'portfolio_correlation_matrices',
  'stress_test_results', 'portfolio_var_results', 'position_var_contributions', 'portfolio_analytics_cache'];

await withServerDatabase(async (database) => {
  const db = database.db;
  await buildPortfolioUniverse(db, N);
  const ids = await portfoliosToRefresh(db, BENCH_DATE);
  for (let i = 0; i < ids.length; i += PORTFOLIO_CHUNK_SIZE) {
    const r = await refreshPortfolios(db, ids.slice(i, i + PORTFOLIO_CHUNK_SIZE), BENCH_DATE, { riskFreeRate: 0.04 });
    if (r.failed.length > 0) throw new Error(`${r.failed.length} portfolios failed`);
  }
  await sql`vacuum analyze`.execute(db);
  const kb = (x: number) => (x / 1024).toFixed(0).padStart(7);
  console.log(`${N} portfolios, one day; bytes per portfolio-day in brackets`);
  console.log('table'.padEnd(32) + '   rows    heap kB   index kB    toast kB    total kB');
  let total = 0;
  for (const t of TABLES) {
    const r = (await sql<{ rows: string; heap: string; idx: string; toast: string; all: string }>`
      select (select count(*) from ${sql.id(t)})::text as rows, pg_relation_size(c.oid)::text as heap, pg_indexes_size(c.oid)::text as idx,
        (pg_total_relation_size(c.oid) - pg_relation_size(c.oid) - pg_indexes_size(c.oid))::text as toast, pg_total_relation_size(c.oid)::text as all
      from pg_class c where c.relname = ${t}`.execute(db)).rows[0];
    total += Number(r.all);
    console.log(`${t.padEnd(32)}${r.rows.padStart(7)} ${kb(Number(r.heap))}    ${kb(Number(r.idx))}     ${kb(Number(r.toast))}     ${kb(Number(r.all))}  [${(Number(r.all) / N).toFixed(0)} B]`);
    const cols = (await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = ${t} order by ordinal_position`.execute(db)).rows;
    const avg = (await sql<Record<string, string>>`select ${sql.join(cols.map((c) => sql`coalesce(avg(pg_column_size(${sql.id(c.column_name)})), 0)::int::text as ${sql.id(c.column_name)}`))} from ${sql.id(t)}`.execute(db)).rows[0];
    console.log('    ' + cols.map((c) => `${c.column_name} ${avg[c.column_name]}`).join(', '));
  }
  console.log(`total ${kb(total)} kB, ${(total / N).toFixed(0)} B per portfolio-day`);
});
