/**
 * Drawdowns of a wealth (or price-level) path.
 *
 * Convention (PerformanceAnalytics `maxDrawdown`, geometric): drawdown_t = W_t / max_{s<=t} W_s - 1
 * on a level series whose first point counts as a peak. For returns, build the level series with
 * {@link wealthIndex}, which starts at wealth 1 before the first return. Maximum drawdown is
 * reported as a positive fraction (0.25 = a 25% fall from the peak).
 */
import { AnalyticsError } from './analytics-error.js';
import { requireFinite, type Series } from './statistics.js';

/**
 * Wealth path from returns: W_0 = 1, W_t = W_{t-1} (1 + r_t); length n + 1. W_0 is the start, so
 * a loss in the very first period already counts as a drawdown from 1.
 * @example wealthIndex([0.1, -0.5]) // Float64Array [1, 1.1, 0.55]
 */
export function wealthIndex(returns: Series): Float64Array {
  requireFinite(returns, 1, 'returns');
  const w = new Float64Array(returns.length + 1);
  w[0] = 1;
  for (let t = 0; t < returns.length; t++) w[t + 1] = w[t] * (1 + returns[t]);
  return w;
}

function requireLevels(levels: Series): void {
  requireFinite(levels, 1, 'levels');
  for (let i = 0; i < levels.length; i++) {
    if (!(levels[i] > 0)) throw new AnalyticsError('OUT_OF_BOUNDS', `levels[${i}] = ${levels[i]}: drawdowns need positive wealth`, 'levels');
  }
}

/**
 * Drawdown series dd_t = L_t / max_{s<=t} L_s - 1 (zero or negative), same length as `levels`.
 * @example drawdownSeries([1, 1.1, 0.55, 1.2]) // Float64Array [0, 0, -0.5, 0]
 */
export function drawdownSeries(levels: Series): Float64Array {
  requireLevels(levels);
  const out = new Float64Array(levels.length);
  let peak = levels[0];
  for (let t = 0; t < levels.length; t++) {
    if (levels[t] > peak) peak = levels[t];
    out[t] = levels[t] / peak - 1;
  }
  return out;
}

/** The worst peak-to-trough fall of a level series. Indices refer to the `levels` argument. */
export interface MaxDrawdown {
  /** Largest fall from a running peak, positive fraction: 1 - trough / peak (0 if the path never falls). */
  readonly maxDrawdown: number;
  /** Index of the peak the worst drawdown falls from (the earliest index at that peak level). */
  readonly peakIndex: number;
  /** Index where the worst drawdown bottoms out (the first time it reaches its minimum). */
  readonly troughIndex: number;
  /** First index after the trough where the level is back at or above the peak; null if it never recovers. */
  readonly recoveryIndex: number | null;
  /** Dates of the three points when `dates` was given, else null. */
  readonly peakDate: string | null;
  readonly troughDate: string | null;
  readonly recoveryDate: string | null;
}

/**
 * Maximum drawdown with its peak, trough and recovery. With no fall at all, maxDrawdown is 0 and
 * peak = trough = recovery = 0. Pass `dates` (same length as `levels`) to get dates back.
 * @example
 * maxDrawdown(wealthIndex(monthlyReturns)).maxDrawdown // 0.1517729055 for HAM1 1996-2006
 * maxDrawdown(spxCloses, spxDates) // { maxDrawdown: 0.5677538775, peakDate: '2007-10-09', troughDate: '2009-03-09', ... }
 */
export function maxDrawdown(levels: Series, dates?: readonly string[]): MaxDrawdown {
  requireLevels(levels);
  if (dates !== undefined && dates.length !== levels.length) {
    throw new AnalyticsError('LENGTH_MISMATCH', `dates has ${dates.length} entries, levels has ${levels.length}`, 'dates');
  }
  let peakAt = 0;
  let worst = 0, worstPeak = 0, worstTrough = 0;
  for (let t = 1; t < levels.length; t++) {
    if (levels[t] > levels[peakAt]) {
      peakAt = t;
      continue;
    }
    const dd = 1 - levels[t] / levels[peakAt];
    if (dd > worst) {
      worst = dd;
      worstPeak = peakAt;
      worstTrough = t;
    }
  }
  let recovery: number | null = worst === 0 ? 0 : null;
  if (worst > 0) {
    for (let t = worstTrough + 1; t < levels.length; t++) {
      if (levels[t] >= levels[worstPeak]) {
        recovery = t;
        break;
      }
    }
  }
  const dateAt = (i: number | null): string | null => (dates === undefined || i === null ? null : dates[i]);
  return {
    maxDrawdown: worst,
    peakIndex: worstPeak,
    troughIndex: worstTrough,
    recoveryIndex: recovery,
    peakDate: dateAt(worstPeak),
    troughDate: dateAt(worstTrough),
    recoveryDate: dateAt(recovery),
  };
}
