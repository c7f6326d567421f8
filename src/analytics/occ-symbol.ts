/**
 * OCC / OSI option symbols (Options Symbology Initiative, 2010), the form brokers export:
 *
 *   root (1-6 chars) + YYMMDD expiry + C|P + strike x 1000 as 8 digits
 *
 * Padded form: the root is left-justified in 6 characters with spaces, 21 characters in all
 * (`AAPL  240119C00150000`). Compact form: no padding (`AAPL240119C00150000`, 16-21 characters).
 * The last 15 characters are fixed-width, so a symbol is parsed from the right and a root may
 * contain digits (adjusted roots such as `AAPL1`). Two-digit years are 2000-2099.
 */
import { AnalyticsError } from './analytics-error.js';
import type { OptionRight } from './black-scholes.js';

/** Shares per standard US equity option contract. */
export const OPTION_CONTRACT_MULTIPLIER = 100;

/** The fields of an OCC symbol. */
export interface OccContract {
  /** OSI root, usually the underlying ticker (1-6 of A-Z, 0-9). */
  underlying: string;
  /** Expiration date, ISO 'YYYY-MM-DD'. */
  expiry: string;
  right: OptionRight;
  /** Strike in dollars: the 8 strike digits / 1000 (00150000 -> 150). */
  strike: number;
  /** Shares per contract: 100 for standard equity options. */
  multiplier: number;
}

const ROOT = /^[A-Z0-9]{1,6}$/;
const TAIL = /^(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

function invalid(message: string): AnalyticsError {
  return new AnalyticsError('INVALID_ARGUMENT', message, 'symbol');
}

/**
 * Parses an OCC option symbol in padded (21-character) or compact form. Surrounding whitespace is
 * ignored and letters are upper-cased. Strike = last 8 digits / 1000; multiplier = 100.
 *
 * Throws AnalyticsError INVALID_ARGUMENT (field 'symbol') naming the offending part: bad length,
 * root not 1-6 letters/digits, spaces anywhere except as the padding of a 21-character symbol,
 * impossible expiry date, right not C or P, strike not 8 digits or zero.
 *
 * @example
 * parseOccSymbol('AAPL  240119C00150000')
 * // { underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: 150, multiplier: 100 }
 * parseOccSymbol('SPY240621P00432500').strike // 432.5
 */
export function parseOccSymbol(symbol: string): OccContract {
  if (typeof symbol !== 'string') throw invalid('option symbol must be a string');
  const s = symbol.trim().toUpperCase();
  if (s.length < 16 || s.length > 21) {
    throw invalid(`'${symbol}' is not an OCC option symbol: expected 16-21 characters (root + YYMMDD + C/P + 8 strike digits), got ${s.length}`);
  }
  const tail = s.slice(-15);
  let root = s.slice(0, -15);
  if (root.includes(' ')) {
    // Only the padded form may contain spaces: a 6-character root field, right-padded.
    if (s.length !== 21 || !/^[A-Z0-9]+ +$/.test(root)) {
      throw invalid(`'${symbol}': spaces are only allowed as padding after the root in the 21-character form`);
    }
    root = root.trimEnd();
  }
  if (!ROOT.test(root)) throw invalid(`'${symbol}': root '${root}' must be 1-6 letters or digits`);
  const m = TAIL.exec(tail);
  if (!m) {
    throw invalid(`'${symbol}': expected YYMMDD, C or P and 8 strike digits after the root, got '${tail}'`);
  }
  const [, yy, mm, dd, cp, strikeDigits] = m;
  const year = 2000 + Number(yy), month = Number(mm), day = Number(dd);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw invalid(`'${symbol}': expiry ${yy}${mm}${dd} is not a calendar date`);
  }
  const strikeMillis = Number(strikeDigits);
  if (strikeMillis === 0) throw invalid(`'${symbol}': strike is zero`);
  return {
    underlying: root,
    expiry: `${year}-${mm}-${dd}`,
    right: cp === 'C' ? 'call' : 'put',
    strike: strikeMillis / 1000,
    multiplier: OPTION_CONTRACT_MULTIPLIER,
  };
}

/**
 * True when `symbol` parses as an OCC option symbol (see {@link parseOccSymbol}); stock tickers are false.
 * @example isOccSymbol('AAPL240119C00150000') // true
 * @example isOccSymbol('AAPL') // false
 */
export function isOccSymbol(symbol: string): boolean {
  try {
    parseOccSymbol(symbol);
    return true;
  } catch {
    return false;
  }
}

/**
 * Formats a contract as an OCC symbol: compact (default, `AAPL240119C00150000`) or padded to 21
 * characters (`AAPL  240119C00150000`). The strike is written as round(strike x 1000) in 8 digits.
 *
 * Throws AnalyticsError INVALID_ARGUMENT for a bad root, an expiry outside 2000-2099 or not a
 * calendar date, or a strike that is not positive, has more than 3 decimals, or is >= 100000.
 *
 * @example formatOccSymbol({ underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: 150 }) // 'AAPL240119C00150000'
 * @example formatOccSymbol({ underlying: 'AAPL', expiry: '2024-01-19', right: 'call', strike: 150 }, { padded: true }) // 'AAPL  240119C00150000'
 */
export function formatOccSymbol(
  contract: Pick<OccContract, 'underlying' | 'expiry' | 'right' | 'strike'>,
  options: { padded?: boolean } = {},
): string {
  const root = contract.underlying.toUpperCase();
  if (!ROOT.test(root)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `root '${contract.underlying}' must be 1-6 letters or digits`, 'underlying');
  }
  const m = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(contract.expiry);
  const checkDate = m ? new Date(Date.UTC(2000 + Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !checkDate || checkDate.toISOString().slice(0, 10) !== contract.expiry) {
    throw new AnalyticsError('INVALID_ARGUMENT', `expiry must be a calendar date 2000-01-01..2099-12-31 as YYYY-MM-DD, got '${contract.expiry}'`, 'expiry');
  }
  if (contract.right !== 'call' && contract.right !== 'put') {
    throw new AnalyticsError('INVALID_ARGUMENT', `right must be 'call' or 'put', got '${contract.right}'`, 'right');
  }
  const millis = Math.round(contract.strike * 1000);
  if (!(contract.strike > 0) || millis >= 1e8 || millis < 1 || Math.abs(millis - contract.strike * 1000) > 1e-6) {
    throw new AnalyticsError('INVALID_ARGUMENT', `strike must be in (0, 100000) with at most 3 decimals, got ${contract.strike}`, 'strike');
  }
  const head = options.padded ? root.padEnd(6, ' ') : root;
  return `${head}${m[1]}${m[2]}${m[3]}${contract.right === 'call' ? 'C' : 'P'}${String(millis).padStart(8, '0')}`;
}
