/**
 * Positions from a CSV file, in either column set (header names compared case-insensitively):
 * - the V1 addendum's `ticker,quantity,entry_price,entry_date,tags` (tags separated by `;` or `|`);
 * - the reference system's 12 columns `Symbol,Quantity,Entry Price Per Share,Entry Date,Investment
 *   Class,Investment Subtype,Underlying Symbol,Strike Price,Expiration Date,Option Type,Exit Date,
 *   Exit Price Per Share` (options as an OCC symbol or in the four option columns; the subtype is
 *   read and not stored).
 * Lines starting with `#` and blank lines are ignored. Each row goes through normalizePosition
 * (position-input.ts); a row equal to an earlier one is a duplicate. Every problem names its line
 * (the header is line 1), its column as the file spells it, a code and the reason. Pure.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { IsoDate } from '../db/schema.js';
import { normalizePosition, type PositionColumns, type PositionInput } from './position-input.js';

export interface CsvProblem {
  row: number;
  column?: string;
  code: string;
  message: string;
}

export interface CsvPosition {
  row: number;
  position: PositionColumns;
  tags: string[];
}

type Field = keyof PositionInput | 'tags' | 'investment_subtype';

/** Header names (lower-cased, spaces collapsed) of both column sets, to the fields they fill. */
const COLUMNS: Record<string, Field> = {
  ticker: 'symbol', symbol: 'symbol', quantity: 'quantity', entry_price: 'entry_price', 'entry price per share': 'entry_price',
  entry_date: 'entry_date', 'entry date': 'entry_date', tags: 'tags', 'investment class': 'investment_class', 'investment subtype': 'investment_subtype',
  'underlying symbol': 'underlying_symbol', 'strike price': 'strike_price', 'expiration date': 'expiration_date', 'option type': 'option_type',
  'exit date': 'exit_date', 'exit price per share': 'exit_price',
};
const REQUIRED: Field[] = ['symbol', 'quantity', 'entry_price', 'entry_date'];
const NUMERIC = new Set<Field>(['quantity', 'entry_price', 'strike_price', 'exit_price']);

/** The simple template (the addendum's columns) and the full one (the reference system's 12). */
export const POSITION_CSV_TEMPLATES = {
  simple: '# SigmaSight positions: one row per lot. Quantity is negative for a short. Tags separated by ;\nticker,quantity,entry_price,entry_date,tags\nAAPL,100,185.50,2024-01-15,tech;core\nXOM,-50,102.10,2024-02-01,energy\nAAPL250117C00200000,5,7.25,2024-03-01,hedges\n',
  full: '# SigmaSight positions: options as an OCC symbol or in the four option columns. Exit columns close a lot.\n' +
    'Symbol,Quantity,Entry Price Per Share,Entry Date,Investment Class,Investment Subtype,Underlying Symbol,Strike Price,Expiration Date,Option Type,Exit Date,Exit Price Per Share\n' +
    'AAPL,100,185.50,2024-01-15,PUBLIC,STOCK,,,,,,\n' +
    'SPY,-2,4.10,2024-03-01,OPTIONS,,SPY,450,2025-06-20,PUT,,\n' +
    'MSFT,20,402.00,2024-01-10,PUBLIC,STOCK,,,,,2024-06-03,415.25\n',
} as const;

/** Parses and checks every row; `problems` empty means every row is valid. */
export function parsePositionCsv(text: string, today: IsoDate, options: { maxRows?: number } = {}): { positions: CsvPosition[]; problems: CsvProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, skip_empty_lines: true, comment: '#', comment_no_infix: true, bom: true, trim: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    if (e instanceof CsvError) return { positions: [], problems: [{ row: (e as CsvError & { lines?: number }).lines ?? 1, code: 'unreadable', message: `not a readable CSV file: ${e.message}` }] };
    throw e;
  }
  if (records.length === 0) return { positions: [], problems: [{ row: 1, code: 'empty', message: 'the file has no header row' }] };
  const header = records[0];
  const fields: (Field | null)[] = header.record.map((h) => {
    const name = h.toLowerCase().replace(/\s+/g, ' ');
    return Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : null;
  });
  const problems: CsvProblem[] = [];
  header.record.forEach((h, i) => {
    if (fields[i] === null && h !== '') problems.push({ row: header.info.lines, column: h, code: 'unknown_column', message: `"${h}" is not a column of either template` });
    if (fields[i] !== null && fields.indexOf(fields[i]) !== i) problems.push({ row: header.info.lines, column: h, code: 'duplicate_column', message: `"${h}" fills the same field as an earlier column` });
  });
  for (const f of REQUIRED) if (!fields.includes(f)) problems.push({ row: header.info.lines, code: 'missing_column', message: `no ${f === 'symbol' ? 'ticker or Symbol' : f} column` });
  if (problems.length > 0) return { positions: [], problems };
  if (records.length === 1) return { positions: [], problems: [{ row: header.info.lines, code: 'no_rows', message: 'the file has a header and no positions' }] };
  if (options.maxRows !== undefined && records.length - 1 > options.maxRows) {
    return { positions: [], problems: [{ row: records[options.maxRows + 1].info.lines, code: 'too_many_rows', message: `the file has ${records.length - 1} positions; at most ${options.maxRows} per import (split the file)` }] };
  }

  const columnOf = (field: keyof PositionInput) => header.record[fields.indexOf(field)] ?? field;
  const positions: CsvPosition[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const row = info.lines;
    if (record.length !== header.record.length) {
      problems.push({ row, code: 'column_count', message: `has ${record.length} values; the header names ${header.record.length} columns` });
      continue;
    }
    const input: Record<string, unknown> = {};
    let tags: string[] = [];
    const rowProblems: CsvProblem[] = [];
    record.forEach((raw, i) => {
      const field = fields[i];
      if (field === null || field === 'investment_subtype' || raw === '') return;
      if (field === 'tags') tags = raw.split(/[;|]/).map((t) => t.trim()).filter((t) => t !== '');
      else if (NUMERIC.has(field)) {
        const n = Number(raw.replace(/,/g, ''));
        if (!/^[-+]?[\d,]*\.?\d+(e[-+]?\d+)?$/i.test(raw) || !Number.isFinite(n)) rowProblems.push({ row, column: header.record[i], code: 'not_a_number', message: `"${raw}" is not a number` });
        else input[field] = n;
      } else if (field === 'option_type') {
        const right = raw.toUpperCase();
        input.option_type = right === 'C' || right === 'CALL' ? 'CALL' : right === 'P' || right === 'PUT' ? 'PUT' : raw;
      } else if (field === 'investment_class') input.investment_class = raw.toUpperCase();
      else input[field] = raw;
    });
    if (tags.some((t) => t.length > 100)) rowProblems.push({ row, column: columnOf('tags' as keyof PositionInput), code: 'invalid', message: 'a tag is longer than 100 characters' });
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const r = normalizePosition(input as PositionInput, today);
    if (!r.ok) {
      problems.push(...r.problems.map((p) => ({ row, column: columnOf(p.field), code: p.code, message: p.message })));
      continue;
    }
    const key = JSON.stringify([r.row, [...tags].sort()]);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ row, code: 'duplicate_row', message: `repeats row ${first}` });
      continue;
    }
    seen.set(key, row);
    positions.push({ row, position: r.row, tags });
  }
  return { positions, problems };
}
