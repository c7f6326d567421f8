/**
 * Reads short-selling files: `symbol,date,cost_to_borrow_rate,short_interest,short_interest_ratio,days_to_cover`
 * with an optional `shares_available` column. Pure: text in, metrics and per-row rejections out.
 *
 * Units are the table's (see short-selling.ts): borrow rate and short-interest ratio in percent,
 * days to cover in days, share counts in shares. An empty cell is an unknown figure (null). A row
 * whose values cannot be read, or that fails shortSellingProblems (negative figures, fractional
 * share counts, a future date, no figure at all), is rejected with its line and the field named.
 * A file without a header, with ragged rows or without a required column is malformed
 * ({@link PriceFileError}) and nothing of it is used.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { PriceFileError } from './price-csv.js';
import { shortSellingProblems, type ShortSellingMetric } from './short-selling.js';
import type { IsoDate } from './types.js';

/** A metric read from a file, with its line (the header is line 1). */
export interface ParsedShortSellingRow extends ShortSellingMetric {
  line: number;
}

/** A row that could not be used, and why. */
export interface ShortSellingRowRejection {
  line: number;
  symbol: string;
  date: string;
  reason: string;
}

const REQUIRED = ['symbol', 'date', 'cost_to_borrow_rate', 'short_interest', 'short_interest_ratio', 'days_to_cover'] as const;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses a short-selling file; `today` bounds the dates. Throws {@link PriceFileError} when the
 * file is malformed.
 *
 * @example
 * const { rows, rejected } = parseShortSellingCsv(text, { file: 'borrow.csv', today: '2024-06-28' });
 */
export function parseShortSellingCsv(text: string, options: { file: string; today: IsoDate }): { rows: ParsedShortSellingRow[]; rejected: ShortSellingRowRejection[] } {
  const { file } = options;
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, bom: true, trim: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) throw new PriceFileError(file, `not a readable CSV file: ${e.message}`);
    throw e;
  }
  if (records.length === 0) throw new PriceFileError(file, 'is empty (no header row)');
  const header = records[0].record.map((h) => h.toLowerCase().replace(/\s+/g, '_'));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new PriceFileError(file, `the header lacks ${missing.join(', ')}; expected ${REQUIRED.join(',')}[,shares_available]`, records[0].info.lines);
  }
  const at = (name: string) => header.indexOf(name);
  const iShares = at('shares_available');
  const rows: ParsedShortSellingRow[] = [];
  const rejected: ShortSellingRowRejection[] = [];
  for (const { record, info } of records.slice(1)) {
    const symbol = record[at('symbol')].toUpperCase();
    const date = record[at('date')];
    const problems: string[] = [];
    const num = (i: number, field: string): number | null => {
      if (i < 0) return null;
      const cell = record[i].replace(/,/g, '');
      if (cell === '') return null;
      if (!NUMBER.test(cell)) {
        problems.push(`${field} "${record[i]}" is not a number`);
        return null;
      }
      return Number(cell);
    };
    const metric: ShortSellingMetric = {
      symbol,
      metricDate: date,
      costToBorrowRate: num(at('cost_to_borrow_rate'), 'cost_to_borrow_rate'),
      shortInterest: num(at('short_interest'), 'short_interest'),
      shortInterestRatio: num(at('short_interest_ratio'), 'short_interest_ratio'),
      daysToCover: num(at('days_to_cover'), 'days_to_cover'),
      sharesAvailable: num(iShares, 'shares_available'),
    };
    if (problems.length === 0) problems.push(...shortSellingProblems(metric, options.today));
    if (problems.length > 0) rejected.push({ line: info.lines, symbol, date, reason: `${problems.join('; ')}.` });
    else rows.push({ ...metric, line: info.lines });
  }
  return { rows, rejected };
}
