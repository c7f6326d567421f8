/**
 * The built command (dist/, `npm run build`) keeps stdout for its output: a --json command prints
 * exactly one JSON document there and nothing else, whatever LOG_LEVEL says; pino's logs (the
 * market-data sync's, the providers', the worker's) go to stderr. Run as child processes, each the
 * leader of its own process group, which the teardown kills should one still be running
 * (child-processes.ts).
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { spawnGroup } from '../support/child-processes.js';
import { useCliEnvironment } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';

const MAIN = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const DJ30 = path.join(packageRoot(), 'data', 'real', 'dj30_daily_close_1990_2001.csv');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with the suite's environment, logging at debug level, in its own process group. */
function sigmasight(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawnGroup(process.execPath, [MAIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'debug', MARKET_DATA_PROVIDERS: 'synthetic', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/** No pino line (a JSON object with a numeric level) anywhere on stdout. */
function expectNoLogLines(r: Run): void {
  for (const line of r.stdout.split('\n')) expect(line, `a log line on stdout:\n${r.stdout}`).not.toMatch(/^\s*\{"level":\d+/);
}

/** The whole of stdout is one JSON document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function onlyJson(r: Run): any {
  expect(r.code, r.stderr).toBe(0);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    expect.fail(`stdout is not one JSON document (${(e as Error).message}):\n${r.stdout}`);
  }
}

describe(`the built command keeps stdout for its output (${engineUnderTest})`, () => {
  const env = useCliEnvironment('json-out');

  beforeAll(async () => {
    expect(existsSync(MAIN), 'run npm run build first (npm install does it)').toBe(true);
    const seeded = await sigmasight(['demo', 'seed', '--today', '2026-11-17']);
    expect(seeded.code, seeded.stderr).toBe(0);
    expectNoLogLines(seeded);
    expect(seeded.stdout).toMatch(/^Demo data through 2026-11-17: /);
  }, 180_000);

  it('sync --json prints one JSON document; the sync\'s logs go to stderr', { timeout: 120_000 }, async () => {
    const nothingDue = await sigmasight(['sync', '--today', '2026-11-20', '--json']);
    const idle = onlyJson(nothingDue);
    expect(idle).toMatchObject({ today: '2026-11-20', symbols: 0, skipIntervalHours: 12 });
    expect(idle.current).toBeGreaterThan(0);
    expect(nothingDue.stderr).toMatch(/"msg":"market data: sync finished"/);

    const forced = await sigmasight(['sync', '--symbols', 'SPY,AAPL', '--today', '2026-11-20', '--force', '--json']);
    expect(onlyJson(forced)).toMatchObject({ today: '2026-11-20', symbols: 2, synced: 2, barsStored: 16, current: 0 });
    expect(forced.stderr).toMatch(/"msg":"market data: sync finished"/);

    const text = await sigmasight(['sync', '--today', '2026-11-20']);
    expect(text.code, text.stderr).toBe(0);
    expectNoLogLines(text);
    expect(text.stdout).toMatch(/^Nothing to sync through 2026-11-20: \d+ symbols are already current \(synced in the last 12 hours\)\. Use --force to sync them anyway\.\n$/);
  });

  it('db status --json and analyze --json print one JSON document too', { timeout: 120_000 }, async () => {
    const status = onlyJson(await sigmasight(['db', 'status', '--json']));
    expect(status).toMatchObject({ engine: engineUnderTest, pending: [], data: { prices: { lastDate: '2026-11-20', synthetic: true } } });
    expect(status.data.prices.sources.map((s: { dataSource: string }) => s.dataSource)).toEqual(['synthetic']);

    const correlation = onlyJson(await sigmasight(['analyze', 'correlation', '--prices', DJ30, '--symbols', 'GE,IBM', '--json']));
    expect(correlation).toBeTypeOf('object');
  });

  it('the text commands print no log line on stdout either (migrate, import, worker)', { timeout: 120_000 }, async () => {
    const migrated = await sigmasight(['db', 'migrate']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expectNoLogLines(migrated);
    expect(migrated.stdout).toMatch(/^Database is up to date/);

    const file = path.join(env.dataDir(), 'zzz.csv');
    writeFileSync(file, 'symbol,date,open,high,low,close,adj_close,volume\nZZZ,2026-11-18,10,11,9,10.5,10.5,1000\nZZZ,2026-11-19,10.5,11,10,10.8,10.8,1200\n');
    const imported = await sigmasight(['import', 'prices', file, '--today', '2026-11-20']);
    expect(imported.code, imported.stderr).toBe(0);
    expectNoLogLines(imported);
    expect(imported.stdout).toMatch(/stored 2 bar\(s\) for ZZZ/);

    const worker = await sigmasight(['worker', '--once', '--today', '2026-11-20']);
    expect(worker.code, worker.stderr).toBe(0);
    expectNoLogLines(worker);
    expect(worker.stdout).toMatch(/^Onboarding worker .*\n(  .*\n)*Processed \d+ symbol\(s\)/);
  });
});
