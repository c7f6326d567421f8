import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createServerDatabase, engineUnderTest, serverUrl } from '../support/test-database.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe(`sigmasight sync and worker on ${engineUnderTest} (synthetic provider)`, () => {
  const saved = { ...process.env };
  let drop = async () => {};

  beforeAll(async () => {
    process.env.SIGMASIGHT_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ss-sync-'));
    process.env.LOG_LEVEL = 'silent';
    process.env.MARKET_DATA_PROVIDERS = 'synthetic';
    if (serverUrl) {
      const created = await createServerDatabase();
      process.env.DATABASE_URL = created.url;
      drop = created.drop;
    }
    expect(await runCli(['demo', 'seed', '--today', '2026-11-17'], capture().io)).toBe(0);
  });
  afterAll(async () => {
    process.env = saved;
    await drop();
  });

  it('brings the demo symbols up to a later day: the missing sessions plus the five-session heal window', async () => {
    const c = capture();
    expect(await runCli(['sync', '--symbols', 'SPY,AAPL', '--today', '2026-11-20', '--force', '--json'], c.io)).toBe(0);
    const report = JSON.parse(c.out.join('\n'));
    expect(report).toMatchObject({ today: '2026-11-20', symbols: 2, synced: 2, barsRejected: 0 });
    // 2026-11-18..20 are new; 2026-11-11..17 (five sessions) are fetched again: 8 bars a symbol.
    expect(report.barsStored).toBe(16);
    const st = capture();
    expect(await runCli(['db', 'status', '--json'], st.io)).toBe(0);
    expect(JSON.parse(st.out.join('\n')).data.prices.lastDate).toBe('2026-11-20');
  });

  it('runs the onboarding worker once over an empty queue', async () => {
    const c = capture();
    expect(await runCli(['worker', '--once'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Processed 0 symbol\(s\)/);
  });

  it('rejects a bad --today with exit 2', async () => {
    const c = capture();
    expect(await runCli(['sync', '--today', '2026-02-30'], c.io)).toBe(2);
  });
});
