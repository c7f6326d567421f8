import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { sql } from 'kysely';
import { captureIo, useCliEnvironment, withCommandDatabase } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';


describe(`sigmasight sync and worker on ${engineUnderTest} (synthetic provider)`, () => {
  useCliEnvironment('sync', { MARKET_DATA_PROVIDERS: 'synthetic' });
  beforeAll(async () => {
    expect(await runCli(['demo', 'seed', '--today', '2026-11-17'], captureIo().io)).toBe(0);
  });

  it('brings the demo symbols up to a later day: the missing sessions plus the five-session heal window', async () => {
    const c = captureIo();
    expect(await runCli(['sync', '--symbols', 'SPY,AAPL', '--today', '2026-11-20', '--force', '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('\n'));
    expect(report).toMatchObject({ today: '2026-11-20', symbols: 2, synced: 2, barsRejected: 0 });
    // 2026-11-18..20 are new; 2026-11-11..17 (five sessions) are fetched again: 8 bars a symbol.
    expect(report.barsStored).toBe(16);
    const st = captureIo();
    expect(await runCli(['db', 'status', '--json'], st.io)).toBe(0);
    expect(JSON.parse(st.out.join('\n')).data.prices.lastDate).toBe('2026-11-20');
  });

  it('with nothing due, says how many symbols are already current and that --force syncs them', async () => {
    // Every symbol the sync takes was synced just now (as the demo seed and the test above leave them).
    const eligible = await withCommandDatabase(async (db) => {
      await sql`update symbol_universe set last_synced = now() where last_synced is not null`.execute(db);
      const r = await sql<{ n: number }>`
        select count(*)::int as n from symbol_universe
        where is_active and status = 'active' and asset_type not in ('option', 'private') and last_synced is not null`.execute(db);
      return r.rows[0].n;
    });
    expect(eligible).toBeGreaterThan(10);

    const text = captureIo();
    expect(await runCli(['sync', '--today', '2026-11-20'], text.io)).toBe(0);
    expect(text.out).toEqual([`Nothing to sync through 2026-11-20: ${eligible} symbols are already current (synced in the last 12 hours). Use --force to sync them anyway.`]);

    const json = captureIo();
    expect(await runCli(['sync', '--today', '2026-11-20', '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ today: '2026-11-20', symbols: 0, synced: 0, current: eligible, skipIntervalHours: 12, results: [] });

    const one = captureIo();
    expect(await runCli(['sync', '--symbols', 'spy', '--today', '2026-11-20'], one.io)).toBe(0);
    expect(one.out).toEqual(['Nothing to sync through 2026-11-20: 1 symbol is already current (synced in the last 12 hours). Use --force to sync it anyway.']);
  });

  it('syncs what is due and counts the others as skipped; --force skips none', async () => {
    await withCommandDatabase((db) => sql`update symbol_universe set last_synced = null where symbol in ('SPY', 'AAPL')`.execute(db));
    const json = captureIo();
    expect(await runCli(['sync', '--symbols', 'SPY,AAPL,MSFT', '--today', '2026-11-20', '--json'], json.io)).toBe(0);
    expect(JSON.parse(json.out.join('\n'))).toMatchObject({ symbols: 2, synced: 2, current: 1, results: [{ symbol: 'AAPL' }, { symbol: 'SPY' }] });

    await withCommandDatabase((db) => sql`update symbol_universe set last_synced = null where symbol = 'SPY'`.execute(db));
    const text = captureIo();
    expect(await runCli(['sync', '--symbols', 'SPY,AAPL,MSFT', '--today', '2026-11-20'], text.io)).toBe(0);
    expect(text.out[0]).toMatch(/^Synced through 2026-11-20: 1 of 1 symbol\(s\), \d+ bar\(s\) stored, 0 rejected\.$/);
    expect(text.out[1]).toBe('2 symbol(s) already current (synced in the last 12 hours) skipped; use --force to sync them too.');

    const forced = captureIo();
    expect(await runCli(['sync', '--symbols', 'SPY,AAPL,MSFT', '--today', '2026-11-20', '--force', '--json'], forced.io)).toBe(0);
    expect(JSON.parse(forced.out.join('\n'))).toMatchObject({ symbols: 3, synced: 3, current: 0 });
  });

  it('runs the onboarding worker once over an empty queue', async () => {
    const c = captureIo();
    expect(await runCli(['worker', '--once'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Processed 0 symbol\(s\)/);
  });

  it('rejects a bad --today with exit 2', async () => {
    const c = captureIo();
    expect(await runCli(['sync', '--today', '2026-02-30'], c.io)).toBe(2);
  });
});
