import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/package-root.js';
import { exited, spawnGroup } from '../support/child-processes.js';
import { createServerDatabase, engineUnderTest, serverUrl } from '../support/test-database.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe(`npm start on ${engineUnderTest} (the built command)`, () => {
  let drop = async () => {};
  afterAll(async () => drop());

  /** Starts `sigmasight start` in its own process group and waits (60 s at most) until it is ready. */
  async function start(main: string, env: NodeJS.ProcessEnv) {
    // Its own process group, SIGKILLed in teardown whatever happens (test/support/child-processes.ts).
    const child = spawnGroup(process.execPath, [main, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const started = Date.now();
    const base = `http://127.0.0.1:${env.PORT}`;
    let ready = false;
    while (Date.now() - started < 60_000 && child.exitCode === null) {
      ready = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return { child, base, ready, output: () => output };
  }

  type Batch = { running: { kind: string; done: number; total: number } | null; lastRun: { kind: string; status: string; error: string | null } | null; results: { portfolios: number; days: number; latestDate: string | null } };
  const batchOf = async (base: string) => ((await (await fetch(`${base}/api/v1/system/status`)).json()) as { batch: Batch }).batch;
  async function until(base: string, done: (b: Batch) => boolean, ms: number): Promise<Batch> {
    const deadline = Date.now() + ms;
    let b = await batchOf(base);
    while (!done(b) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      b = await batchOf(base);
    }
    return b;
  }

  it('migrates, seeds an empty database, becomes ready well within 60 s, computes 90 days of history in the background, stops cleanly on SIGTERM and resumes', { timeout: 900_000 }, async () => {
    const main = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
    expect(existsSync(main), 'run npm run build first (npm install does it)').toBe(true);
    const env: NodeJS.ProcessEnv = { ...process.env, SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-start-')), PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    if (serverUrl) {
      const created = await createServerDatabase();
      env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    const first = await start(main, env);
    try {
      expect(first.ready, first.output()).toBe(true);
      const status = (await (await fetch(`${first.base}/api/v1/system/status`)).json()) as { data: { demoUsers: number; positions: number; prices: { bars: number } } };
      expect(status.data.demoUsers).toBe(3);
      expect(status.data.positions).toBe(75);
      expect(status.data.prices.bars).toBeGreaterThan(30_000);
      expect(first.output()).toMatch(/SigmaSight \d+\.\d+\.\d+ on http:\/\/127.0.0.1:\d+/);
      // The first start's history run begins once the server is ready, and shows its progress.
      const progress = await until(first.base, (b) => (b.running?.done ?? 0) >= 1, 180_000);
      expect(progress.running, first.output()).toMatchObject({ kind: 'first_start', total: 90 });
      expect(progress.results.portfolios).toBe(3);
    } finally {
      first.child.kill('SIGTERM'); // the server itself, as a service manager would stop it, in the middle of the run
    }
    expect((await exited(first.child, 45_000)).code, first.output()).toBe(0);

    // Started again, the interrupted run comes back from the queue and finishes: 90 trading days for the 3 portfolios.
    const second = await start(main, env);
    try {
      expect(second.ready, second.output()).toBe(true);
      const done = await until(second.base, (b) => b.running === null && b.lastRun?.kind === 'first_start' && b.lastRun.status === 'completed', 600_000);
      expect(done.lastRun, second.output()).toMatchObject({ kind: 'first_start', status: 'completed', error: null });
      expect(done.results).toMatchObject({ portfolios: 3, days: 90 });
    } finally {
      second.child.kill('SIGTERM');
    }
    expect((await exited(second.child, 45_000)).code, second.output()).toBe(0);
  });

  it('does not seed the synthetic demo over real prices: after an import it serves them alone', { timeout: 120_000 }, async () => {
    const main = path.join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
    const env: NodeJS.ProcessEnv = { ...process.env, SIGMASIGHT_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ss-start-')), PORT: String(await freePort()), LOG_LEVEL: 'info' };
    if (serverUrl) {
      const created = await createServerDatabase();
      env.DATABASE_URL = created.url;
      const previous = drop;
      drop = async () => {
        await previous();
        await created.drop();
      };
    }
    const msft = path.join(packageRoot(), 'test', 'fixtures', 'market', 'msft_daily_ohlcv_2000_2001.csv');
    const imported = spawnGroup(process.execPath, [main, 'import', 'prices', '--symbol', 'MSFT', msft], { env, stdio: 'ignore' });
    expect((await exited(imported, 60_000)).code).toBe(0);
    const child = spawnGroup(process.execPath, [main, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${env.PORT}`;
    const started = Date.now();
    let ready = false;
    while (!ready && Date.now() - started < 60_000 && child.exitCode === null) {
      ready = await fetch(`${base}/health/ready`).then((r) => r.status === 200, () => false);
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    try {
      expect(ready, output).toBe(true);
      const status = (await (await fetch(`${base}/api/v1/system/status`)).json()) as { data: { demoUsers: number; prices: { synthetic: boolean; sources: { dataSource: string }[] } } };
      expect(status.data.demoUsers).toBe(0);
      expect(status.data.prices).toMatchObject({ synthetic: false, sources: [{ dataSource: 'import' }] });
      expect(output).toMatch(/real prices are stored: not seeding the synthetic demo/);
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited(child, 30_000)).code, output).toBe(0);
  });
});
