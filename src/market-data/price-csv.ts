/**
 * Reads daily price files. Pure: text in, bars and per-row rejections out.
 *
 * Two layouts, told apart by the header (names are matched without case, spaces or underscores):
 * - per symbol, as Yahoo Finance downloads them: `Date,Open,High,Low,Close,Adj Close,Volume`, one
 *   file per symbol; the symbol is the file's name (`MSFT.csv` -> MSFT) unless given explicitly.
 *   `Adj Close` may be absent (`date,open,high,low,close,volume`).
 * - long: `symbol,date,open,high,low,close,adj_close,volume`, any number of symbols; `adj_close`
 *   may be absent.
 * Column order does not matter; unknown columns are ignored.
 *
 * A file is malformed, and nothing of it is used, when it is not CSV (ragged rows, a broken quote),
 * has no header, lacks a required column (date, open, high, low, close, volume; symbol in the long
 * layout) or names one twice, or when its name gives no valid symbol. A row whose values cannot be
 * read (not a number, `null` as Yahoo writes for days without data, a date that is not
 * YYYY-MM-DD) is rejected on its own with the file line and the field named; the rest of the file
 * stands. Deeper checks (high >= low, jumps...) are bar-validation.ts's, applied when storing.
 */
import { CsvError, parse } from 'csv-parse/sync';
import path from 'node:path';
import { isIsoDate, type DailyBar, type IsoDate } from './types.js';

/** data_source of bars imported from files. */
export const IMPORT_DATA_SOURCE = 'import';

/** Which layout a file has. */
export type PriceFileLayout = 'per-symbol' | 'long';

/** A bar read from a file, with the file line it came from (the header is line 1). */
export type ParsedPriceBar = Omit<DailyBar, 'adjustment'> & { line: number };

/** A row that could not be read, and why. */
export interface PriceRowRejection {
  line: number;
  /** As written in the row (or the file's symbol), possibly empty. */
  symbol: string;
  /** As written in the row, possibly empty. */
  date: string;
  reason: string;
}

/** A parsed file. */
export interface ParsedPriceFile {
  layout: PriceFileLayout;
  bars: ParsedPriceBar[];
  rejected: PriceRowRejection[];
}

/** The file cannot be used at all; `line` is set when one line is at fault. */
export class PriceFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : ` line ${line}`}: ${message}`);
    this.name = 'PriceFileError';
  }
}

// Tickers as providers spell them, including index symbols such as ^GSPC.
const SYMBOL = /^\^?[A-Z0-9][A-Z0-9.\-^=]{0,30}$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const REQUIRED = ['date', 'open', 'high', 'low', 'close', 'volume'] as const;

const normalise = (name: string) => name.toLowerCase().replace(/[\s_]/g, '');

/** The symbol a per-symbol file's name gives (`data/msft.csv` -> `MSFT`), or null. */
export function symbolFromFileName(file: string): string | null {
  const base = path.basename(file).replace(/\.(csv|txt)$/i, '').trim().toUpperCase();
  return SYMBOL.test(base) ? base : null;
}

/**
 * Parses one price file; see the module comment. `file` names the file in messages and, for the
 * per-symbol layout, gives the symbol unless `symbol` is set. Throws {@link PriceFileError} when
 * the file is malformed.
 *
 * @example
 * const { bars, rejected } = parsePriceCsv(readFileSync('MSFT.csv', 'utf8'), { file: 'MSFT.csv' });
 */
export function parsePriceCsv(text: string, options: { file: string; symbol?: string }): ParsedPriceFile {
  const { file } = options;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) throw new PriceFileError(file, `not a readable CSV file: ${e.message}`);
    throw e;
  }
  if (records.length === 0) throw new PriceFileError(file, 'is empty (no header row)');
  const header = records[0].record.map(normalise);
  const headerLine = records[0].info.lines;
  const position = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') return;
    if (position.has(name)) throw new PriceFileError(file, `names column "${records[0].record[i]}" twice`, headerLine);
    position.set(name, i);
  });
  const layout: PriceFileLayout = position.has('symbol') ? 'long' : 'per-symbol';
  const missing = REQUIRED.filter((c) => !position.has(c));
  if (missing.length > 0) {
    throw new PriceFileError(
      file,
      `the header lacks ${missing.join(', ')}; expected Date,Open,High,Low,Close,Adj Close,Volume (one symbol per file) ` +
        'or symbol,date,open,high,low,close,adj_close,volume',
      headerLine,
    );
  }
  let fileSymbol: string | null = null;
  if (layout === 'per-symbol') {
    if (options.symbol !== undefined) {
      fileSymbol = options.symbol.trim().toUpperCase();
      if (!SYMBOL.test(fileSymbol)) throw new PriceFileError(file, `"${options.symbol}" is not a valid symbol`);
    } else {
      fileSymbol = symbolFromFileName(file);
      if (!fileSymbol) throw new PriceFileError(file, 'its name gives no valid symbol; name the file after the symbol (MSFT.csv) or pass --symbol');
    }
  } else if (options.symbol !== undefined) {
    throw new PriceFileError(file, 'has a symbol column, so --symbol does not apply to it');
  }

  const col = (name: string) => position.get(name);
  const [iDate, iOpen, iHigh, iLow, iClose, iVolume] = REQUIRED.map((c) => col(c)!);
  const iAdj = col('adjclose');
  const iSymbol = col('symbol');
  const bars: ParsedPriceBar[] = [];
  const rejected: PriceRowRejection[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const symbol = iSymbol === undefined ? fileSymbol! : record[iSymbol].toUpperCase();
    const date = record[iDate];
    const problems: string[] = [];
    if (iSymbol !== undefined && !SYMBOL.test(symbol)) problems.push(`symbol "${record[iSymbol]}" is not a valid ticker`);
    if (!isIsoDate(date)) problems.push(`date "${date}" is not a YYYY-MM-DD date`);
    const num = (i: number, field: string): number => {
      const cell = record[i];
      if (!NUMBER.test(cell)) {
        problems.push(cell === '' || cell.toLowerCase() === 'null' ? `${field} is missing` : `${field} "${cell}" is not a number`);
        return NaN;
      }
      return Number(cell);
    };
    const open = num(iOpen, 'open');
    const high = num(iHigh, 'high');
    const low = num(iLow, 'low');
    const close = num(iClose, 'close');
    const adjCell = iAdj === undefined ? '' : record[iAdj];
    const adjClose = iAdj === undefined || adjCell === '' || adjCell.toLowerCase() === 'null' ? null : num(iAdj, 'adj close');
    const volume = num(iVolume, 'volume');
    if (problems.length > 0) {
      rejected.push({ line, symbol, date, reason: `${problems.join('; ')}.` });
      continue;
    }
    bars.push({ line, symbol, date, open, high, low, close, adjClose, volume });
  }
  return { layout, bars, rejected };
}
