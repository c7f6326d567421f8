/**
 * `sigmasight analyze metrics`: per-symbol performance and risk figures from a price or return CSV,
 * computed by src/analytics (returns, volatility, performance, drawdown, statistics).
 */
import { maxDrawdown, wealthIndex } from '../../analytics/drawdown.js';
import { calmarRatio, sharpeRatio, sortinoRatio } from '../../analytics/performance.js';
import { annualizedReturn, cumulativeReturn } from '../../analytics/returns.js';
import { excessKurtosis, skewness } from '../../analytics/statistics.js';
import { REALIZED_VOL_WINDOWS, realizedVolatilities, realizedVolatility } from '../../analytics/volatility.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { DATA_HELP, DATA_OPTIONS, DataError, integerFlag, listFlag, numberFlag, optional, parseFlags, periodsPerYearFlag, withContext } from './common.js';
import { formatNumber, formatPercent, printJson, renderPairs, renderTable } from './output.js';
import { alignedReturnTable, findSeries, lastRows, loadFromFlags, type LoadedSeries, type PriceTable } from './price-table.js';

export const METRICS_HELP = `sigmasight analyze metrics --prices FILE [--symbol SYM | --symbols A,B] [flags]
  return, volatility, Sharpe, Sortino, Calmar, max drawdown and moments of each symbol (default: every symbol)
  --rf SYM|RATE           per-period risk-free returns for Sharpe: a symbol (column) or a constant
  --mar RATE              per-period minimum acceptable return for Sortino (default 0)
  --vol-windows 21,63,252 realized-volatility windows in periods (default 21,63,252)`;

const OPTIONS = {
  ...DATA_OPTIONS,
  symbol: { type: 'string' },
  symbols: { type: 'string' },
  rf: { type: 'string' },
  mar: { type: 'string' },
  'vol-windows': { type: 'string' },
} as const;

/** A risk-free rate: the returns of a symbol in the data, or a constant per period. */
export type RiskFree = { symbol: LoadedSeries } | { constant: number };

/** `--rf`: a symbol of the data, else a number (a constant per-period rate). */
export function resolveRiskFree(table: PriceTable, value: string | undefined): RiskFree | undefined {
  if (value === undefined) return undefined;
  if (table.series.some((s) => s.name.toLowerCase() === value.toLowerCase())) return { symbol: findSeries(table, value) };
  const constant = /^[+-]?[\d.]/.test(value) ? numberFlag(value, 'rf') : undefined;
  if (constant !== undefined) return { constant };
  return { symbol: findSeries(table, value, { nameSingleFile: false }) };
}

/** What `--rf` was, for the report. */
export function describeRiskFree(rf: RiskFree | undefined): string | number | null {
  if (rf === undefined) return null;
  return 'symbol' in rf ? rf.symbol.name : rf.constant;
}

/** The figures of one symbol. */
export interface SymbolMetrics {
  symbol: string;
  file: string;
  kind: 'price' | 'return';
  observations: number;
  /** The price date the first return starts from (price input), else null. */
  startDate: string | null;
  firstDate: string;
  lastDate: string;
  cumulativeReturn: number;
  annualizedReturn: number | null;
  annualizedVolatility: number;
  realizedVolatility: { window: number; volatility: number | null }[];
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  calmarRatio: number | null;
  maxDrawdown: { maxDrawdown: number; peakDate: string | null; troughDate: string | null; recoveryDate: string | null };
  skewness: number | null;
  excessKurtosis: number | null;
  notes: string[];
}

/** Computes the metrics of one symbol (over the dates it shares with the risk-free series, if any). */
export function symbolMetrics(
  series: LoadedSeries,
  options: { periodsPerYear: number; riskFree?: RiskFree; mar: number; volWindows: readonly number[]; window?: number },
): SymbolMetrics {
  const rfSeries = options.riskFree && 'symbol' in options.riskFree ? options.riskFree.symbol : undefined;
  if (rfSeries === series) throw new UsageError(`--rf ${series.name} is the symbol being analyzed`);
  const table = lastRows(alignedReturnTable(rfSeries ? [series, rfSeries] : [series]), options.window);
  const r = table.columns[0];
  const name = series.name;
  if (r.length < 2) {
    throw new DataError(`${name} has ${r.length} return(s)${rfSeries ? ` on dates shared with ${rfSeries.name}` : ''} in the selected range; metrics need at least 2`);
  }
  const P = options.periodsPerYear;
  const riskFree = rfSeries ? table.columns[1] : options.riskFree && 'constant' in options.riskFree ? options.riskFree.constant : 0;
  const notes: string[] = [];
  // The wealth path starts one point before the first return: at the base price date, or 'start'.
  const levelDates = [table.baseDate ?? 'start', ...table.dates];
  const dd = withContext(name, () => maxDrawdown(wealthIndex(r), levelDates));
  return {
    symbol: name,
    file: series.file,
    kind: series.kind,
    observations: r.length,
    startDate: table.baseDate,
    firstDate: table.dates[0],
    lastDate: table.dates[table.dates.length - 1],
    cumulativeReturn: withContext(name, () => cumulativeReturn(r)),
    annualizedReturn: optional('annualizedReturn', notes, () => annualizedReturn(r, P)),
    annualizedVolatility: withContext(name, () => realizedVolatility(r, { periodsPerYear: P })),
    realizedVolatility: withContext(name, () => realizedVolatilities(r, { windows: options.volWindows, periodsPerYear: P })).map((w) => ({ window: w.window, volatility: w.volatility })),
    sharpeRatio: optional('sharpeRatio', notes, () => sharpeRatio(r, { riskFree, periodsPerYear: P })),
    sortinoRatio: optional('sortinoRatio', notes, () => sortinoRatio(r, { mar: options.mar })),
    calmarRatio: optional('calmarRatio', notes, () => calmarRatio(r, P)),
    maxDrawdown: { maxDrawdown: dd.maxDrawdown, peakDate: dd.peakDate, troughDate: dd.troughDate, recoveryDate: dd.recoveryDate },
    skewness: optional('skewness', notes, () => skewness(r)),
    excessKurtosis: optional('excessKurtosis', notes, () => excessKurtosis(r)),
    notes,
  };
}

/** `sigmasight analyze metrics ...` */
export async function metricsCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, OPTIONS);
  if (values.help) {
    io.out(`${METRICS_HELP}\n\n${DATA_HELP}`);
    return 0;
  }
  if (values.symbol !== undefined && values.symbols !== undefined) throw new UsageError('give --symbol or --symbols, not both');
  const periodsPerYear = periodsPerYearFlag(values['periods-per-year']);
  const window = integerFlag(values.window, 'window', 2);
  const mar = numberFlag(values.mar, 'mar') ?? 0;
  const volWindows = (listFlag(values['vol-windows'], 'vol-windows') ?? REALIZED_VOL_WINDOWS.map(String)).map((w) => integerFlag(w, 'vol-windows', 2)!);
  const table = loadFromFlags(values);
  const riskFree = resolveRiskFree(table, values.rf);
  const wanted = values.symbol !== undefined ? [values.symbol] : listFlag(values.symbols, 'symbols');
  const selected = wanted
    ? wanted.map((s) => findSeries(table, s))
    : table.series.filter((s) => !(riskFree && 'symbol' in riskFree && riskFree.symbol === s));
  if (selected.length === 0) throw new DataError(`no symbol to analyze besides the risk-free ${describeRiskFree(riskFree)}`);
  const results = selected.map((s) => symbolMetrics(s, { periodsPerYear, riskFree, mar, volWindows, window }));

  if (values.json) {
    printJson(io, { command: 'metrics', periodsPerYear, riskFree: describeRiskFree(riskFree), mar, window: window ?? null, results });
    return 0;
  }
  const rfText = riskFree === undefined ? '0' : String(describeRiskFree(riskFree));
  if (results.length === 1) {
    const m = results[0];
    io.out(
      renderPairs([
        ['Symbol', `${m.symbol} (${m.kind === 'price' ? 'prices' : 'returns'} from ${m.file})`],
        ['Returns', `${m.observations}, ${m.startDate ?? m.firstDate} to ${m.lastDate}, ${periodsPerYear} per year`],
        ['Cumulative return', formatPercent(m.cumulativeReturn)],
        ['Annualized return', formatPercent(m.annualizedReturn)],
        ['Annualized volatility', formatPercent(m.annualizedVolatility)],
        ...m.realizedVolatility.map((w): [string, string] => [`Realized vol, last ${w.window}`, w.volatility === null ? '- (too few returns)' : formatPercent(w.volatility)]),
        [`Sharpe (rf ${rfText})`, formatNumber(m.sharpeRatio, 4)],
        [`Sortino (MAR ${mar}, per period)`, formatNumber(m.sortinoRatio, 4)],
        ['Calmar', formatNumber(m.calmarRatio, 4)],
        ['Max drawdown', `${formatPercent(m.maxDrawdown.maxDrawdown)}  peak ${m.maxDrawdown.peakDate}, trough ${m.maxDrawdown.troughDate}, recovered ${m.maxDrawdown.recoveryDate ?? 'not yet'}`],
        ['Skewness', formatNumber(m.skewness, 4)],
        ['Excess kurtosis', formatNumber(m.excessKurtosis, 4)],
      ]),
    );
  } else {
    io.out(
      renderTable(
        ['symbol', 'n', 'first', 'last', 'cum ret', 'ann ret', 'ann vol', `Sharpe(rf ${rfText})`, 'Sortino', 'Calmar', 'max DD', 'peak', 'trough', 'skew', 'ex kurt'],
        results.map((m) => [
          m.symbol,
          String(m.observations),
          m.firstDate,
          m.lastDate,
          formatPercent(m.cumulativeReturn),
          formatPercent(m.annualizedReturn),
          formatPercent(m.annualizedVolatility),
          formatNumber(m.sharpeRatio, 4),
          formatNumber(m.sortinoRatio, 4),
          formatNumber(m.calmarRatio, 4),
          formatPercent(m.maxDrawdown.maxDrawdown),
          m.maxDrawdown.peakDate ?? '-',
          m.maxDrawdown.troughDate ?? '-',
          formatNumber(m.skewness, 4),
          formatNumber(m.excessKurtosis, 4),
        ]),
      ),
    );
  }
  for (const m of results) for (const note of m.notes) io.err(`note: ${m.symbol} ${note}`);
  return 0;
}
