/**
 * `sigmasight analyze` run in-process on the real market-data files (data/real/ and
 * test/fixtures/market/, see test/support/market-fixtures.ts), checked against the golden numbers of
 * the oracle's expected_output.txt (statsmodels, pandas, PerformanceAnalytics conventions, QuantLib)
 * at 1e-8 relative, read from the command's --json output. Plus the error paths: exit 2 for usage
 * mistakes, 1 for data problems, with a message naming what is wrong.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCommand, ANALYZE_USAGE } from '../../src/cli/analyze.command.js';
import { runCli } from '../../src/cli/main.js';
import { marketFile } from '../support/market-fixtures.js';

const fixture = (file: string): string => fileURLToPath(new URL(`../fixtures/analyze/${file}`, import.meta.url));
const AAPL = marketFile('aapl_daily_ohlcv_2013_2018.csv');
const SPX = marketFile('sp500_daily_ohlcv_2000_2020.csv');
const DJ30 = marketFile('dj30_daily_close_1990_2001.csv');
const MANAGERS = marketFile('managers_monthly_returns_1996_2006.csv');

// Full-precision copies of the expected_output.txt items, made by the same oracle (test/golden/README.md).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const golden: any = JSON.parse(readFileSync(new URL('../golden/stats.json', import.meta.url), 'utf8'));

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await analyzeCommand(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function runJson(...args: string[]): Promise<any> {
  const r = await run(...args, '--json');
  if (r.code !== 0) expect.fail(`exit ${r.code}: ${r.err}`);
  return JSON.parse(r.out);
}

/**
 * |actual - expected| <= max(rel |expected|, floor): 1e-8 relative by default. The floor, half a unit
 * in the 10th decimal, allows for the rounding of numbers expected_output.txt prints with 10 decimals
 * (0.0007119558 is only good to 7e-8 relative); the full-precision checks against stats.json use 1e-10.
 */
function close(actual: number, expected: number, rel = 1e-8, floor = 5e-11): void {
  if (!(Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), floor))) {
    expect.fail(`expected ${actual} to be within ${rel} (relative) of ${expected}`);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function coefficient(result: any, name: string): { estimate: number; standardError: number; tStat: number } {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const c = result.coefficients.find((x: any) => x.name === name);
  if (!c) expect.fail(`no coefficient ${name}`);
  return c;
}

describe('sigmasight analyze on the shared data: expected_output.txt', () => {
  it('[1] AAPL ~ SPX daily beta from two per-symbol files (adj_close, common dates)', async () => {
    const r = await runJson('regress', '--prices', AAPL, '--prices', `SPX=${SPX}`, '--y', 'AAPL', '--benchmark', 'SPX');
    expect(r.n).toBe(1259);
    expect([r.firstDate, r.lastDate]).toEqual(['2013-05-14', '2018-05-11']);
    close(coefficient(r, 'alpha').estimate, 0.0007119558);
    close(coefficient(r, 'SPX').estimate, 0.9933917188);
    close(coefficient(r, 'SPX').standardError, 0.0443974832);
    close(r.rSquared, 0.2848359326);
    const g = golden.py_oracle['1'];
    close(coefficient(r, 'SPX').estimate, g.beta, 1e-10, 0);
    close(coefficient(r, 'alpha').estimate, g.alpha, 1e-10, 0);
    close(coefficient(r, 'alpha').standardError, g.se_alpha, 1e-10, 0);
    // The same regression with the file-name symbols and --x.
    const s = await runJson('regress', '--prices', AAPL, '--prices', SPX, '--y', 'aapl', '--x', 'SP500');
    close(coefficient(s, 'SP500').estimate, 0.9933917188);
  });

  it('[2] HAM1 excess ~ SP500_TR + US_10Y_TR excess, --rf US_3m_TR', async () => {
    const r = await runJson('regress', '--prices', MANAGERS, '--returns', '--periods-per-year', '12', '--y', 'HAM1', '--x', 'SP500_TR,US_10Y_TR', '--rf', 'US_3m_TR');
    expect(r.n).toBe(132);
    expect(r.riskFree).toBe('US_3m_TR');
    close(coefficient(r, 'alpha').estimate, 0.0061443833);
    close(coefficient(r, 'SP500_TR').estimate, 0.3716335799);
    close(coefficient(r, 'US_10Y_TR').estimate, -0.2324161938);
    close(r.rSquared, 0.4668864025);
    close(r.adjustedRSquared, 0.4586210754);
    const g = golden.py_oracle['2'];
    g.bse.forEach((se: number, j: number) => close(r.coefficients[j].standardError, se, 1e-9, 0));
    close(r.residualVolatilityAnnualized, r.residualVolatility * Math.sqrt(12), 1e-15);
  });

  it('[3] HAM1 metrics with --rf US_3m_TR, monthly', async () => {
    const r = await runJson('metrics', '--prices', MANAGERS, '--returns', '--periods-per-year', '12', '--symbol', 'HAM1', '--rf', 'US_3m_TR');
    expect(r.results).toHaveLength(1);
    const m = r.results[0];
    expect(m.symbol).toBe('HAM1');
    expect(m.observations).toBe(132);
    expect([m.firstDate, m.lastDate]).toEqual(['1996-01-31', '2006-12-31']);
    close(m.annualizedReturn, 0.1375320108);
    close(m.annualizedVolatility, 0.0887807963);
    close(m.sharpeRatio, 1.0667952172);
    close(m.maxDrawdown.maxDrawdown, 0.1517729055);
    expect(m.realizedVolatility.map((w: { window: number }) => w.window)).toEqual([21, 63, 252]);
    expect(m.realizedVolatility[2].volatility).toBeNull(); // 132 months < 252
    for (const key of ['cumulativeReturn', 'sortinoRatio', 'calmarRatio', 'skewness', 'excessKurtosis']) expect(Number.isFinite(m[key])).toBe(true);
    close(m.calmarRatio, m.annualizedReturn / m.maxDrawdown.maxDrawdown, 1e-12);
  });

  it('[3] HAM1 VaR and ES at 95% in the value-at-risk.ts sign convention (losses negative)', async () => {
    const r = await runJson('var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--method', 'all', '--notional', '1000000');
    const by = Object.fromEntries(r.results.map((x: { method: string }) => [x.method, x]));
    close(by.historical.valueAtRisk, -0.02582);
    close(by.historical.expectedShortfall, -0.0512571429);
    close(by.gaussian.valueAtRisk, -0.030872927);
    close(by.gaussian.expectedShortfall, -0.0415415174); // R oracle
    close(by.modified.valueAtRisk, -0.0342295481); // R oracle, Cornish-Fisher
    close(by.historical.varLoss, 25820);
    expect(r.confidence).toBe(0.95);
    const h = await runJson('var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--method', 'historical');
    expect(h.results.map((x: { method: string }) => x.method)).toEqual(['historical']);
    expect(h.results[0].varLoss).toBeUndefined();
  });

  it('[4] DJ30 correlation of AA, GE, IBM, MSFT, XOM from 1991-01-02', async () => {
    const r = await runJson('correlation', '--prices', DJ30, '--symbols', 'AA,GE,IBM,MSFT,XOM', '--from', '1991-01-02');
    expect(r.symbols).toEqual(['AA', 'GE', 'IBM', 'MSFT', 'XOM']);
    expect(r.observations).toBe(2527);
    expect(r.firstDate).toBe('1991-01-03');
    close(r.matrix[0][1], 0.2380737325); // R cor(AA, GE)
    close(r.matrix[3][2], 0.2988243786); // R cor(MSFT, IBM)
    const printed = [
      [1, 0.238074, 0.154469, 0.157458, 0.185595],
      [0.238074, 1, 0.28468, 0.31572, 0.235395],
      [0.154469, 0.28468, 1, 0.298824, 0.110088],
      [0.157458, 0.31572, 0.298824, 1, 0.156918],
      [0.185595, 0.235395, 0.110088, 0.156918, 1],
    ];
    printed.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(r.matrix[i][j] - v)).toBeLessThanOrEqual(5e-7)));
    const full: number[] = golden.py_oracle['4'].corr;
    full.forEach((v, idx) => close(r.matrix[Math.floor(idx / 5)][idx % 5], v, 1e-10, 0));
  });

  it('[5] option: call price and Greeks, put, and implied vols', async () => {
    const base = ['option', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '0.05'];
    const c = await runJson(...base, '--type', 'call', '--vol', '0.2');
    close(c.price, 10.4505835722);
    close(c.delta, 0.6368306512);
    close(c.gamma, 0.0187620173);
    close(c.vega, 37.5240346917);
    close(c.thetaPerYear, -6.4140275464);
    close(c.thetaPerDay, -0.0175726782);
    close(c.rho, 53.2324815454);
    const p = await runJson(...base, '--type', 'put', '--vol', '0.2');
    close(p.price, 5.5735260223);
    close(p.delta, -0.3631693488);
    close(p.thetaPerDay, -0.0045421381);
    close(p.rho, -41.8904609047);
    const iv = await runJson(...base, '--type', 'call', '--price', '12');
    close(iv.impliedVolatility, 0.2411168937);
    expect(iv.volatilitySource).toBe('implied');
    close(iv.price, 12, 1e-12);
    const ivPut = await runJson(...base, '--type', 'put', '--price', '7');
    close(ivPut.impliedVolatility, 0.2378643119);
  });

  it('[5] option: a dated expiry (Act/365 from --valuation-date) and an OCC symbol', async () => {
    const dated = await runJson('option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '2025-01-01', '--valuation-date', '2024-01-02', '--rate', '0.05', '--vol', '0.2');
    close(dated.timeToExpiry, 365 / 365);
    close(dated.price, 10.4505835722);
    const occ = await runJson('option', '--occ', 'XYZ250101C00100000', '--spot', '100', '--valuation-date', '2024-01-02', '--rate', '0.05', '--vol', '0.2');
    expect([occ.right, occ.strike, occ.expiry]).toEqual(['call', 100, '2025-01-01']);
    close(occ.price, 10.4505835722);
  });

  it('[6] S&P 500 max drawdown with peak, trough and recovery dates (close column)', async () => {
    const r = await runJson('metrics', '--prices', SPX, '--column', 'close');
    const m = r.results[0];
    expect(m.symbol).toBe('SP500');
    close(m.maxDrawdown.maxDrawdown, 0.5677538775);
    expect([m.maxDrawdown.peakDate, m.maxDrawdown.troughDate]).toEqual(['2007-10-09', '2009-03-09']);
    expect(m.maxDrawdown.recoveryDate).toMatch(/^2013-/);
    close(m.realizedVolatility[0].volatility, golden.volatility.realized['21'], 1e-10, 0);
    close(m.annualizedVolatility, golden.volatility.full, 1e-10, 0);
  });
});

describe('sigmasight analyze: more of the flags', () => {
  it('metrics of every column of a wide returns file, leaving out the --rf column', async () => {
    const r = await runJson('metrics', '--prices', MANAGERS, '--returns', '--periods-per-year', '12', '--rf', 'US_3m_TR');
    expect(r.results.map((m: { symbol: string }) => m.symbol)).toEqual(['HAM1', 'HAM2', 'HAM3', 'HAM4', 'HAM5', 'HAM6', 'EDHEC_LS_EQ', 'SP500_TR', 'US_10Y_TR']);
    // HAM2 starts later: its own dates, not HAM1's.
    expect(r.results[1].firstDate).toBe('1996-08-31');
    const table = await run('metrics', '--prices', MANAGERS, '--returns', '--periods-per-year', '12');
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/HAM1\s+132\s+1996-01-31\s+2006-12-31/);
  });

  it('metrics names a single per-symbol file by --symbol and honours --window and --vol-windows', async () => {
    const r = await runJson('metrics', '--prices', AAPL, '--symbol', 'APPLE', '--window', '252', '--vol-windows', '21,252');
    const m = r.results[0];
    expect(m.symbol).toBe('APPLE');
    expect(m.observations).toBe(252);
    expect(m.lastDate).toBe('2018-05-11');
    close(m.annualizedVolatility, m.realizedVolatility[1].volatility, 1e-12);
  });

  it('correlation pairwise-complete matches pandas DataFrame.corr() on the managers returns', async () => {
    const g = golden.managers_pairwise;
    const r = await runJson('correlation', '--prices', MANAGERS, '--returns', '--method', 'pairwise', '--symbols', g.names.join(','));
    const k = g.names.length;
    (g.corr as number[]).forEach((v, idx) => close(r.matrix[Math.floor(idx / k)][idx % k], v, 1e-10, 0));
    expect(r.pairObservations[0][1]).toBe(125); // HAM1 x HAM2: HAM2 starts in 1996-08
  });

  it('regress: ridge with lambda 0 equals OLS; log returns; the human-readable table', async () => {
    const args = ['regress', '--prices', MANAGERS, '--returns', '--y', 'HAM1', '--x', 'SP500_TR,US_10Y_TR'];
    const o = await runJson(...args);
    const rd = await runJson(...args, '--method', 'ridge', '--lambda', '0');
    o.coefficients.forEach((c: { estimate: number }, j: number) => close(rd.coefficients[j].estimate, c.estimate, 1e-9));
    const lg = await runJson('regress', '--prices', AAPL, '--prices', `SPX=${SPX}`, '--y', 'AAPL', '--x', 'SPX', '--return-type', 'log');
    expect(lg.returnType).toBe('log');
    expect(Math.abs(coefficient(lg, 'SPX').estimate - 0.9933917188)).toBeGreaterThan(1e-6);
    const t = await run(...args);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/SP500_TR\s+0\.3/);
    expect(t.out).toMatch(/R\^2:\s+0\.4/);
  });

  it('prints the help with every subcommand', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const sub of ['metrics', 'regress', 'correlation', 'var', 'option']) expect(r.out).toContain(`sigmasight analyze ${sub}`);
    expect(ANALYZE_USAGE).toContain('sigmasight analyze metrics');
    expect((await run('var', '--help')).out).toContain('--confidence');
  });

  it('is dispatched by the sigmasight command line', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['analyze', 'option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '0.05', '--vol', '0.2', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join('\n')).price).toBeCloseTo(10.4505835722, 9);
    expect(await runCli(['analyze', 'option', '--type', 'call'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/option needs --spot/);
    out.length = 0;
    expect(await runCli(['help'], io)).toBe(0);
    expect(out.join('\n')).toContain('sigmasight analyze correlation');
  });
});

describe('sigmasight analyze: errors', () => {
  it('unknown symbol: exit 1, naming the symbols the file has', async () => {
    const r = await run('metrics', '--prices', DJ30, '--symbol', 'ZZZ');
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown symbol "ZZZ"');
    expect(r.err).toContain('AA, AXP');
    const x = await run('regress', '--prices', AAPL, '--prices', `SPX=${SPX}`, '--y', 'AAPL', '--x', 'NOPE');
    expect(x.code).toBe(1);
    expect(x.err).toContain('unknown symbol "NOPE"');
  });

  it('too few rows: exit 1 with the count', async () => {
    const m = await run('metrics', '--prices', fixture('too-few.csv'), '--symbol', 'AAA');
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/AAA has 1 return\(s\).*at least 2/);
    const r = await run('regress', '--prices', fixture('too-few.csv'), '--y', 'AAA', '--x', 'BBB');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/INSUFFICIENT_DATA.*1 usable observations/);
    const w = await run('var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--window', '500');
    expect(w.code).toBe(1);
    expect(w.err).toContain('--window 500 needs 500 returns');
    const d = await run('metrics', '--prices', DJ30, '--symbol', 'AA', '--from', '2001-01-02');
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/AA has 1 price date/);
  });

  it('rank-deficient regression: exit 1 naming the collinear factor', async () => {
    const r = await run('regress', '--prices', fixture('collinear.csv'), '--y', 'B', '--x', 'A,C');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/RANK_DEFICIENT.*C is \(numerically\) a linear combination/);
  });

  it('malformed CSV: exit 1 naming the file and line', async () => {
    const r = await run('metrics', '--prices', fixture('malformed.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/malformed\.csv line 4: malformed CSV: 4 fields where the header has 3/);
    const n = await run('metrics', '--prices', fixture('bad-number.csv'));
    expect(n.code).toBe(1);
    expect(n.err).toMatch(/bad-number\.csv line 3: close "abc" is not a number/);
    const d = await run('metrics', '--prices', fixture('duplicate-date.csv'));
    expect(d.code).toBe(1);
    expect(d.err).toMatch(/duplicate-date\.csv line 4: AAA has date 2024-01-03 twice \(also line 2\)/);
    const missing = await run('metrics', '--prices', fixture('no-such-file.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/cannot read .*no-such-file\.csv: no such file/);
  });

  it('bad flag values and usage mistakes: exit 2 with the flag named', async () => {
    const cases: [string[], RegExp][] = [
      [['var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--confidence', '95'], /--confidence must be between 0\.5 and 1/],
      [['var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--horizon', '1.5'], /--horizon must be a whole number >= 1/],
      [['var', '--prices', MANAGERS, '--returns', '--symbol', 'HAM1', '--method', 'monte-carlo'], /monte_carlo needs a factor model/],
      [['var', '--prices', MANAGERS, '--returns'], /var needs --symbol/],
      [['metrics', '--prices', MANAGERS, '--periods-per-year', 'monthly'], /--periods-per-year must be a number/],
      [['metrics', '--prices', MANAGERS, '--from', '2001-02-30'], /--from must be a date YYYY-MM-DD/],
      [['metrics', '--prices', MANAGERS, '--bogus'], /Unknown option '--bogus'/],
      [['metrics'], /--prices FILE is required/],
      [['regress', '--prices', MANAGERS, '--returns', '--y', 'HAM1'], /regress needs --x/],
      [['regress', '--prices', MANAGERS, '--returns', '--y', 'HAM1', '--x', 'SP500_TR', '--method', 'ridge'], /--method ridge needs --lambda/],
      [['regress', '--prices', MANAGERS, '--returns', '--y', 'HAM1', '--x', 'SP500_TR', '--return-type', 'log'], /--return-type log needs prices/],
      [['correlation', '--prices', DJ30, '--symbols', 'AA'], /--symbols needs at least two symbols/],
      [['correlation', '--prices', DJ30, '--method', 'spearman'], /--method must be one of complete, pearson, pairwise/],
      [['option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '0.05'], /exactly one of --vol .* or --price/],
      [['option', '--type', 'straddle', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '0.05', '--vol', '0.2'], /--type must be one of call, put/],
      [['option', '--type', 'call', '--spot=-5', '--strike', '100', '--expiry', '1', '--rate', '0.05', '--vol', '0.2'], /--spot must be greater than 0/],
      [['option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', 'soon', '--rate', '0.05', '--vol', '0.2'], /--expiry must be a number/],
      [['option', '--occ', 'AAPL24011', '--spot', '100', '--rate', '0.05', '--vol', '0.2'], /--occ: 'AAPL24011' is not an OCC option symbol/],
      [['option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '5%', '--vol', '0.2'], /--rate must be a number, got "5%"/],
      [['option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '0', '--rate', '0.05', '--price', '3'], /--price needs an option that has not expired/],
      [['frobnicate'], /unknown analyze command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
    }
  });

  it('an option price outside the no-arbitrage bounds: exit 1', async () => {
    const r = await run('option', '--type', 'call', '--spot', '100', '--strike', '100', '--expiry', '1', '--rate', '0.05', '--price', '120');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/outside the no-arbitrage bounds/);
  });
});
