/**
 * `sigmasight analyze var`: Value at Risk and expected shortfall of one symbol's simple returns, by
 * src/analytics/value-at-risk.ts, in its sign convention: VaR and ES are the (1 - confidence) quantile
 * and tail mean of the horizon RETURN, so a loss is a negative number; with --notional they are also
 * given as positive dollar losses.
 */
import { gaussianVar, historicalVar, modifiedVar, type VarResult } from '../../analytics/value-at-risk.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { choiceFlag, DATA_HELP, DATA_OPTIONS, DataError, integerFlag, numberFlag, parseFlags, positiveFlag, withContext } from './common.js';
import { formatNumber, formatPercent, printJson, renderTable } from './output.js';
import { alignedReturnTable, findSeries, lastRows, loadFromFlags } from './price-table.js';

export const VAR_HELP = `sigmasight analyze var --prices FILE --symbol SYM [flags]
  VaR and expected shortfall (CVaR) of the symbol's simple returns; losses are negative returns
  --method historical|gaussian|modified|all  (default all)
  --confidence C          in (0.5, 1), default 0.95
  --horizon H             periods (days for daily data), default 1
  --notional N            also report VaR and ES as positive dollar losses on N`;

const OPTIONS = {
  ...DATA_OPTIONS,
  symbol: { type: 'string' },
  method: { type: 'string' },
  confidence: { type: 'string' },
  horizon: { type: 'string' },
  notional: { type: 'string' },
} as const;

const METHODS = {
  historical: historicalVar,
  gaussian: gaussianVar,
  modified: modifiedVar,
} as const;

type MethodName = keyof typeof METHODS;

/** `sigmasight analyze var ...` */
export async function varCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, OPTIONS);
  if (values.help) {
    io.out(`${VAR_HELP}\n\n${DATA_HELP}`);
    return 0;
  }
  if (values.method === 'monte-carlo' || values.method === 'monte_carlo') {
    throw new UsageError('--method monte_carlo needs a factor model of a portfolio, which a price file does not give; use historical, gaussian, modified or all');
  }
  const method = choiceFlag(values.method, 'method', ['historical', 'gaussian', 'modified', 'all'] as const) ?? 'all';
  const confidence = numberFlag(values.confidence, 'confidence') ?? 0.95;
  if (!(confidence > 0.5 && confidence < 1)) throw new UsageError(`--confidence must be between 0.5 and 1 (e.g. 0.95 or 0.99), got "${values.confidence}"`);
  const horizon = integerFlag(values.horizon, 'horizon', 1) ?? 1;
  const notional = positiveFlag(values.notional, 'notional');
  const window = integerFlag(values.window, 'window', 2);

  const table = loadFromFlags(values);
  if (values.symbol === undefined && table.series.length > 1) {
    throw new UsageError(`var needs --symbol; the files hold ${table.series.length} symbols`);
  }
  const series = values.symbol === undefined ? table.series[0] : findSeries(table, values.symbol);
  const returns = lastRows(alignedReturnTable([series]), window);
  const r = returns.columns[0];
  if (r.length < horizon + 1) {
    throw new DataError(`${series.name} has ${r.length} return(s) in the selected range; VaR over ${horizon} period(s) needs at least ${horizon + 1}`);
  }
  const methods: MethodName[] = method === 'all' ? ['historical', 'gaussian', 'modified'] : [method];
  const results: VarResult[] = methods.map((m) => withContext(`${series.name} ${m} VaR`, () => METHODS[m](r, { confidence, horizon, portfolioValue: notional })));

  if (values.json) {
    printJson(io, {
      command: 'var',
      symbol: series.name,
      file: series.file,
      observations: r.length,
      firstDate: returns.dates[0],
      lastDate: returns.dates[returns.dates.length - 1],
      confidence,
      horizon,
      notional: notional ?? null,
      signConvention: 'valueAtRisk and expectedShortfall are horizon returns (negative = loss); varLoss and esLoss are positive dollar losses on the notional',
      results,
    });
    return 0;
  }
  io.out(
    `${series.name}: ${r.length} returns ${returns.dates[0]} to ${returns.dates[returns.dates.length - 1]}, ` +
      `${formatNumber(confidence * 100, 6)}% confidence, ${horizon}-period horizon (VaR and ES as returns; negative = loss)`,
  );
  const header = ['method', 'VaR', 'ES (CVaR)', ...(notional !== undefined ? ['VaR $', 'ES $'] : []), 'sample'];
  io.out(
    renderTable(
      header,
      results.map((v) => [
        v.method,
        formatPercent(v.valueAtRisk, 3),
        formatPercent(v.expectedShortfall, 3),
        ...(notional !== undefined ? [(v.varLoss ?? NaN).toFixed(2), (v.esLoss ?? NaN).toFixed(2)] : []),
        String(v.sampleSize),
      ]),
    ),
  );
  return 0;
}
