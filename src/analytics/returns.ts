/**
 * Returns from prices, date alignment, compounding and the P&L / equity roll-forward.
 *
 * Conventions (shared with the reference oracles): simple returns r_t = p_t / p_{t-1} - 1 on the
 * dates common to every series (inner join); a missing day is dropped, never zero-filled;
 * compounding is geometric.
 */
import { AnalyticsError } from './analytics-error.js';
import { requireFinite, type Series } from './statistics.js';

/** A dated series: ISO `YYYY-MM-DD` dates strictly ascending, one value per date; NaN marks a missing value. */
export interface DatedSeries {
  readonly dates: readonly string[];
  readonly values: ArrayLike<number>;
}

/** Several series on one common date axis: `values[j][t]` belongs to series j on `dates[t]`. */
export interface AlignedSeries {
  readonly dates: string[];
  readonly values: Float64Array[];
}

function requirePrices(prices: Series, field: string): void {
  requireFinite(prices, 2, field);
  for (let i = 0; i < prices.length; i++) {
    if (!(prices[i] > 0)) throw new AnalyticsError('INVALID_ARGUMENT', `${field}[${i}] must be a positive price, got ${prices[i]}`, field);
  }
}

/**
 * Simple returns r_t = p_t / p_{t-1} - 1 (decimal, per period), length n - 1. Prices must be
 * positive and finite.
 * @example simpleReturns([100, 110, 99]) // Float64Array [0.1, -0.1]
 */
export function simpleReturns(prices: Series): Float64Array {
  requirePrices(prices, 'prices');
  const out = new Float64Array(prices.length - 1);
  for (let t = 1; t < prices.length; t++) out[t - 1] = prices[t] / prices[t - 1] - 1;
  return out;
}

/**
 * Log (continuously compounded) returns r_t = ln(p_t / p_{t-1}), length n - 1.
 * @example logReturns([100, 110]) // Float64Array [0.09531017980432493]
 */
export function logReturns(prices: Series): Float64Array {
  requirePrices(prices, 'prices');
  const out = new Float64Array(prices.length - 1);
  for (let t = 1; t < prices.length; t++) out[t - 1] = Math.log(prices[t] / prices[t - 1]);
  return out;
}

/**
 * Aligns dated series by inner join on dates: keeps only the dates on which every series has a
 * finite value (a NaN counts as absent). Nothing is filled. Dates must be strictly ascending within
 * each series (INVALID_ARGUMENT otherwise, which also catches duplicated rows).
 * @example
 * alignSeries([{ dates: ['d1', 'd2', 'd3'], values: [1, 2, 3] }, { dates: ['d2', 'd3'], values: [5, 6] }])
 * // { dates: ['d2', 'd3'], values: [Float64Array [2, 3], Float64Array [5, 6]] }
 */
export function alignSeries(series: readonly DatedSeries[]): AlignedSeries {
  if (series.length === 0) return { dates: [], values: [] };
  series.forEach((s, j) => {
    if (s.dates.length !== s.values.length) {
      throw new AnalyticsError('LENGTH_MISMATCH', `series ${j} has ${s.dates.length} dates but ${s.values.length} values`, `series[${j}]`);
    }
    for (let t = 1; t < s.dates.length; t++) {
      if (!(s.dates[t] > s.dates[t - 1])) {
        throw new AnalyticsError('INVALID_ARGUMENT', `series ${j} dates are not strictly ascending at ${s.dates[t]}`, `series[${j}]`);
      }
    }
  });
  // Merge walk: one cursor per series advancing to the current candidate date.
  const cursor = new Array<number>(series.length).fill(0);
  const dates: string[] = [];
  const picks: number[][] = series.map(() => []);
  const first = series[0];
  for (let t = 0; t < first.dates.length; t++) {
    const date = first.dates[t];
    if (!Number.isFinite(first.values[t])) continue;
    let everywhere = true;
    for (let j = 1; j < series.length; j++) {
      const s = series[j];
      while (cursor[j] < s.dates.length && s.dates[cursor[j]] < date) cursor[j]++;
      if (cursor[j] >= s.dates.length || s.dates[cursor[j]] !== date || !Number.isFinite(s.values[cursor[j]])) {
        everywhere = false;
        break;
      }
    }
    if (!everywhere) continue;
    dates.push(date);
    picks[0].push(t);
    for (let j = 1; j < series.length; j++) picks[j].push(cursor[j]);
  }
  return { dates, values: series.map((s, j) => Float64Array.from(picks[j], (i) => s.values[i])) };
}

/**
 * Aligns dated price series (inner join) and then takes returns over the common dates, so each
 * return spans the same two dates in every series. Return dates are the end dates of each period.
 * @example
 * const { dates, values: [aapl, spx] } = alignedReturns([aaplPrices, spxPrices]);
 */
export function alignedReturns(prices: readonly DatedSeries[], kind: 'simple' | 'log' = 'simple'): AlignedSeries {
  const aligned = alignSeries(prices);
  if (aligned.dates.length < 2) {
    throw new AnalyticsError('INSUFFICIENT_DATA', `series share ${aligned.dates.length} dates; returns need at least 2`, 'prices');
  }
  const f = kind === 'log' ? logReturns : simpleReturns;
  return { dates: aligned.dates.slice(1), values: aligned.values.map((p, j) => withField(() => f(p), `prices[${j}]`)) };
}

function withField<T>(run: () => T, field: string): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof AnalyticsError) throw new AnalyticsError(e.code, `${field}: ${e.message}`, field);
    throw e;
  }
}

/**
 * Cumulative (compounded) return over the whole series: prod(1 + r_t) - 1.
 * @example cumulativeReturn([0.1, -0.1]) // -0.01
 */
export function cumulativeReturn(returns: Series): number {
  requireFinite(returns, 1, 'returns');
  let g = 1;
  for (let t = 0; t < returns.length; t++) g *= 1 + returns[t];
  return g - 1;
}

/**
 * Annualized geometric return (PerformanceAnalytics `Return.annualized`, geometric):
 * (prod(1 + r_t))^(P / n) - 1, with P periods per year (252 daily, 52 weekly, 12 monthly).
 * Throws OUT_OF_BOUNDS when the cumulative wealth is not positive (a return of -100% or worse).
 * @example annualizedReturn([0.01, 0.02, -0.005], 12) // (1.01 * 1.02 * 0.995)^(12 / 3) - 1
 */
export function annualizedReturn(returns: Series, periodsPerYear: number): number {
  requireFinite(returns, 1, 'returns');
  requirePeriods(periodsPerYear);
  // Plain product, as PerformanceAnalytics and numpy do (a log1p sum is no more accurate here).
  let growth = 1;
  for (let t = 0; t < returns.length; t++) {
    if (!(returns[t] > -1)) throw new AnalyticsError('OUT_OF_BOUNDS', `returns[${t}] = ${returns[t]} wipes out the wealth`, 'returns');
    growth *= 1 + returns[t];
  }
  return Math.pow(growth, periodsPerYear / returns.length) - 1;
}

/** @internal periods per year must be a positive finite number. */
export function requirePeriods(periodsPerYear: number): void {
  if (!(periodsPerYear > 0 && Number.isFinite(periodsPerYear))) {
    throw new AnalyticsError('INVALID_ARGUMENT', `periodsPerYear must be positive, got ${periodsPerYear}`, 'periodsPerYear');
  }
}

/**
 * Daily P&L of a book from its end-of-day market values and external flows:
 * pnl_t = V_t - V_{t-1} - flow_t for days t = 1..n, where `values` holds V_0..V_n (length n + 1)
 * and `flows[t - 1]` is day t's flow (length n, or omitted for none). A flow is money added (+) or
 * withdrawn (-) at the end of day t, so it changes V_t without being a gain. The output feeds
 * {@link rollEquity} with the same `flows`, which rebuilds `values`.
 * @example dailyPnl([100, 103, 150], [0, 50]) // Float64Array [3, -3]
 */
export function dailyPnl(values: Series, flows?: Series): Float64Array {
  requireFinite(values, 2, 'values');
  const n = values.length - 1;
  if (flows !== undefined) {
    if (flows.length !== n) throw new AnalyticsError('LENGTH_MISMATCH', `flows has ${flows.length} values, expected ${n} (one per day after the first value)`, 'flows');
    requireFinite(flows, n, 'flows');
  }
  const out = new Float64Array(n);
  for (let t = 1; t <= n; t++) out[t - 1] = values[t] - values[t - 1] - (flows ? flows[t - 1] : 0);
  return out;
}

/** Result of {@link rollEquity}. */
export interface EquityRollForward {
  /** equity_t for t = 0..n (equity[0] is the starting equity). */
  readonly equity: Float64Array;
  /** Daily time-weighted return r_t = pnl_t / equity_{t-1}, t = 1..n (length n). */
  readonly dailyReturns: Float64Array;
  /** Time-weighted return over the whole period: prod(1 + r_t) - 1; flows do not count as performance. */
  readonly timeWeightedReturn: number;
}

/**
 * Rolls equity forward: equity_t = equity_{t-1} + pnl_t + flow_t, starting from `startEquity`.
 * Flow timing convention: flows arrive at the END of day t, after that day's P&L, so they do not
 * earn day t's return and first count in the base of day t+1. The time-weighted return links daily
 * returns r_t = pnl_t / equity_{t-1} geometrically, which removes the effect of flows.
 * Throws OUT_OF_BOUNDS when the equity a day's return is measured on is not positive.
 * @example
 * rollEquity(100, [10, -5], [50, 0])
 * // equity [100, 160, 155], dailyReturns [0.1, -0.03125], timeWeightedReturn 0.065625
 */
export function rollEquity(startEquity: number, pnl: Series, flows?: Series): EquityRollForward {
  if (!Number.isFinite(startEquity)) throw new AnalyticsError('INVALID_ARGUMENT', 'startEquity must be finite', 'startEquity');
  requireFinite(pnl, 1, 'pnl');
  if (flows !== undefined) {
    if (flows.length !== pnl.length) throw new AnalyticsError('LENGTH_MISMATCH', `flows has ${flows.length} values, pnl has ${pnl.length}`, 'flows');
    requireFinite(flows, pnl.length, 'flows');
  }
  const n = pnl.length;
  const equity = new Float64Array(n + 1);
  const dailyReturns = new Float64Array(n);
  equity[0] = startEquity;
  let growth = 1;
  for (let t = 1; t <= n; t++) {
    const base = equity[t - 1];
    if (!(base > 0)) throw new AnalyticsError('OUT_OF_BOUNDS', `equity before day ${t} is ${base}; a return needs positive equity`, 'pnl');
    const p = pnl[t - 1];
    dailyReturns[t - 1] = p / base;
    growth *= 1 + p / base;
    equity[t] = base + p + (flows ? flows[t - 1] : 0);
  }
  return { equity, dailyReturns, timeWeightedReturn: growth - 1 };
}
