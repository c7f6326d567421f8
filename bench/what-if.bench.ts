/**
 * What-if benchmark (issue 10): a session on a 100-position portfolio with 10 trades answers in
 * under 100 ms at p95.
 *
 * Setup (not timed): a fresh PostgreSQL database, the demo seeded and the batch run for one day
 * (the built CLI), then in process: a 100-position book (two lots of each of 50 demo stocks, one
 * stock in five with its second lot short), refreshed for the day.
 * Timed through the real HTTP server (inject): adding 10 trades one by one (each recomputes the
 * "after" with all trades so far), reading the session, and resizing trades of the 10-trade session.
 *
 * Run: npm run build && npx tsx bench/what-if.bench.ts [rounds=30]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { buildServer } from '../src/api/server.js';
import { refreshPortfolio } from '../src/batch/portfolio/portfolio-refresh.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { packageRoot } from '../src/package-root.js';
import { VERSION } from '../src/version.js';
import { withServerDatabase } from './server-database.js';

const ROUNDS = Number(process.argv[2] ?? 30);
const TODAY = '2026-12-04';
const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}`))));
  });
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const stats = (xs: number[]) => `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

await withServerDatabase(async (database, url) => {
  const env = { ...process.env, DATABASE_URL: url, MARKET_DATA_PROVIDERS: 'synthetic', LOG_LEVEL: 'warn', SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-whatif-bench-')) };
  await cli(['demo', 'seed', '--today', TODAY], env);
  await cli(['batch', 'run', '--date', TODAY, '--json'], env);
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent', DATABASE_URL: url });
  const app = await buildServer({ database, config, logger: createLogger(config), version: VERSION });
  try {
    const login = (await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'demo_balanced', password: 'demo123' } })).json();
    const headers = { authorization: `Bearer ${login.access_token}` };
    const stocks = (await database.db.selectFrom('symbol_universe').select('symbol').where('asset_type', '=', 'equity').where('status', '=', 'active').orderBy('symbol').limit(60).execute()).map((r) => r.symbol);
    const book = (await app.inject({ method: 'POST', url: '/api/v1/portfolios', headers, payload: { name: 'Bench 100', equity_balance: 5_000_000 } })).json();
    const lots = stocks.slice(0, 50).flatMap((symbol, i) => [
      { symbol, quantity: 100 + i, entry_price: 50, entry_date: '2026-06-01' },
      { symbol, quantity: i % 5 === 0 ? -(60 + i) : 40 + i, entry_price: 55, entry_date: '2026-09-01' },
    ]);
    const bulk = await app.inject({ method: 'POST', url: `/api/v1/portfolios/${book.id}/positions/bulk`, headers, payload: { positions: lots } });
    if (bulk.statusCode !== 201) throw new Error(`bulk: ${bulk.body}`);
    const refreshed = await refreshPortfolio(database.db, book.id, TODAY, { riskFreeRate: config.batch.riskFreeRate });
    if (refreshed.status !== 'refreshed') throw new Error(`refresh: ${JSON.stringify(refreshed)}`);

    const add: number[] = [], read: number[] = [], resize: number[] = [], open: number[] = [];
    const time = async (into: number[], f: () => Promise<{ statusCode: number; body: string }>) => {
      const t0 = performance.now();
      const r = await f();
      into.push(performance.now() - t0);
      if (r.statusCode >= 300) throw new Error(r.body);
      return JSON.parse(r.body);
    };
    const extra = stocks.slice(50, 60);
    for (let round = 0; round < ROUNDS; round++) {
      const session = await time(open, () => app.inject({ method: 'POST', url: `/api/v1/portfolios/${book.id}/what-if`, headers, payload: { name: `round ${round}` } }));
      let last = session;
      for (let k = 0; k < 10; k++) {
        const trade = k < 7 ? { symbol: extra[k]!, quantity: (k % 2 ? -1 : 1) * (100 + k) } : { symbol: stocks[k]!, quantity: -50 };
        last = await time(add, () => app.inject({ method: 'POST', url: `/api/v1/what-if/${session.id}/trades`, headers, payload: trade }));
      }
      if (last.trades.length !== 10 || Object.keys(last.after.positions).length !== 110) throw new Error('the session does not hold 100 positions and 10 trades');
      for (let k = 0; k < 3; k++) await time(read, () => app.inject({ url: `/api/v1/what-if/${session.id}`, headers }));
      await time(resize, () => app.inject({ method: 'PATCH', url: `/api/v1/what-if/${session.id}/trades/${last.trades[round % 10].id}`, headers, payload: { quantity: 333 } }));
      await app.inject({ method: 'POST', url: `/api/v1/what-if/${session.id}/cancel`, headers });
    }
    console.log(`what-if on a 100-position book, ${ROUNDS} sessions of 10 trades; load ${loadavg()[0].toFixed(1)}`);
    console.log(`open a session:          ${stats(open)}`);
    console.log(`add a trade (1-10 held): ${stats(add)}`);
    console.log(`read the session:        ${stats(read)}`);
    console.log(`resize (10 trades held): ${stats(resize)}`);
  } finally {
    await app.close();
  }
});
