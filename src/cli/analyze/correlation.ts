/**
 * `sigmasight analyze correlation`: Pearson correlation matrix of several symbols' returns, by
 * src/analytics/correlation.ts.
 */
import { correlationMatrix } from '../../analytics/correlation.js';
import { UsageError, type CliIo } from '../cli-io.js';
import { choiceFlag, DATA_HELP, DATA_OPTIONS, DataError, integerFlag, listFlag, parseFlags, withContext } from './common.js';
import { printJson, renderTable } from './output.js';
import { alignedReturnTable, findSeries, lastRows, loadFromFlags, unionReturnTable, type ReturnType } from './price-table.js';

export const CORRELATION_HELP = `sigmasight analyze correlation --prices FILE [--symbols A,B,C] [flags]
  Pearson correlation matrix of the symbols' returns (default: every symbol in the files)
  --method complete|pairwise  complete (default): only the dates every symbol has;
                          pairwise: each pair on the dates both have (pandas DataFrame.corr)
  --return-type simple|log  (default simple; log needs prices)`;

const OPTIONS = {
  ...DATA_OPTIONS,
  symbols: { type: 'string' },
  method: { type: 'string' },
  'return-type': { type: 'string' },
} as const;

/** `sigmasight analyze correlation ...` */
export async function correlationCommand(args: string[], io: CliIo): Promise<number> {
  const values = parseFlags(args, OPTIONS);
  if (values.help) {
    io.out(`${CORRELATION_HELP}\n\n${DATA_HELP}`);
    return 0;
  }
  const method = choiceFlag(values.method, 'method', ['complete', 'pearson', 'pairwise'] as const) ?? 'complete';
  const pairwise = method === 'pairwise';
  const returnType: ReturnType = choiceFlag(values['return-type'], 'return-type', ['simple', 'log'] as const) ?? 'simple';
  const window = integerFlag(values.window, 'window', 2);
  const wanted = listFlag(values.symbols, 'symbols');
  if (wanted !== undefined && wanted.length < 2) throw new UsageError('--symbols needs at least two symbols, like A,B');
  const table = loadFromFlags(values);
  const series = wanted ? wanted.map((s) => findSeries(table, s, { nameSingleFile: false })) : table.series;
  if (series.length < 2) throw new DataError(`a correlation needs at least two symbols; ${table.files.join(', ')} hold only ${series.map((s) => s.name).join(', ')}`);
  const repeated = series.find((s, i) => series.indexOf(s) !== i);
  if (repeated) throw new UsageError(`${repeated.name} is listed twice in --symbols`);

  const returns = lastRows(pairwise ? unionReturnTable(series, returnType) : alignedReturnTable(series, returnType), window);
  const names = returns.names;
  const label = names.join(', ');
  const m = withContext(label, () => correlationMatrix(returns.columns, { missing: pairwise ? 'pairwise' : 'error' }));
  const k = names.length;
  const matrix = names.map((_, i) => Array.from(m.data.subarray(i * k, (i + 1) * k)));
  // Observations behind each entry: every date for complete data, the dates both have for pairwise.
  const pairObservations = names.map((_, i) =>
    names.map((__, j) => {
      let n = 0;
      for (let t = 0; t < returns.dates.length; t++) if (!Number.isNaN(returns.columns[i][t]) && !Number.isNaN(returns.columns[j][t])) n++;
      return n;
    }),
  );

  if (values.json) {
    printJson(io, {
      command: 'correlation',
      method: pairwise ? 'pairwise' : 'complete',
      returnType,
      window: window ?? null,
      symbols: names,
      observations: returns.dates.length,
      firstDate: returns.dates[0] ?? null,
      lastDate: returns.dates[returns.dates.length - 1] ?? null,
      matrix,
      ...(pairwise ? { pairObservations } : {}),
    });
    return 0;
  }
  io.out(
    `Pearson correlation of ${returnType} returns, ${pairwise ? 'pairwise-complete' : 'common dates only'}, ` +
      `${returns.dates.length} dates ${returns.dates[0]} to ${returns.dates[returns.dates.length - 1]}`,
  );
  io.out(renderTable(['', ...names], names.map((name, i) => [name, ...matrix[i].map((v) => v.toFixed(6))])));
  if (pairwise) {
    io.out('\nObservations per pair');
    io.out(renderTable(['', ...names], names.map((name, i) => [name, ...pairObservations[i].map(String)])));
  }
  return 0;
}
