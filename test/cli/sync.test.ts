import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo, useCliEnvironment } from '../support/cli-environment.js';
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
