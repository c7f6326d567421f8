import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { createServerDatabase, engineUnderTest, serverUrl } from '../support/test-database.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe(`sigmasight command line on ${engineUnderTest}`, () => {
  const saved = { ...process.env };
  let drop = async () => {};

  beforeAll(async () => {
    process.env.SIGMASIGHT_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ss-cli-'));
    process.env.LOG_LEVEL = 'silent';
    if (serverUrl) {
      const created = await createServerDatabase();
      process.env.DATABASE_URL = created.url;
      drop = created.drop;
    }
  });
  afterEach(() => {
    delete process.env.PORT;
  });
  afterAll(async () => {
    process.env = saved;
    await drop();
  });

  it('prints help and the version', async () => {
    const c = capture();
    expect(await runCli(['help'], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/sigmasight serve[\s\S]*sigmasight db migrate[\s\S]*sigmasight demo seed/);
    const v = capture();
    expect(await runCli(['--version'], v.io)).toBe(0);
    expect(v.out[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with a clear message for an unknown command or option', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err[0]).toBe('sigmasight: unknown command "frobnicate"');
    const d = capture();
    expect(await runCli(['db', 'explode'], d.io)).toBe(2);
    expect(d.err[0]).toMatch(/unknown db command "explode"/);
    const e = capture();
    expect(await runCli(['demo', 'seed', '--today', 'yesterday'], e.io)).toBe(2);
    expect(e.err[0]).toMatch(/--today must be a calendar date YYYY-MM-DD, got "yesterday"/);
    const f = capture();
    expect(await runCli(['demo', 'seed', '--today', '2024-02-30'], f.io)).toBe(2);
    const g = capture();
    expect(await runCli(['demo', 'seed', '--today', '2099-01-02'], g.io)).toBe(2);
    expect(g.err[0]).toMatch(/--today 2099-01-02 is in the future/);
  });

  it('exits 1 naming the variable when the configuration is bad', async () => {
    process.env.PORT = 'http';
    const c = capture();
    expect(await runCli(['db', 'status'], c.io)).toBe(1);
    expect(c.err[0]).toBe('sigmasight: Configuration error in PORT: "http" is not a whole number (expected 0 to 65535)');
  });

  it('migrates, reports status, and seeds the demo', async () => {
    const m = capture();
    expect(await runCli(['db', 'migrate'], m.io)).toBe(0);
    expect(m.out[0]).toMatch(/Applied \d+ migration\(s\): 0001_users_portfolios_positions.sql/);
    const again = capture();
    expect(await runCli(['db', 'migrate'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/Database is up to date/);

    const s = capture();
    expect(await runCli(['demo', 'seed', '--today', '2026-11-20'], s.io)).toBe(0);
    expect(s.out[0]).toMatch(/Demo data through 2026-11-20: 3 user\(s\), 3 portfolio\(s\), 75 position\(s\) created/);

    const st = capture();
    expect(await runCli(['db', 'status', '--json'], st.io)).toBe(0);
    const status = JSON.parse(st.out.join('\n'));
    expect(status).toMatchObject({ engine: engineUnderTest, pending: [], changed: [], data: { users: 3, positions: 75 } });
  });

  it('refuses to put the real-data demo into the synthetic demo\'s database', async () => {
    const c = capture();
    expect(await runCli(['demo', 'seed', '--real'], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/already holds the synthetic demo; the two share tickers, so seed this one into its own database/);
    const d = capture();
    expect(await runCli(['demo', 'seed', '--real', '--today', '2026-11-20'], d.io)).toBe(2);
  });
});

describe(`sigmasight demo seed --real on ${engineUnderTest}`, () => {
  const saved = { ...process.env };
  let drop = async () => {};

  beforeAll(async () => {
    process.env.SIGMASIGHT_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'ss-cli-real-'));
    process.env.LOG_LEVEL = 'silent';
    if (serverUrl) {
      const created = await createServerDatabase();
      process.env.DATABASE_URL = created.url;
      drop = created.drop;
    }
  });
  afterAll(async () => {
    process.env = saved;
    await drop();
  });

  it('seeds the Dow 30 demo on real prices into its own database, idempotently, and then refuses the synthetic one', async () => {
    const c = capture();
    expect(await runCli(['demo', 'seed', '--real'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^Real-data demo as of 2001-01-02: 1 user, 1 portfolio, \d+ position\(s\) created; \d+ price bars and 30 market betas written\.$/);
    expect(c.out[1]).toBe('Login: demo_dow / demo123');
    const again = capture();
    expect(await runCli(['demo', 'seed', '--real'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/0 user, 0 portfolio, 0 position\(s\) created/);
    const synthetic = capture();
    expect(await runCli(['demo', 'seed'], synthetic.io)).toBe(1);
    expect(synthetic.err[0]).toMatch(/already holds the real-data demo/);
  });
});
