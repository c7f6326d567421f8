import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { captureIo, useCliEnvironment } from '../support/cli-environment.js';
import { engineUnderTest } from '../support/test-database.js';


describe(`sigmasight command line on ${engineUnderTest}`, () => {
  useCliEnvironment('cli');
  afterEach(() => {
    delete process.env.PORT;
  });

  it('prints help and the version', async () => {
    const c = captureIo();
    expect(await runCli(['help'], c.io)).toBe(0);
    expect(c.out.join("\n")).toMatch(/sigmasight serve[\s\S]*sigmasight db migrate[\s\S]*sigmasight demo seed/);
    const v = captureIo();
    expect(await runCli(['--version'], v.io)).toBe(0);
    expect(v.out[0]).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 2 with a clear message for an unknown command or option', async () => {
    const c = captureIo();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err[0]).toBe('sigmasight: unknown command "frobnicate"');
    const d = captureIo();
    expect(await runCli(['db', 'explode'], d.io)).toBe(2);
    expect(d.err[0]).toMatch(/unknown db command "explode"/);
    const e = captureIo();
    expect(await runCli(['demo', 'seed', '--today', 'yesterday'], e.io)).toBe(2);
    expect(e.err[0]).toMatch(/--today must be a calendar date YYYY-MM-DD, got "yesterday"/);
    const f = captureIo();
    expect(await runCli(['demo', 'seed', '--today', '2024-02-30'], f.io)).toBe(2);
    const g = captureIo();
    expect(await runCli(['demo', 'seed', '--today', '2099-01-02'], g.io)).toBe(2);
    expect(g.err[0]).toMatch(/--today 2099-01-02 is in the future/);
  });

  it('exits 1 naming the variable when the configuration is bad', async () => {
    process.env.PORT = 'http';
    const c = captureIo();
    expect(await runCli(['db', 'status'], c.io)).toBe(1);
    expect(c.err[0]).toBe('sigmasight: Configuration error in PORT: "http" is not a whole number (expected 0 to 65535)');
  });

  it('migrates, reports status, and seeds the demo', async () => {
    const m = captureIo();
    expect(await runCli(['db', 'migrate'], m.io)).toBe(0);
    expect(m.out[0]).toMatch(/Applied \d+ migration\(s\): 0001_users_portfolios_positions.sql/);
    const again = captureIo();
    expect(await runCli(['db', 'migrate'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/Database is up to date/);

    const s = captureIo();
    expect(await runCli(['demo', 'seed', '--today', '2026-11-20'], s.io)).toBe(0);
    expect(s.out[0]).toMatch(/Demo data through 2026-11-20: 3 user\(s\), 3 portfolio\(s\), 75 position\(s\) created/);

    const st = captureIo();
    expect(await runCli(['db', 'status', '--json'], st.io)).toBe(0);
    const status = JSON.parse(st.out.join('\n'));
    expect(status).toMatchObject({ engine: engineUnderTest, pending: [], changed: [], data: { users: 3, positions: 75 } });
  });

  it('refuses to put the real-data demo into the synthetic demo\'s database', async () => {
    const c = captureIo();
    expect(await runCli(['demo', 'seed', '--real'], c.io)).toBe(1);
    expect(c.err[0]).toMatch(/already holds the synthetic demo; the two share tickers, so seed this one into its own database/);
    const d = captureIo();
    expect(await runCli(['demo', 'seed', '--real', '--today', '2026-11-20'], d.io)).toBe(2);
  });
});

describe(`sigmasight demo seed --real on ${engineUnderTest}`, () => {
  useCliEnvironment('cli-real');

  it('seeds the Dow 30 demo on real prices into its own database, idempotently, and then refuses the synthetic one', async () => {
    const c = captureIo();
    expect(await runCli(['demo', 'seed', '--real'], c.io)).toBe(0);
    expect(c.out[0]).toMatch(/^Real-data demo as of 2001-01-02: 1 user, 1 portfolio, \d+ position\(s\) created; \d+ price bars and 30 market betas written\.$/);
    expect(c.out[1]).toBe('Login: demo_dow / demo123');
    const again = captureIo();
    expect(await runCli(['demo', 'seed', '--real'], again.io)).toBe(0);
    expect(again.out[0]).toMatch(/0 user, 0 portfolio, 0 position\(s\) created/);
    const synthetic = captureIo();
    expect(await runCli(['demo', 'seed'], synthetic.io)).toBe(1);
    expect(synthetic.err[0]).toMatch(/already holds the real-data demo/);
  });
});
