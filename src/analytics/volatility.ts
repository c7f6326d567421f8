/**
 * Volatility of return series: realized (sample sd), rolling, and EWMA (RiskMetrics).
 *
 * Units: inputs are per-period decimal returns; outputs are annualized decimal volatilities,
 * sd * sqrt(P) with P periods per year (252 for daily data unless told otherwise).
 */
import { AnalyticsError } from './analytics-error.js';
import { requirePeriods } from './returns.js';
import { requireFinite, sd, type Series } from './statistics.js';

/** Trading days per year used to annualize daily figures. */
export const TRADING_DAYS_PER_YEAR = 252;
/** The standard realized-volatility windows: one month, one quarter and one year of trading days. */
export const REALIZED_VOL_WINDOWS = [21, 63, 252] as const;
/** RiskMetrics (1996) decay factor for daily data. */
export const RISKMETRICS_LAMBDA = 0.94;

/**
 * Annualized realized volatility: sample sd (n - 1) of the last `window` returns times sqrt(P).
 * Without a window, uses the whole series. Needs at least 2 returns in the window.
 * @example realizedVolatility(dailyReturns, { window: 63 }) // e.g. 0.21 for 21% a year
 */
export function realizedVolatility(returns: Series, options: { window?: number; periodsPerYear?: number } = {}): number {
  const periods = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  requirePeriods(periods);
  const window = options.window ?? returns.length;
  requireWindow(window);
  if (returns.length < window) {
    throw new AnalyticsError('INSUFFICIENT_DATA', `a ${window}-period volatility needs ${window} returns, got ${returns.length}`, 'returns');
  }
  const recent = Float64Array.from({ length: window }, (_, i) => returns[returns.length - window + i]);
  return sd(recent) * Math.sqrt(periods);
}

function requireWindow(window: number): void {
  if (!Number.isInteger(window) || window < 2) {
    throw new AnalyticsError('INVALID_ARGUMENT', `window must be an integer >= 2, got ${window}`, 'window');
  }
}

/** One entry of {@link realizedVolatilities}: `volatility` is null when the series is shorter than the window. */
export interface WindowVolatility {
  readonly window: number;
  readonly volatility: number | null;
}

/**
 * Realized volatility over the standard 21, 63 and 252-period windows (or the windows given),
 * each on the most recent returns. A window longer than the series gives `volatility: null`
 * (explicitly unavailable, never NaN).
 * @example realizedVolatilities(dailyReturns) // [{ window: 21, volatility: 0.18 }, { window: 63, ... }, { window: 252, ... }]
 */
export function realizedVolatilities(
  returns: Series,
  options: { windows?: readonly number[]; periodsPerYear?: number } = {},
): WindowVolatility[] {
  requireFinite(returns, 0, 'returns');
  const windows = options.windows ?? REALIZED_VOL_WINDOWS;
  return windows.map((window) => {
    requireWindow(window);
    return {
      window,
      volatility: returns.length < window ? null : realizedVolatility(returns, { window, periodsPerYear: options.periodsPerYear }),
    };
  });
}

/**
 * Rolling annualized volatility: out[i] = sd(returns[i .. i + window - 1]) * sqrt(P), so out[i]
 * belongs to the window ending at returns[i + window - 1] (length n - window + 1, like pandas
 * `rolling(window).std()` with the leading NaNs removed). Each window is computed with two passes,
 * not a running sum of squares, so no cancellation builds up over long series.
 * @example rollingVolatility(dailyReturns, 21) // one value per day from the 21st return on
 */
export function rollingVolatility(returns: Series, window: number, periodsPerYear: number = TRADING_DAYS_PER_YEAR): Float64Array {
  requireWindow(window);
  requirePeriods(periodsPerYear);
  requireFinite(returns, window, 'returns');
  const n = returns.length;
  const out = new Float64Array(n - window + 1);
  const scale = Math.sqrt(periodsPerYear / (window - 1));
  for (let i = 0; i + window <= n; i++) {
    let s = 0;
    for (let t = i; t < i + window; t++) s += returns[t];
    const m = s / window;
    let ss = 0;
    for (let t = i; t < i + window; t++) {
      const d = returns[t] - m;
      ss += d * d;
    }
    out[i] = Math.sqrt(ss) * scale;
  }
  return out;
}

/** Options of the EWMA (RiskMetrics) estimators. */
export interface EwmaOptions {
  /** Decay factor lambda in (0, 1); default 0.94 (RiskMetrics daily). */
  readonly lambda?: number;
  /** Periods per year for annualization; default 252. */
  readonly periodsPerYear?: number;
  /** Seed variance s_0 (per period, not annualized). Default r_0^2, the first squared return. */
  readonly initialVariance?: number;
}

/** @internal validates the decay factor. */
export function requireLambda(lambda: number): void {
  if (!(lambda > 0 && lambda < 1)) throw new AnalyticsError('INVALID_ARGUMENT', `lambda must be in (0, 1), got ${lambda}`, 'lambda');
}

/**
 * EWMA volatility series (RiskMetrics, zero mean): s_t = lambda s_{t-1} + (1 - lambda) r_t^2 for
 * t >= 1, seeded with s_0 = r_0^2 unless `initialVariance` is given (then s_0 = lambda * init + (1 - lambda) r_0^2).
 * out[t] = sqrt(s_t * P) is the annualized volatility after observing r_t, i.e. the forecast for
 * period t + 1. The default seed equals pandas `(r**2).ewm(alpha=1-lambda, adjust=False).mean()`.
 * @example ewmaVolatilitySeries(dailyReturns).at(-1) // today's RiskMetrics volatility, annualized
 */
export function ewmaVolatilitySeries(returns: Series, options: EwmaOptions = {}): Float64Array {
  const lambda = options.lambda ?? RISKMETRICS_LAMBDA;
  const periods = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  requireLambda(lambda);
  requirePeriods(periods);
  requireFinite(returns, 1, 'returns');
  const init = options.initialVariance;
  if (init !== undefined && !(init >= 0 && Number.isFinite(init))) {
    throw new AnalyticsError('INVALID_ARGUMENT', `initialVariance must be a non-negative number, got ${init}`, 'initialVariance');
  }
  const out = new Float64Array(returns.length);
  let s = init === undefined ? returns[0] * returns[0] : lambda * init + (1 - lambda) * returns[0] * returns[0];
  out[0] = Math.sqrt(s * periods);
  for (let t = 1; t < returns.length; t++) {
    s = lambda * s + (1 - lambda) * returns[t] * returns[t];
    out[t] = Math.sqrt(s * periods);
  }
  return out;
}

/**
 * Latest EWMA volatility (annualized), the last value of {@link ewmaVolatilitySeries}.
 * @example ewmaVolatility(dailyReturns, { lambda: 0.97 })
 */
export function ewmaVolatility(returns: Series, options: EwmaOptions = {}): number {
  const series = ewmaVolatilitySeries(returns, options);
  return series[series.length - 1];
}
