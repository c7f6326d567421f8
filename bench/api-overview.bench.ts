/**
 * API benchmark (issue 9): GET /api/v1/portfolios/{id}/overview of a demo portfolio, with a bearer
 * token, on PostgreSQL, while a batch runs with one worker. Target: 2,000 requests a second or
 * more with p99 under 20 ms and zero errors.
 *
 * Setup (not timed): a fresh database, the demo seeded, the batch run for the last 5 trading days
 * so the overview has results. Then `sigmasight serve` (the built command, its own process) and,
 * beside it, `sigmasight batch run` over the 60 trading days before (symbols and portfolios, one
 * worker: the batch command works its own jobs), while autocannon loads the overview for 15 s.
 *
 * Run: npm run build && npx tsx bench/api-overview.bench.ts [connections=20] [seconds=15]
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../src/package-root.js';
import { tradingDays } from '../src/market-data/trading-calendar.js';
import { withServerDatabase } from './server-database.js';

const CONNECTIONS = Number(process.argv[2] ?? 20);
const SECONDS = Number(process.argv[3] ?? 15);
const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const TODAY = '2026-12-04';
const PORT = 8765;

const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((c) => { try { process.kill(-c.pid!, 'SIGKILL'); } catch { /* gone */ } }));
function run(args: string[], env: NodeJS.ProcessEnv, wait = true): Promise<number> & { child: ChildProcess } {
  const child = spawn(process.execPath, [MAIN, ...args], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  children.add(child);
  const done = new Promise<number>((resolve) => child.once('exit', (code) => { children.delete(child); resolve(code ?? 1); }));
  return Object.assign(wait ? done : Promise.resolve(0), { child });
}

await withServerDatabase(async (database, url) => {
  const env = { ...process.env, DATABASE_URL: url, MARKET_DATA_PROVIDERS: 'synthetic', LOG_LEVEL: 'warn', BATCH_ENABLED: 'false', START_WORKER: 'false',
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789', PORT: String(PORT), SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-api-bench-')) };
  const days = tradingDays('2026-06-01', TODAY);
  if ((await run(['demo', 'seed', '--today', TODAY], env)) !== 0) throw new Error('demo seed failed');
  if ((await run(['batch', 'run', '--from', days.at(-5)!, '--to', TODAY, '--json'], env)) !== 0) throw new Error('batch failed');
  const server = run(['serve'], env, false);
  for (let i = 0; ; i++) {
    try { if ((await fetch(`http://127.0.0.1:${PORT}/health/ready`)).ok) break; } catch { /* not yet */ }
    if (i > 100) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = await (await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo_balanced', password: 'demo123' }) })).json() as { access_token: string };
  const headers = { authorization: `Bearer ${login.access_token}` };
  const list = await (await fetch(`http://127.0.0.1:${PORT}/api/v1/portfolios`, { headers })).json() as { items: { id: string }[] };
  const target = `http://127.0.0.1:${PORT}/api/v1/portfolios/${list.items[0].id}/overview`;
  const check = await (await fetch(target, { headers })).json() as { as_of: string | null };
  if (!check.as_of) throw new Error('the overview has no results');

  const batch = run(['batch', 'run', '--from', days.at(-65)!, '--to', days.at(-6)!, '--json'], env, false);
  await new Promise((r) => setTimeout(r, 3000));
  const loadBefore = loadavg()[0].toFixed(1);
  const result = await autocannon({ url: target, headers, connections: CONNECTIONS, duration: SECONDS });
  const batchRunning = batch.child.exitCode === null;
  console.log(`overview of ${check.as_of}, ${CONNECTIONS} connections, ${SECONDS} s, batch run over 60 days beside it (${batchRunning ? 'still running at the end' : 'finished before the end'}); load ${loadBefore} -> ${loadavg()[0].toFixed(1)}`);
  console.log(`requests/s: mean ${result.requests.average.toFixed(0)}, p50 ${result.requests.p50}; latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}; ` +
    `${result.requests.total} requests, ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
  // Killed outright (their sessions must end before the database is dropped).
  for (const c of [batch.child, server.child]) { try { process.kill(-c.pid!, 'SIGKILL'); } catch { /* gone */ } }
  await new Promise((r) => setTimeout(r, 1500));
  void database;
}, { maxConnections: 2 });
