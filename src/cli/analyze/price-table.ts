/**
 * Loading price (or return) CSVs for `sigmasight analyze`, and turning them into aligned return tables
 * with the analytics in `src/analytics/returns.ts`.
 *
 * Three layouts, told apart by the header (names are matched case-insensitively):
 * - long: `symbol,date,<value>`, one row per symbol and date;
 * - per-symbol: `date,...` with a price column (`adj_close`, `close`, `price`, or `open`/`high`/`low`/
 *   `volume` beside them) or a `return` column and no `symbol` column, e.g. a Yahoo OHLCV download.
 *   It is one series, named by `SYMBOL=path`, else by the first word of the file name
 *   (`aapl_daily_ohlcv_2013_2018.csv` -> `AAPL`); the whole file name also works as its name;
 * - wide: `date,SYM1,SYM2,...`, one column per symbol (prices, or returns with `--returns`).
 *
 * Value column of long and per-symbol files: `--column` if given, else the first of `adj_close`,
 * `close`, `price`, `return`, `returns`. A `return`/`returns` column holds per-period returns; any
 * other column holds prices. An empty cell (or NA, NaN, null) is a missing value; anything else must
 * be a number, and prices must be positive. Dates are YYYY-MM-DD; rows may come in any order but a
 * symbol may not have the same date twice. Every problem names the file and line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { alignSeries, logReturns, simpleReturns, type DatedSeries } from '../../analytics/returns.js';
import { UsageError } from '../cli-io.js';
import { DataError, dateFlag, isIsoDate, withContext } from './common.js';

/** Prices or per-period returns. */
export type SeriesKind = 'price' | 'return';

/** One symbol's values as read from a file, dates ascending, NaN for a missing value. */
export interface LoadedSeries {
  /** The symbol. */
  name: string;
  /** Other names it answers to: the file name (without .csv) for a per-symbol file. */
  readonly aliases: readonly string[];
  /** The file it came from, as given on the command line. */
  readonly file: string;
  /** The CSV column the values came from. */
  readonly column: string;
  readonly kind: SeriesKind;
  /** True for a series from a per-symbol file that was not named with SYMBOL=path. */
  readonly namedByFile: boolean;
  readonly dates: string[];
  readonly values: Float64Array;
}

/** Every series read from the `--prices` files. */
export interface PriceTable {
  readonly files: readonly string[];
  readonly series: LoadedSeries[];
}

/** How to read the files. */
export interface LoadOptions {
  /** Wide files hold per-period returns, not prices. */
  readonly returns?: boolean;
  /** The value column of long and per-symbol files. */
  readonly column?: string;
  /** Keep rows dated on or after this day (YYYY-MM-DD). */
  readonly from?: string;
  /** Keep rows dated on or before this day (YYYY-MM-DD). */
  readonly to?: string;
}

const PRICE_COLUMNS = ['adj_close', 'close', 'price'];
const RETURN_COLUMNS = ['return', 'returns'];
const VALUE_COLUMNS = [...PRICE_COLUMNS, ...RETURN_COLUMNS];
const OHLCV_COLUMNS = ['open', 'high', 'low', 'volume', ...VALUE_COLUMNS];
const MISSING = new Set(['', 'na', 'nan', 'null']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Splits a `--prices` argument: `SYMBOL=path` or a plain path (a path containing '=' needs a '/' before it). */
export function parsePriceSpec(spec: string): { name?: string; path: string } {
  const m = /^([^=/\\]+)=(.+)$/.exec(spec);
  if (m) return { name: m[1].trim(), path: m[2] };
  return { path: spec };
}

/** The symbol a per-symbol file is known by: the first word of its name, upper-cased (`sp500_daily.csv` -> `SP500`). */
export function symbolFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.csv$/i, '');
  return (base.split(/[_\-. ]/)[0] || base).toUpperCase();
}

/** Reads every `--prices` file into one table. A symbol may come from only one file. */
export function loadPriceTable(specs: readonly string[], options: LoadOptions = {}): PriceTable {
  if (specs.length === 0) throw new UsageError('--prices FILE is required');
  const series: LoadedSeries[] = [];
  const files: string[] = [];
  for (const spec of specs) {
    const { name, path: file } = parsePriceSpec(spec);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new DataError(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
    }
    files.push(file);
    for (const s of parseCsvText(text, file, { ...options, name })) {
      const clash = series.find((o) => o.name === s.name);
      if (clash) {
        throw new DataError(`symbol ${s.name} is in both ${clash.file} and ${s.file}; name one of them with --prices OTHER=${s.file}`);
      }
      series.push(s);
    }
  }
  return { files, series };
}

interface CsvRow {
  readonly cells: string[];
  readonly line: number;
}

function readRows(text: string, file: string): { header: string[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      const counts = /expect (\d+), got (\d+)/.exec(e.message);
      const detail = e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' && counts ? `${counts[2]} fields where the header has ${counts[1]}` : e.message;
      throw new DataError(`${file} line ${line ?? '?'}: malformed CSV: ${detail}`);
    }
    throw e;
  }
  if (records.length === 0) throw new DataError(`${file}: the file is empty`);
  const header = records[0].record;
  if (records.length === 1) throw new DataError(`${file}: no data rows after the header`);
  return { header, rows: records.slice(1).map((r) => ({ cells: r.record, line: r.info.lines })) };
}

function indexOf(header: readonly string[], name: string): number {
  const lower = name.toLowerCase();
  return header.findIndex((h) => h.toLowerCase() === lower);
}

/** Builds series from one CSV's text; `name` is the SYMBOL of `SYMBOL=path`. Exported for tests. */
export function parseCsvText(text: string, file: string, options: LoadOptions & { name?: string } = {}): LoadedSeries[] {
  const { header, rows } = readRows(text, file);
  const dateCol = indexOf(header, 'date');
  if (dateCol < 0) throw new DataError(`${file}: no "date" column (columns: ${header.join(', ')})`);
  const symbolCol = indexOf(header, 'symbol');
  const lowerHeader = header.map((h) => h.toLowerCase());
  const perSymbol = symbolCol < 0 && (options.column !== undefined || lowerHeader.some((h) => OHLCV_COLUMNS.includes(h)));
  const inRange = (date: string): boolean => (options.from === undefined || date >= options.from) && (options.to === undefined || date <= options.to);

  if (symbolCol >= 0 || perSymbol) {
    const valueCol = options.column !== undefined ? indexOf(header, options.column) : VALUE_COLUMNS.map((c) => indexOf(header, c)).find((i) => i >= 0) ?? -1;
    if (valueCol < 0) {
      const wanted = options.column !== undefined ? `a "${options.column}" column (--column)` : `a value column (${VALUE_COLUMNS.join(', ')})`;
      throw new DataError(`${file}: no ${wanted}; columns: ${header.join(', ')}`);
    }
    const column = header[valueCol];
    const kind = seriesKind(column, options.returns ?? false, file);
    if (symbolCol >= 0) {
      if (options.name !== undefined) throw new UsageError(`--prices ${options.name}=${file}: the file has a symbol column, so it cannot be given one name`);
      const bySymbol = new Map<string, Builder>();
      for (const row of rows) {
        const symbol = row.cells[symbolCol];
        if (symbol === '') throw new DataError(`${file} line ${row.line}: empty symbol`);
        const date = readDate(row, dateCol, file);
        if (!inRange(date)) continue;
        let b = bySymbol.get(symbol);
        if (!b) bySymbol.set(symbol, (b = new Builder(symbol, file, column)));
        b.add(date, readValue(row, valueCol, column, kind, file, symbol), row.line);
      }
      return [...bySymbol.values()].map((b) => b.build(kind, [], false));
    }
    const name = options.name ?? symbolFromFileName(file);
    const b = new Builder(name, file, column);
    for (const row of rows) {
      const date = readDate(row, dateCol, file);
      if (inRange(date)) b.add(date, readValue(row, valueCol, column, kind, file, name), row.line);
    }
    return [b.build(kind, [path.basename(file).replace(/\.csv$/i, '')], options.name === undefined)];
  }

  // Wide: every column but the date is a symbol.
  if (options.name !== undefined) throw new UsageError(`--prices ${options.name}=${file}: the file has one column per symbol, so it cannot be given one name`);
  const kind: SeriesKind = options.returns ? 'return' : 'price';
  const builders: (Builder | null)[] = header.map((h, j) => {
    if (j === dateCol) return null;
    if (h === '') throw new DataError(`${file} line 1: column ${j + 1} has no name`);
    if (header.indexOf(h) !== j) throw new DataError(`${file} line 1: column "${h}" appears twice`);
    return new Builder(h, file, h);
  });
  if (builders.every((b) => b === null)) throw new DataError(`${file}: no value columns besides "date"`);
  for (const row of rows) {
    const date = readDate(row, dateCol, file);
    if (!inRange(date)) continue;
    builders.forEach((b, j) => b?.add(date, readValue(row, j, header[j], kind, file, header[j], ' (if the file holds returns, add --returns)'), row.line));
  }
  return builders.filter((b): b is Builder => b !== null).map((b) => b.build(kind, [], false));
}

function seriesKind(column: string, returnsFlag: boolean, file: string): SeriesKind {
  const c = column.toLowerCase();
  if (RETURN_COLUMNS.includes(c)) return 'return';
  if (!returnsFlag) return 'price';
  if (OHLCV_COLUMNS.includes(c)) throw new DataError(`${file}: --returns was given but the values come from the price column "${column}"`);
  return 'return';
}

function readDate(row: CsvRow, col: number, file: string): string {
  const date = row.cells[col];
  if (!isIsoDate(date)) throw new DataError(`${file} line ${row.line}: date "${date}" is not a date YYYY-MM-DD`);
  return date;
}

function readValue(row: CsvRow, col: number, column: string, kind: SeriesKind, file: string, symbol: string, hint = ''): number {
  const cell = row.cells[col];
  if (MISSING.has(cell.toLowerCase())) return NaN;
  if (!NUMBER.test(cell)) throw new DataError(`${file} line ${row.line}: ${column} "${cell}" is not a number`);
  const v = Number(cell);
  if (kind === 'price' && !(v > 0)) throw new DataError(`${file} line ${row.line}: ${symbol} price ${cell} is not positive${hint}`);
  return v;
}

/** Collects one symbol's rows, then sorts them by date and rejects a repeated date. */
class Builder {
  private readonly rows: { date: string; value: number; line: number }[] = [];
  constructor(
    readonly name: string,
    readonly file: string,
    readonly column: string,
  ) {}

  add(date: string, value: number, line: number): void {
    this.rows.push({ date, value, line });
  }

  build(kind: SeriesKind, aliases: string[], namedByFile: boolean): LoadedSeries {
    const rows = this.rows;
    rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
    for (let i = 1; i < rows.length; i++) {
      if (rows[i].date === rows[i - 1].date) {
        throw new DataError(`${this.file} line ${rows[i].line}: ${this.name} has date ${rows[i].date} twice (also line ${rows[i - 1].line})`);
      }
    }
    return {
      name: this.name,
      aliases,
      file: this.file,
      column: this.column,
      kind,
      namedByFile,
      dates: rows.map((r) => r.date),
      values: Float64Array.from(rows, (r) => r.value),
    };
  }
}

/** Symbols of the table for a message, at most 40. */
export function describeSymbols(table: PriceTable): string {
  const names = table.series.map((s) => s.name);
  return names.length <= 40 ? names.join(', ') : `${names.slice(0, 40).join(', ')} and ${names.length - 40} more`;
}

/**
 * The series a command-line symbol refers to: exact name, else the unique case-insensitive match of a
 * name or alias. When the table is a single per-symbol file not named with SYMBOL=path, `--symbol`
 * names it (so `--prices aapl.csv --symbol AAPL` works whatever the file is called) unless
 * `nameSingleFile` is false.
 */
export function findSeries(table: PriceTable, ref: string, options: { nameSingleFile?: boolean } = {}): LoadedSeries {
  const exact = table.series.find((s) => s.name === ref);
  if (exact) return exact;
  const lower = ref.toLowerCase();
  const byName = table.series.filter((s) => s.name.toLowerCase() === lower);
  if (byName.length === 1) return byName[0];
  const byAlias = table.series.filter((s) => s.aliases.some((a) => a.toLowerCase() === lower));
  if (byAlias.length === 1) return byAlias[0];
  if (byName.length + byAlias.length > 1) throw new DataError(`symbol "${ref}" is ambiguous: it matches ${[...byName, ...byAlias].map((s) => s.name).join(', ')}`);
  if ((options.nameSingleFile ?? true) && table.series.length === 1 && table.series[0].namedByFile) {
    table.series[0].name = ref;
    return table.series[0];
  }
  throw new DataError(`unknown symbol "${ref}": ${table.files.join(', ')} ${table.files.length === 1 ? 'holds' : 'hold'} ${describeSymbols(table)}`);
}

/** Per-period returns of several series on one date axis: `columns[j][t]` is series j over the period ending `dates[t]`. */
export interface ReturnTable {
  readonly names: string[];
  readonly dates: string[];
  readonly columns: Float64Array[];
  /** The price date the first return starts from (all-price input), else null. */
  readonly baseDate: string | null;
}

/** Simple or log returns. */
export type ReturnType = 'simple' | 'log';

function returnFn(type: ReturnType): (prices: ArrayLike<number>) => Float64Array {
  return type === 'log' ? logReturns : simpleReturns;
}

function requirePricesForLog(series: readonly LoadedSeries[], type: ReturnType): void {
  const held = series.find((s) => s.kind === 'return');
  if (type === 'log' && held) throw new UsageError(`--return-type log needs prices, but ${held.name} (${held.file}) holds returns`);
}

function finiteOnly(s: LoadedSeries): DatedSeries {
  const keep: number[] = [];
  for (let i = 0; i < s.values.length; i++) if (Number.isFinite(s.values[i])) keep.push(i);
  return { dates: keep.map((i) => s.dates[i]), values: Float64Array.from(keep, (i) => s.values[i]) };
}

/**
 * Returns of the series on the dates they all share (inner join, nothing filled), the convention of
 * `alignedReturns`: price series are aligned first and each return spans the same two dates in every
 * series; return series are aligned as they are. Mixing the two, each price series is first turned
 * into returns on its own dates.
 */
export function alignedReturnTable(series: readonly LoadedSeries[], type: ReturnType = 'simple'): ReturnTable {
  requirePricesForLog(series, type);
  const names = series.map((s) => s.name);
  const label = names.join(', ');
  const f = returnFn(type);
  if (series.every((s) => s.kind === 'price')) {
    const aligned = withContext(label, () => alignSeries(series));
    if (aligned.dates.length < 2) {
      throw new DataError(`${series.length === 1 ? `${label} has` : `${label} share`} ${aligned.dates.length} price date(s) in the selected range; returns need at least 2`);
    }
    return {
      names,
      dates: aligned.dates.slice(1),
      columns: aligned.values.map((p, j) => withContext(names[j], () => f(p))),
      baseDate: aligned.dates[0],
    };
  }
  const asReturns: DatedSeries[] = series.map((s) => {
    if (s.kind === 'return') return s;
    const p = finiteOnly(s);
    if (p.dates.length < 2) throw new DataError(`${s.name} has ${p.dates.length} price(s) in the selected range; returns need at least 2`);
    return { dates: p.dates.slice(1), values: withContext(s.name, () => f(p.values)) };
  });
  const aligned = withContext(label, () => alignSeries(asReturns));
  if (aligned.dates.length === 0) throw new DataError(`${series.length === 1 ? `${label} has` : `${label} share`} no returns in the selected range`);
  return { names, dates: aligned.dates, columns: aligned.values, baseDate: null };
}

/**
 * Returns on the union of the series' dates with NaN where a series has no return, for pairwise-complete
 * statistics: a price series' return on a date needs its prices on that date and on the previous date of
 * the union axis (like pandas `pct_change(fill_method=None)` on the joined frame). Dates on which no
 * series has a return are dropped.
 */
export function unionReturnTable(series: readonly LoadedSeries[], type: ReturnType = 'simple'): ReturnTable {
  requirePricesForLog(series, type);
  const f = returnFn(type);
  const axis = [...new Set(series.flatMap((s) => s.dates))].sort();
  const position = new Map(axis.map((d, i) => [d, i]));
  const full = series.map((s) => {
    const out = new Float64Array(axis.length).fill(NaN);
    s.dates.forEach((d, i) => (out[position.get(d)!] = s.values[i]));
    if (s.kind === 'return') return out;
    const ret = new Float64Array(axis.length).fill(NaN);
    // Each run of consecutive present prices gives returns for the dates after its first.
    let start = 0;
    while (start < axis.length) {
      while (start < axis.length && !Number.isFinite(out[start])) start++;
      let end = start;
      while (end < axis.length && Number.isFinite(out[end])) end++;
      if (end - start >= 2) ret.set(withContext(s.name, () => f(out.subarray(start, end))), start + 1);
      start = end;
    }
    return ret;
  });
  const keep: number[] = [];
  for (let t = 0; t < axis.length; t++) if (full.some((c) => Number.isFinite(c[t]))) keep.push(t);
  return {
    names: series.map((s) => s.name),
    dates: keep.map((t) => axis[t]),
    columns: full.map((c) => Float64Array.from(keep, (t) => c[t])),
    baseDate: null,
  };
}

/** The last `window` rows of a return table (all of it when `window` is undefined). */
export function lastRows(table: ReturnTable, window: number | undefined): ReturnTable {
  if (window === undefined) return table;
  if (table.dates.length < window) {
    throw new DataError(`--window ${window} needs ${window} returns, but ${table.names.join(', ')} ${table.names.length === 1 ? 'has' : 'share'} ${table.dates.length}`);
  }
  const from = table.dates.length - window;
  return {
    names: table.names,
    dates: table.dates.slice(from),
    columns: table.columns.map((c) => c.slice(from)),
    baseDate: table.baseDate === null ? null : from === 0 ? table.baseDate : table.dates[from - 1],
  };
}

/** The data flags shared by the subcommands that read CSVs. */
export interface DataFlags {
  readonly prices?: string[];
  readonly returns?: boolean;
  readonly column?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Validates the data flags and loads the `--prices` files. */
export function loadFromFlags(values: DataFlags): PriceTable {
  const from = dateFlag(values.from, 'from');
  const to = dateFlag(values.to, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  return loadPriceTable(values.prices ?? [], { returns: values.returns, column: values.column, from, to });
}
