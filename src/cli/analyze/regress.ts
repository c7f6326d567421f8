/**
 * `sigmasight analyze regress`: OLS (or ridge) with intercept of one symbol's returns on others',
 * by src/analytics/regression.ts, on the dates all of them share.
 */
import { ols, ridge } from '../../analytics/regression.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { choiceFlag, DATA_HELP, DATA_OPTIONS, DataError, integerFlag, listFlag, numberFlag, parseFlags, periodsPerYearFlag } from './common.js';
import { resolveRiskFree, describeRiskFree } from './metrics.js';
import { formatNumber, printJson, renderPairs, renderTable } from './output.js';
import { alignedReturnTable, findSeries, lastRows, loadFromFlags, type ReturnType } from './price-table.js';

export const REGRESS_HELP = `sigmasight analyze regress --prices FILE --y SYM (--x A,B | --benchmark B) [flags]
  OLS with intercept of --y's returns on --x's (or --benchmark's) on their common dates: coefficients,
  standard errors, t-stats, R^2, adjusted R^2, residual volatility, n
  --rf SYM|RATE           regress excess returns: subtract this per-period risk-free return from y and every x
  --method ols|ridge      estimator (default ols); ridge needs --lambda and reports no standard errors
  --lambda L              ridge penalty on standardized factors, in observations (0 = OLS)
  --return-type simple|log  (default simple; log needs prices)`;

const OPTIONS = {
  ...DATA_OPTIONS,
  y: { type: 'string' },
  symbol: { type: 'string' },
  x: { type: 'string' },
  benchmark: { type: 'string' },
  rf: { type: 'string' },
  method: { type: 'string' },
  lambda: { type: 'string' },
  'return-type': { type: 'string' },
} as const;

/** One estimated coefficient; index 0 is the intercept (alpha per period). */
export interface Coefficient {
  name: string;
  estimate: number;
  standardError: number | null;
  tStat: number | null;
}

/** `sigmasight analyze regress ...` */
export async function regressCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, OPTIONS);
  if (values.help) {
    io.out(`${REGRESS_HELP}\n\n${DATA_HELP}`);
    return 0;
  }
  if (values.y !== undefined && values.symbol !== undefined) throw new UsageError('give --y or --symbol (the same thing), not both');
  const yName = values.y ?? values.symbol;
  if (yName === undefined) throw new UsageError('regress needs --y SYMBOL (the dependent series)');
  if (values.x !== undefined && values.benchmark !== undefined) throw new UsageError('give --x or --benchmark, not both');
  const xNames = listFlag(values.x, 'x') ?? (values.benchmark !== undefined ? [values.benchmark] : undefined);
  if (xNames === undefined) throw new UsageError('regress needs --x A,B or --benchmark SYMBOL (the explanatory series)');
  const method = choiceFlag(values.method, 'method', ['ols', 'ridge'] as const) ?? 'ols';
  const lambda = numberFlag(values.lambda, 'lambda');
  if (method === 'ridge' && lambda === undefined) throw new UsageError('--method ridge needs --lambda (e.g. --lambda 10)');
  if (method === 'ridge' && !(lambda! >= 0)) throw new UsageError(`--lambda must be >= 0, got "${values.lambda}"`);
  if (method === 'ols' && lambda !== undefined) throw new UsageError('--lambda only applies to --method ridge');
  const returnType: ReturnType = choiceFlag(values['return-type'], 'return-type', ['simple', 'log'] as const) ?? 'simple';
  const periodsPerYear = periodsPerYearFlag(values['periods-per-year']);
  const window = integerFlag(values.window, 'window', 3);

  const table = loadFromFlags(values);
  const y = findSeries(table, yName, { nameSingleFile: false });
  const xs = xNames.map((x) => findSeries(table, x, { nameSingleFile: false }));
  const riskFree = resolveRiskFree(table, values.rf);
  const rfSeries = riskFree && 'symbol' in riskFree ? riskFree.symbol : undefined;
  const all = [y, ...xs, ...(rfSeries ? [rfSeries] : [])];
  const repeated = all.find((s, i) => all.indexOf(s) !== i);
  if (repeated) throw new UsageError(`${repeated.name} is given twice among --y, --x/--benchmark and --rf`);

  const returns = lastRows(alignedReturnTable(all, returnType), window);
  const k = xs.length;
  let yCol = returns.columns[0];
  let xCols = returns.columns.slice(1, 1 + k);
  if (riskFree) {
    // Excess returns: r - rf, period by period (the rf series is on the same aligned dates).
    const rf = 'symbol' in riskFree ? returns.columns[1 + k] : Float64Array.from(yCol, () => riskFree.constant);
    const excess = (c: Float64Array): Float64Array => Float64Array.from(c, (v, t) => v - rf[t]);
    yCol = excess(yCol);
    xCols = xCols.map(excess);
  }
  const names = ['alpha', ...xs.map((s) => s.name)];
  const describeFailure = (reason: string, message: string): DataError =>
    new DataError(
      `cannot regress ${y.name} on ${xs.map((s) => s.name).join(', ')} (${reason}): ` +
        message.replace(/factor (\d+)/g, (_m, j: string) => xs[Number(j)]?.name ?? `factor ${j}`),
    );
  const common = {
    command: 'regress',
    method,
    returnType,
    y: y.name,
    x: xs.map((s) => s.name),
    riskFree: describeRiskFree(riskFree),
    periodsPerYear,
    firstDate: returns.dates[0] ?? null,
    lastDate: returns.dates[returns.dates.length - 1] ?? null,
  };

  if (method === 'ridge') {
    const fit = ridge(yCol, xCols, lambda!);
    if (!fit.ok) throw describeFailure(fit.reason, fit.message);
    const result = {
      ...common,
      lambda: fit.lambda,
      n: fit.n,
      coefficients: names.map((name, j): Coefficient => ({ name, estimate: fit.coefficients[j], standardError: null, tStat: null })),
      standardizedCoefficients: xs.map((s, j) => ({ name: s.name, estimate: fit.standardizedCoefficients[j] })),
      rSquared: fit.rSquared,
    };
    if (values.json) printJson(io, result);
    else {
      io.out(header(common, fit.n) + `, ridge lambda ${fit.lambda}`);
      io.out(renderTable(['', 'estimate', 'standardized'], result.coefficients.map((c, j) => [c.name, formatNumber(c.estimate, 8), j === 0 ? '-' : formatNumber(fit.standardizedCoefficients[j - 1], 8)])));
      io.out('\n' + renderPairs([['R^2', formatNumber(fit.rSquared, 8)]]));
    }
    return 0;
  }

  const fit = ols(yCol, xCols);
  if (!fit.ok) throw describeFailure(fit.reason, fit.message);
  const result = {
    ...common,
    n: fit.n,
    degreesOfFreedom: fit.degreesOfFreedom,
    coefficients: names.map((name, j): Coefficient => ({
      name,
      estimate: fit.coefficients[j],
      standardError: fit.standardErrors[j],
      tStat: Number.isFinite(fit.tStats[j]) ? fit.tStats[j] : null,
    })),
    rSquared: fit.rSquared,
    adjustedRSquared: fit.adjustedRSquared,
    residualVolatility: fit.residualVolatility,
    residualVolatilityAnnualized: fit.residualVolatility * Math.sqrt(periodsPerYear),
  };
  if (values.json) {
    printJson(io, result);
    return 0;
  }
  io.out(header(common, fit.n));
  io.out(renderTable(['', 'estimate', 'std error', 't-stat'], result.coefficients.map((c) => [c.name, formatNumber(c.estimate, 8), formatNumber(c.standardError, 6), formatNumber(c.tStat, 4)])));
  io.out(
    '\n' +
    renderPairs([
      ['R^2', formatNumber(fit.rSquared, 8)],
      ['Adjusted R^2', formatNumber(fit.adjustedRSquared, 8)],
      ['Residual vol (per period)', formatNumber(fit.residualVolatility, 6)],
      ['Residual vol (annualized)', formatNumber(result.residualVolatilityAnnualized, 6)],
      ['Observations', `${fit.n} (${fit.degreesOfFreedom} degrees of freedom)`],
    ]),
  );
  return 0;
}

function header(c: { y: string; x: string[]; riskFree: string | number | null; returnType: string; firstDate: string | null; lastDate: string | null }, n: number): string {
  const excess = c.riskFree === null ? '' : ` in excess of ${c.riskFree}`;
  return `${c.y} on ${c.x.join(' + ')} with intercept, ${c.returnType} returns${excess}, ${n} periods ${c.firstDate} to ${c.lastDate}`;
}
