/**
 * Split and dividend adjustment of daily closes. Pure: no I/O.
 *
 * Stored prices (market_data_cache open/high/low/close/volume) are as traded on their day; the sync
 * turns split-adjusted provider bars back into traded prices with {@link toTradedBar}. The adjusted
 * close, from which every return is computed, is then
 *
 *   adjusted_close(t) = close(t) x  prod over splits    with ex_date > t of  1 / f_s
 *                                x  prod over dividends with ex_date > t of  (1 - D / P_prev)
 *
 * - f_s = split_to / split_from, new shares per old share (7 for AAPL's 7-for-1 of 2014-06-09; 0.1
 *   for a 1-for-10 reverse split): back-adjusting by the cumulative split factor puts every earlier
 *   price on today's share basis.
 * - D is the cash dividend per share as declared (on the share basis of its ex-date), and P_prev
 *   the traded close of the last session before the ex-date. (1 - D / P_prev) is the standard
 *   (CRSP/Yahoo) multiplicative dividend factor: the adjusted return across the ex-date is
 *   P_ex / (P_prev - D) - 1, the return with the dividend taken out of the previous close, which
 *   equals the total return (P_ex + D) / P_prev - 1 to first order in D / P_prev and, unlike an
 *   additive adjustment, keeps every earlier return unchanged. D and P_prev are on the same share basis, so
 *   the factor needs no split correction; a dividend a provider reports split-adjusted is first
 *   turned back into the declared amount with {@link declaredDividend}.
 * - A dividend with no earlier close, or with D >= P_prev (bad data: the factor would be <= 0), is
 *   left out and reported as skipped.
 *
 * The result is a total-return price series: adjusted_close(t) / adjusted_close(t-1) - 1 is the
 * day's return with splits removed and dividends reinvested, and the latest adjusted close equals
 * the latest traded close.
 */
import type { IsoDate } from './types.js';

/** A split: `factor` new shares per old share, first traded on the new basis on `exDate`. */
export interface SplitEvent {
  exDate: IsoDate;
  factor: number;
}

/** A cash dividend per share as declared, keyed by its ex-date. */
export interface DividendEvent {
  exDate: IsoDate;
  amount: number;
}

/** The fields of a bar that change with the share basis. */
export interface BasisBar {
  date: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Product of the factors of the splits with an ex-date after `date` (1 when none). */
export function splitFactorAfter(date: IsoDate, splits: readonly SplitEvent[]): number {
  let f = 1;
  for (const s of splits) if (s.exDate > date) f *= s.factor;
  return f;
}

/**
 * A split-adjusted bar back on its traded basis: prices times the factor of the later splits,
 * volume divided by it (rounded to whole shares).
 *
 * @example
 * toTradedBar({ date: '2014-06-06', open: 92.7, high: 93.1, low: 92.4, close: 92.22, volume: 87e6 }, [{ exDate: '2014-06-09', factor: 7 }]);
 * // close 645.54, volume 12,428,571
 */
export function toTradedBar<B extends BasisBar>(bar: B, splits: readonly SplitEvent[]): B {
  const f = splitFactorAfter(bar.date, splits);
  if (f === 1) return bar;
  return { ...bar, open: bar.open * f, high: bar.high * f, low: bar.low * f, close: bar.close * f, volume: Math.round(bar.volume / f) };
}

/**
 * The declared amount of a dividend a provider reports adjusted for later splits (Yahoo): the
 * amount times the factor of the splits with an ex-date after the dividend's.
 */
export function declaredDividend(amount: number, exDate: IsoDate, splits: readonly SplitEvent[]): number {
  return amount * splitFactorAfter(exDate, splits);
}

/** Adjusted closes and the dividends that could not be applied. */
export interface AdjustmentResult {
  /** One adjusted close per input bar, same order. */
  adjusted: Float64Array;
  /** Dividends left out, with why. */
  skipped: { exDate: IsoDate; reason: string }[];
}

/**
 * Adjusted closes of one symbol's bars (ascending by date, traded closes) given its splits and
 * dividends; see the module comment for the formula.
 *
 * @example
 * adjustCloses([{ date: '2014-06-06', close: 645.57 }, { date: '2014-06-09', close: 93.7 }], [{ exDate: '2014-06-09', factor: 7 }], []);
 * // adjusted: [92.224..., 93.7]
 */
export function adjustCloses(
  bars: readonly { date: IsoDate; close: number }[],
  splits: readonly SplitEvent[],
  dividends: readonly DividendEvent[],
): AdjustmentResult {
  type Event = { exDate: IsoDate; split?: number; dividend?: number };
  const events: Event[] = [
    ...splits.map((s) => ({ exDate: s.exDate, split: s.factor })),
    ...dividends.map((d) => ({ exDate: d.exDate, dividend: d.amount })),
  ].sort((a, b) => (a.exDate < b.exDate ? 1 : a.exDate > b.exDate ? -1 : 0));
  const adjusted = new Float64Array(bars.length);
  const skipped: AdjustmentResult['skipped'] = [];
  let multiplier = 1;
  let next = 0; // events[next..] have not been crossed yet (walking back in time)
  for (let i = bars.length - 1; i >= 0; i--) {
    const bar = bars[i];
    // Every event dated after this bar applies to it; this bar is the last session before those
    // events not yet crossed, so its close is their P_prev.
    while (next < events.length && events[next].exDate > bar.date) {
      const e = events[next++];
      if (e.split !== undefined) multiplier /= e.split;
      else if (e.dividend !== undefined) {
        if (e.dividend < bar.close) multiplier *= 1 - e.dividend / bar.close;
        else skipped.push({ exDate: e.exDate, reason: `dividend ${e.dividend} is not below the previous close ${bar.close} on ${bar.date}` });
      }
    }
    adjusted[i] = bar.close * multiplier;
  }
  for (; next < events.length; next++) {
    if (events[next].dividend !== undefined) skipped.push({ exDate: events[next].exDate, reason: 'no close before the ex-date' });
  }
  return { adjusted, skipped };
}
