/**
 * Shared pieces of `sigmasight analyze`: the data-problem error, flag parsing and validation.
 *
 * Exit codes: a {@link UsageError} (bad or missing flag, bad flag value) exits 2; a {@link DataError}
 * (unreadable or malformed CSV, unknown symbol, too few rows, a computation the data cannot support)
 * exits 1.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AnalyticsError } from '../../analytics/analytics-error.js';
import { UsageError } from '../cli-io.js';

/** A problem with the data (file, symbol, row count) rather than with the command line: exit 1. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Help text of the data flags, shown by `analyze --help` and each data subcommand's --help. */
export const DATA_HELP = `Data flags (metrics, regress, correlation, var):
  --prices FILE           a CSV; repeat for several files. SYMBOL=FILE names a one-symbol file.
                          Layouts: long symbol,date,close|adj_close|price|return; wide date,SYM1,SYM2,...;
                          one symbol date,...,close,adj_close,... (named SYMBOL=, else by the file name's
                          first word: aapl_daily.csv -> AAPL). adj_close is preferred over close.
  --returns               wide files hold per-period returns, not prices
  --column NAME           value column of long / one-symbol files (default adj_close, close, price, return)
  --from DATE, --to DATE  keep only rows dated in [from, to] (YYYY-MM-DD)
  --periods-per-year P    252 (default, daily), 52 weekly, 12 monthly
  --window N              use only the last N returns
  --json                  print JSON (full precision) instead of a table`;

/** Flags every data-reading subcommand accepts. */
export const DATA_OPTIONS = {
  prices: { type: 'string', multiple: true },
  returns: { type: 'boolean', default: false },
  column: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'periods-per-year': { type: 'string' },
  window: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies OptionSpec;

/** Strict parse (unknown flags and positionals are usage errors), converting node's errors to UsageError. */
export function parseFlags<const T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (typeof err.code === 'string' && err.code.startsWith('ERR_PARSE_ARGS')) throw new UsageError(err.message);
    throw e;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal number flag (rejects '', '12abc', 'NaN', 'Infinity'). */
export function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (!NUMBER.test(v)) throw new UsageError(`--${flag} must be a number, got "${value}"`);
  return Number(v);
}

/** A number flag that must be > 0. */
export function positiveFlag(value: string | undefined, flag: string): number | undefined {
  const n = numberFlag(value, flag);
  if (n !== undefined && !(n > 0)) throw new UsageError(`--${flag} must be greater than 0, got "${value}"`);
  return n;
}

/** An integer flag with a lower bound. */
export function integerFlag(value: string | undefined, flag: string, min: number): number | undefined {
  const n = numberFlag(value, flag);
  if (n !== undefined && !(Number.isInteger(n) && n >= min)) throw new UsageError(`--${flag} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

/** A comma-separated list flag ("A,B,C"); empty entries are errors. */
export function listFlag(value: string | undefined, flag: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === '')) throw new UsageError(`--${flag} must be a comma-separated list like A,B,C, got "${value}"`);
  return items;
}

/** One of a fixed set of words. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')}, got "${value}"`);
  return value as T;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** A YYYY-MM-DD flag. */
export function dateFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`--${flag} must be a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** Periods per year: default 252 (daily); 12 for monthly, 52 for weekly. */
export function periodsPerYearFlag(value: string | undefined): number {
  return positiveFlag(value, 'periods-per-year') ?? 252;
}

/**
 * Runs an analytics call and turns an {@link AnalyticsError} into a {@link DataError} prefixed with
 * `context` (the symbol or analysis), so the message says what failed.
 */
export function withContext<T>(context: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof AnalyticsError) throw new DataError(`${context}: ${e.message}`);
    throw e;
  }
}

/**
 * Runs an analytics call whose failure should not sink the whole report (a ratio that is unbounded on
 * this data, say): returns null and records why in `notes`.
 */
export function optional<T>(label: string, notes: string[], run: () => T): T | null {
  try {
    return run();
  } catch (e) {
    if (e instanceof AnalyticsError) {
      notes.push(`${label}: ${e.message}`);
      return null;
    }
    throw e;
  }
}
