import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { workerCommand } from '../../src/cli/worker.command.js';
import { enqueueSymbols } from '../../src/market-data/onboarding.service.js';
import { upsertBars } from '../../src/market-data/prices.repository.js';
import { createFallbackChain } from '../../src/market-data/providers/fallback-chain.js';
import { SeriesProvider } from '../fakes/series-provider.js';
import { factorEtfBars, readDj30 } from '../support/market-fixtures.js';
import { exited, spawnGroup } from '../support/child-processes.js';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';

describe(`sigmasight worker on ${engineUnderTest}`, () => {
  useCliEnvironment('worker', { MARKET_DATA_PROVIDERS: 'yahoo' });

  it('rejects bad flags with the usage', async () => {
    const c = captureIo();
    await expect(workerCommand(['--concurrency', '0'], c.io)).rejects.toThrow(/--concurrency must be between 1 and 64, got 0\nsigmasight worker/);
    await expect(workerCommand(['--concurrency', 'many'], c.io)).rejects.toThrow(/--concurrency must be a whole number/);
    await expect(workerCommand(['--today', 'now'], c.io)).rejects.toThrow(/--today must be YYYY-MM-DD/);
    await expect(workerCommand(['--fast'], c.io)).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });

  it('refuses to run on a database that is not migrated', async () => {
    const c = captureIo();
    expect(await workerCommand(['--once'], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/run "sigmasight db migrate" first/);
  });

  it('--once onboards what is queued and prints a summary', async () => {
    expect(await runCli(['db', 'migrate'], captureIo().io)).toBe(0);
    await withCommandDatabase(async (db) => {
      // The factor ETFs' prices, so onboarding fits betas (the symbol batch's function).
      await db.transaction().execute((trx) => upsertBars(trx, factorEtfBars()));
      await db.transaction().execute((trx) => enqueueSymbols(trx, [{ symbol: 'IBM' }, { symbol: 'KO' }, { symbol: 'NOSUCH' }]));
    });
    const provider = new SeriesProvider(new Map([['IBM', readDj30('IBM')], ['KO', readDj30('KO')]]));
    const c = captureIo();
    const code = await workerCommand(['--once', '--concurrency', '2', '--today', '2000-12-29'], c.io, { createChain: () => createFallbackChain([provider]) });
    expect(c.err).toEqual([]);
    expect(code).toBe(0);
    expect(c.out[0]).toMatch(/^Onboarding worker .+: concurrency 2, once \((pglite|postgres): /);
    expect(c.out[1]).toMatch(/^  NOSUCH: failed, .*NOSUCH/);
    expect(c.out[2]).toBe('Processed 3 symbol(s): 2 active, 0 private, 0 to retry, 1 failed.');
    const rows = await withCommandDatabase((db) => db.selectFrom('symbol_universe').select(['symbol', 'status', 'last_factor_date']).orderBy('symbol').execute());
    expect(rows).toEqual([
      { symbol: 'IBM', status: 'active', last_factor_date: '2000-12-29' },
      { symbol: 'KO', status: 'active', last_factor_date: '2000-12-29' },
      { symbol: 'NOSUCH', status: 'error', last_factor_date: null },
    ]);
  });

  it('runs until SIGTERM, then stops gracefully with exit code 0 (child process, default provider chain)', async () => {
    const script = [
      `import { workerCommand } from ${JSON.stringify(new URL('../../src/cli/worker.command.ts', import.meta.url).pathname)};`,
      `const code = await workerCommand([], { out: (t) => console.log(t), err: (t) => console.error(t) });`,
      `process.exit(code);`,
    ].join('\n');
    // Its own process group, SIGKILLed in teardown whatever happens (test/support/child-processes.ts).
    const child = spawnGroup(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const started = new Promise<void>((resolve) => child.stdout!.on('data', (d) => {
      stdout += d;
      if (stdout.includes('until stopped')) resolve();
    }));
    const exit = exited(child, 45_000);
    await Promise.race([started, exit]);
    child.kill('SIGTERM');
    expect((await exit).code, stderr).toBe(0);
    expect(stderr).toMatch(/SIGTERM: stopping after the symbols in progress/);
    expect(stdout).toMatch(/Processed 0 symbol\(s\)/);
  });
});
