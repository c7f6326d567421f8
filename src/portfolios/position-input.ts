/**
 * A position as a user gives it (the API's body, a CSV row) turned into the row SigmaSight stores,
 * or the list of what is wrong with it, each problem naming its field. Pure; shared by every path
 * that creates or changes positions.
 *
 * Rules (migration 0001 and issue 9):
 * - symbol: upper-cased; an OCC option symbol (`AAPL250117C00150000`, compact or padded) makes the
 *   position an option and gives its underlying, expiry, right and strike (fields given beside it
 *   must agree). Options can also be given by their four fields (underlying_symbol, strike_price,
 *   expiration_date, option_type), the symbol then being the underlying's or empty: the stored
 *   symbol is the compact OCC symbol.
 * - quantity: non-zero; shares for stocks, contracts for options. With position_type given, its
 *   sign is the type's (SHORT 100 is stored as -100); without, the sign decides long or short.
 * - entry_date (YYYY-MM-DD) not after `today`; entry_price >= 0. exit_price and exit_date come
 *   together (a closed position), the exit not before the entry nor after `today`.
 * - investment_class: OPTIONS for options; PUBLIC (default) or PRIVATE otherwise.
 */
import { formatOccSymbol, isOccSymbol, parseOccSymbol } from '../analytics/occ-symbol.js';
import type { InvestmentClass, IsoDate, NewPosition, OptionRight, PositionType } from '../db/schema.js';
import { isIsoDate } from '../iso-date.js';

/** A position's fields as given; strings or numbers where a CSV gives text. */
export interface PositionInput {
  symbol?: string | null;
  position_type?: PositionType | null;
  quantity?: number | null;
  entry_price?: number | null;
  entry_date?: string | null;
  exit_price?: number | null;
  exit_date?: string | null;
  investment_class?: InvestmentClass | null;
  underlying_symbol?: string | null;
  strike_price?: number | null;
  expiration_date?: string | null;
  option_type?: OptionRight | null;
  notes?: string | null;
}

/** One problem, by field. */
export interface FieldProblem {
  field: keyof PositionInput;
  code: string;
  message: string;
}

/** The stored columns of a position, without its portfolio. */
export type PositionColumns = Omit<NewPosition, 'portfolio_id'>;

const SYMBOL = /^[A-Z0-9][A-Z0-9.\-/ ^=]*$/;
const LONG_TYPES = new Set<PositionType>(['LONG', 'LC', 'LP']);
const OPTION_TYPES = new Set<PositionType>(['LC', 'LP', 'SC', 'SP']);

const present = <T>(x: T | null | undefined): x is T => x !== null && x !== undefined && !(typeof x === 'string' && x.trim() === '');

/** The stored row of `input`, or every problem found. */
export function normalizePosition(input: PositionInput, today: IsoDate): { ok: true; row: PositionColumns } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: keyof PositionInput, code: string, message: string) => problems.push({ field, code, message });
  const symbolIn = present(input.symbol) ? input.symbol.trim().toUpperCase() : '';

  // The instrument: an OCC symbol, the four option fields, or a stock.
  let option: { underlying: string; expiry: IsoDate; right: 'CALL' | 'PUT'; strike: number } | null = null;
  const fieldsGiven = [input.underlying_symbol, input.strike_price, input.expiration_date, input.option_type].some(present);
  if (symbolIn && isOccSymbol(symbolIn)) {
    const c = parseOccSymbol(symbolIn);
    option = { underlying: c.underlying, expiry: c.expiry, right: c.right === 'call' ? 'CALL' : 'PUT', strike: c.strike };
    if (present(input.underlying_symbol) && input.underlying_symbol.trim().toUpperCase() !== option.underlying) problem('underlying_symbol', 'mismatch', `is ${input.underlying_symbol}, but the OCC symbol's underlying is ${option.underlying}`);
    if (present(input.strike_price) && Number(input.strike_price) !== option.strike) problem('strike_price', 'mismatch', `is ${input.strike_price}, but the OCC symbol's strike is ${option.strike}`);
    if (present(input.expiration_date) && input.expiration_date !== option.expiry) problem('expiration_date', 'mismatch', `is ${input.expiration_date}, but the OCC symbol expires on ${option.expiry}`);
    if (present(input.option_type) && input.option_type !== option.right) problem('option_type', 'mismatch', `is ${input.option_type}, but the OCC symbol is a ${option.right}`);
  } else if (fieldsGiven || input.investment_class === 'OPTIONS' || (present(input.position_type) && OPTION_TYPES.has(input.position_type))) {
    const underlying = (present(input.underlying_symbol) ? input.underlying_symbol : symbolIn).trim().toUpperCase();
    if (!underlying) problem('underlying_symbol', 'required', 'is required for an option (or give an OCC symbol)');
    else if (!/^[A-Z0-9]{1,6}$/.test(underlying)) problem('underlying_symbol', 'invalid', 'must be 1-6 letters or digits (an OCC root)');
    if (present(input.underlying_symbol) && symbolIn && symbolIn !== underlying) problem('symbol', 'mismatch', `is ${symbolIn}, but underlying_symbol is ${underlying}`);
    const strike = Number(input.strike_price);
    if (!present(input.strike_price)) problem('strike_price', 'required', 'is required for an option');
    else if (!(strike > 0 && strike < 100_000 && Math.round(strike * 1000) === strike * 1000)) problem('strike_price', 'invalid', 'must be a positive price below 100,000 with at most 3 decimals');
    const expiry = input.expiration_date ?? '';
    if (!present(input.expiration_date)) problem('expiration_date', 'required', 'is required for an option');
    else if (!isIsoDate(expiry) || expiry < '2000-01-01' || expiry > '2099-12-31') problem('expiration_date', 'invalid', 'must be a date YYYY-MM-DD in 2000-2099');
    const right = input.option_type;
    if (!present(right)) problem('option_type', 'required', 'is required for an option: CALL or PUT');
    else if (right !== 'CALL' && right !== 'PUT') problem('option_type', 'invalid', 'must be CALL or PUT');
    if (problems.length === 0) option = { underlying, expiry, right: right as 'CALL' | 'PUT', strike };
  } else if (!symbolIn) {
    problem('symbol', 'required', 'is required');
  } else if (!SYMBOL.test(symbolIn) || symbolIn.length > 32) {
    problem('symbol', 'invalid', 'must be at most 32 letters, digits or . - / ^ = (and spaces)');
  }

  // Type and signed quantity.
  const quantity = Number(input.quantity);
  if (!present(input.quantity)) problem('quantity', 'required', 'is required');
  else if (!Number.isFinite(quantity) || Math.abs(Math.round(quantity * 1e6)) < 1) problem('quantity', 'invalid', 'must be a non-zero number (at least 0.000001 in size)');
  else if (Math.abs(quantity) >= 1e14) problem('quantity', 'invalid', 'is too large (at most 14 digits before the point)');
  let type: PositionType | null = null;
  if (present(input.position_type)) {
    type = input.position_type;
    if (option && !OPTION_TYPES.has(type)) problem('position_type', 'mismatch', `is ${type}, but the position is an option: LC, LP, SC or SP`);
    else if (!option && OPTION_TYPES.has(type) && problems.length === 0) problem('position_type', 'mismatch', `is ${type}, but the position is not an option: LONG or SHORT`);
    else if (option && ((type === 'LC' || type === 'SC') !== (option.right === 'CALL'))) problem('position_type', 'mismatch', `is ${type}, but the option is a ${option.right}`);
  } else if (Number.isFinite(quantity) && quantity !== 0) {
    type = option ? (quantity > 0 ? (option.right === 'CALL' ? 'LC' : 'LP') : option.right === 'CALL' ? 'SC' : 'SP') : quantity > 0 ? 'LONG' : 'SHORT';
  }

  // Prices and dates.
  const entryPrice = Number(input.entry_price);
  if (!present(input.entry_price)) problem('entry_price', 'required', 'is required');
  else if (!(Number.isFinite(entryPrice) && entryPrice >= 0 && entryPrice < 1e10)) problem('entry_price', 'invalid', 'must be a price >= 0 and below 10,000,000,000');
  const entryDate = input.entry_date ?? '';
  if (!present(input.entry_date)) problem('entry_date', 'required', 'is required (YYYY-MM-DD)');
  else if (!isIsoDate(entryDate)) problem('entry_date', 'invalid', 'must be a date YYYY-MM-DD');
  else if (entryDate > today) problem('entry_date', 'future', `is after today (${today})`);
  const closed = present(input.exit_price) || present(input.exit_date);
  const exitPrice = Number(input.exit_price);
  const exitDate = input.exit_date ?? '';
  if (closed) {
    if (!present(input.exit_price)) problem('exit_price', 'required', 'is required with exit_date');
    else if (!(Number.isFinite(exitPrice) && exitPrice >= 0 && exitPrice < 1e10)) problem('exit_price', 'invalid', 'must be a price >= 0 and below 10,000,000,000');
    if (!present(input.exit_date)) problem('exit_date', 'required', 'is required with exit_price');
    else if (!isIsoDate(exitDate)) problem('exit_date', 'invalid', 'must be a date YYYY-MM-DD');
    else if (exitDate > today) problem('exit_date', 'future', `is after today (${today})`);
    else if (isIsoDate(entryDate) && exitDate < entryDate) problem('exit_date', 'before_entry', `is before the entry date ${entryDate}`);
  }
  const klass: InvestmentClass = option ? 'OPTIONS' : input.investment_class ?? 'PUBLIC';
  if (present(input.investment_class) && input.investment_class !== klass) problem('investment_class', 'mismatch', `is ${input.investment_class}, but the position is ${option ? 'an option' : 'not an option'}`);
  if (present(input.notes) && input.notes.length > 10_000) problem('notes', 'invalid', 'must be at most 10,000 characters');

  if (problems.length > 0 || type === null) return { ok: false, problems };
  const signed = LONG_TYPES.has(type) ? Math.abs(quantity) : -Math.abs(quantity);
  const symbol = option ? formatOccSymbol({ underlying: option.underlying, expiry: option.expiry, right: option.right === 'CALL' ? 'call' : 'put', strike: option.strike }) : symbolIn;
  return {
    ok: true,
    row: {
      symbol, position_type: type, quantity: signed, investment_class: klass, entry_price: entryPrice, entry_date: entryDate,
      exit_price: closed ? exitPrice : null, exit_date: closed ? exitDate : null,
      underlying_symbol: option?.underlying ?? null, strike_price: option?.strike ?? null, expiration_date: option?.expiry ?? null, option_type: option?.right ?? null,
      notes: present(input.notes) ? input.notes : null,
    },
  };
}
