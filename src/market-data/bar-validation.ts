/**
 * Checks daily bars before they are stored. Pure: no I/O, "today" is an argument.
 *
 * A bar is rejected, with a reason a person can act on, when:
 * - its date is not a real `YYYY-MM-DD` date, or is after `today`;
 * - a price is not a finite number > 0 (open, high, low, close, and adjClose when present);
 * - high < max(open, close), or low > min(open, close);
 * - volume is not a non-negative integer;
 * - another bar of the same symbol already has that date;
 * - its close moved more than `maxCloseJump` (default 80 %) from the previous accepted close of the
 *   same symbol, unless a split is on record with an ex-date after the previous bar and on or
 *   before this one.
 *
 * Bars are checked per symbol in date order; the jump rule compares with the last accepted bar, so
 * one bad print does not also condemn the good bar after it. Caveat: a genuine move of more than
 * 80 % with no split on record rejects the bars after it too, until reviewed.
 */
import { isIsoDate, type IsoDate } from './types.js';

/** The fields validation reads. {@link DailyBar} satisfies it. */
export interface ValidatableBar {
  symbol: string;
  date: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  adjClose?: number | null;
}

/** Which rule rejected a bar. */
export type BarRule =
  | 'INVALID_DATE'
  | 'FUTURE_DATE'
  | 'NON_POSITIVE_PRICE'
  | 'HIGH_BELOW_OPEN_CLOSE'
  | 'LOW_ABOVE_OPEN_CLOSE'
  | 'BAD_VOLUME'
  | 'DUPLICATE_DATE'
  | 'PRICE_JUMP';

/** A rejected bar and why. */
export interface RejectedBar<B extends ValidatableBar = ValidatableBar> {
  symbol: string;
  date: IsoDate;
  /** Every rule the bar broke (the jump rule is only checked for otherwise sound bars). */
  rules: BarRule[];
  /** Human-readable explanation, one sentence per broken rule. */
  reason: string;
  bar: B;
}

/** Split ex-dates on record: per symbol, or as split records (`{symbol, exDate}`). */
export type KnownSplits =
  | Readonly<Record<string, readonly IsoDate[]>>
  | readonly { symbol: string; exDate: IsoDate }[];

/** Validation settings. */
export interface BarValidationOptions {
  /** The current date; later bars are rejected. */
  today: IsoDate;
  /** Splits on record, which excuse a large close-to-close move across them. */
  knownSplits?: KnownSplits;
  /** Largest accepted relative close-to-close move without a split. Default 0.8 (80 %). */
  maxCloseJump?: number;
}

/** Accepted and rejected bars, each sorted by symbol then date. */
export interface BarValidationResult<B extends ValidatableBar = ValidatableBar> {
  accepted: B[];
  rejected: RejectedBar<B>[];
}

const fmt = (n: number) => (Number.isFinite(n) ? String(Number(n.toPrecision(10))) : String(n));

function splitIndex(known: KnownSplits | undefined): Map<string, IsoDate[]> {
  const out = new Map<string, IsoDate[]>();
  if (!known) return out;
  const add = (symbol: string, d: IsoDate) => {
    const key = symbol.toUpperCase();
    const list = out.get(key) ?? [];
    list.push(d);
    out.set(key, list);
  };
  if (Array.isArray(known)) {
    for (const s of known as readonly { symbol: string; exDate: IsoDate }[]) add(s.symbol, s.exDate);
  } else {
    for (const [symbol, dates] of Object.entries(known as Readonly<Record<string, readonly IsoDate[]>>)) {
      for (const d of dates) add(symbol, d);
    }
  }
  return out;
}

/** Validates `bars`; see the module comment for the rules. */
export function validateBars<B extends ValidatableBar>(
  bars: readonly B[],
  options: BarValidationOptions,
): BarValidationResult<B> {
  if (!isIsoDate(options.today)) throw new RangeError(`today must be YYYY-MM-DD, got "${options.today}"`);
  const maxJump = options.maxCloseJump ?? 0.8;
  if (!(maxJump > 0)) throw new RangeError('maxCloseJump must be > 0');
  const splits = splitIndex(options.knownSplits);

  const sorted = bars
    .map((bar, i) => ({ bar, i }))
    .sort((a, b) =>
      a.bar.symbol < b.bar.symbol
        ? -1
        : a.bar.symbol > b.bar.symbol
          ? 1
          : a.bar.date < b.bar.date
            ? -1
            : a.bar.date > b.bar.date
              ? 1
              : a.i - b.i,
    );

  const accepted: B[] = [];
  const rejected: RejectedBar<B>[] = [];
  let lastSymbol: string | null = null;
  let prev: B | null = null;
  const seenDates = new Set<string>();

  for (const { bar } of sorted) {
    if (bar.symbol !== lastSymbol) {
      lastSymbol = bar.symbol;
      prev = null;
      seenDates.clear();
    }
    const rules: BarRule[] = [];
    const reasons: string[] = [];
    const fail = (rule: BarRule, reason: string) => {
      rules.push(rule);
      reasons.push(reason);
    };

    if (!isIsoDate(bar.date)) fail('INVALID_DATE', `date "${bar.date}" is not a valid YYYY-MM-DD date`);
    else if (bar.date > options.today) fail('FUTURE_DATE', `date ${bar.date} is after today (${options.today})`);

    const prices: [string, number][] = [
      ['open', bar.open],
      ['high', bar.high],
      ['low', bar.low],
      ['close', bar.close],
    ];
    if (bar.adjClose !== undefined && bar.adjClose !== null) prices.push(['adjClose', bar.adjClose]);
    const badPrices = prices.filter(([, v]) => !(typeof v === 'number' && Number.isFinite(v) && v > 0));
    if (badPrices.length > 0) {
      fail(
        'NON_POSITIVE_PRICE',
        `prices must be positive numbers: ${badPrices.map(([k, v]) => `${k}=${fmt(v)}`).join(', ')}`,
      );
    } else {
      const top = Math.max(bar.open, bar.close);
      const bottom = Math.min(bar.open, bar.close);
      const eps = 1e-9 * top;
      if (bar.high < top - eps) {
        fail('HIGH_BELOW_OPEN_CLOSE', `high ${fmt(bar.high)} is below max(open, close) = ${fmt(top)}`);
      }
      if (bar.low > bottom + eps) {
        fail('LOW_ABOVE_OPEN_CLOSE', `low ${fmt(bar.low)} is above min(open, close) = ${fmt(bottom)}`);
      }
    }

    if (!(Number.isInteger(bar.volume) && bar.volume >= 0)) {
      fail('BAD_VOLUME', `volume ${fmt(bar.volume)} is not a non-negative whole number`);
    }

    if (rules.length === 0 && seenDates.has(bar.date)) {
      fail('DUPLICATE_DATE', `another ${bar.symbol} bar on ${bar.date} was already accepted`);
    }

    if (rules.length === 0 && prev) {
      const move = bar.close / prev.close - 1;
      if (Math.abs(move) > maxJump) {
        const from = prev.date;
        const excused = (splits.get(bar.symbol.toUpperCase()) ?? []).some((d) => d > from && d <= bar.date);
        if (!excused) {
          const pct = (move * 100).toFixed(1);
          fail(
            'PRICE_JUMP',
            `close ${fmt(bar.close)} is ${move > 0 ? '+' : ''}${pct}% from the previous close ${fmt(prev.close)} on ${from} ` +
              `(limit ±${(maxJump * 100).toFixed(0)}%) and no split is on record between them`,
          );
        }
      }
    }

    if (rules.length === 0) {
      accepted.push(bar);
      seenDates.add(bar.date);
      prev = bar;
    } else {
      rejected.push({ symbol: bar.symbol, date: bar.date, rules, reason: `${reasons.join('; ')}.`, bar });
    }
  }
  return { accepted, rejected };
}
