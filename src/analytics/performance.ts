/**
 * Risk-adjusted performance ratios, in PerformanceAnalytics' conventions so the numbers can be
 * checked against R. Returns are per-period decimals; P is periods per year (252 daily, 12 monthly).
 */
import { AnalyticsError } from './analytics-error.js';
import { maxDrawdown, wealthIndex } from './drawdown.js';
import { annualizedReturn, requirePeriods } from './returns.js';
import { requireFinite, sd, type Series } from './statistics.js';

/** A per-period rate: one constant for every period, or a series aligned with the returns. */
export type PerPeriodRate = number | Series;

function excessOver(returns: Series, rate: PerPeriodRate, field: string): Float64Array {
  const out = new Float64Array(returns.length);
  if (typeof rate === 'number') {
    if (!Number.isFinite(rate)) throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be finite`, field);
    for (let t = 0; t < returns.length; t++) out[t] = returns[t] - rate;
  } else {
    if (rate.length !== returns.length) {
      throw new AnalyticsError('LENGTH_MISMATCH', `${field} has ${rate.length} values, returns has ${returns.length}`, field);
    }
    requireFinite(rate, returns.length, field);
    for (let t = 0; t < returns.length; t++) out[t] = returns[t] - rate[t];
  }
  return out;
}

/**
 * Annualized Sharpe ratio in the PerformanceAnalytics `SharpeRatio.annualized` convention
 * (geometric): [prod(1 + r_t - rf_t)^(P/n) - 1] / [sd(r) sqrt(P)], i.e. the annualized geometric
 * EXCESS return over the annualized sample sd (n - 1) of the RAW returns. `riskFree` is a
 * per-period rate (e.g. the monthly T-bill return), constant or a series aligned with `returns`.
 * Needs n >= 2 and a non-constant series.
 * @example sharpeRatio(ham1, { riskFree: us3m, periodsPerYear: 12 }) // 1.0667952172
 */
export function sharpeRatio(returns: Series, options: { riskFree?: PerPeriodRate; periodsPerYear: number }): number {
  requireFinite(returns, 2, 'returns');
  requirePeriods(options.periodsPerYear);
  const excess = excessOver(returns, options.riskFree ?? 0, 'riskFree');
  const vol = sd(returns) * Math.sqrt(options.periodsPerYear);
  if (!(vol > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'Sharpe ratio of a constant return series is undefined', 'returns');
  return annualizedReturn(excess, options.periodsPerYear) / vol;
}

/**
 * Downside deviation (PerformanceAnalytics `DownsideDeviation`, method "full"):
 * sqrt(sum_{r_t < MAR} (MAR - r_t)^2 / n), where n counts ALL periods. Per period, not annualized.
 * @example downsideDeviation([0.02, -0.01, -0.03], 0) // sqrt((0.0001 + 0.0009) / 3)
 */
export function downsideDeviation(returns: Series, mar: PerPeriodRate = 0): number {
  requireFinite(returns, 1, 'returns');
  const excess = excessOver(returns, mar, 'mar');
  let s = 0;
  for (let t = 0; t < excess.length; t++) if (excess[t] < 0) s += excess[t] * excess[t];
  return Math.sqrt(s / excess.length);
}

/**
 * Sortino ratio in the PerformanceAnalytics `SortinoRatio` convention: mean(r_t - MAR) divided by
 * {@link downsideDeviation}(r, MAR) (method "full"), per period: PerformanceAnalytics does not
 * annualize it. `mar` (minimum acceptable return) is per period. Throws when no period falls below
 * the MAR (the ratio is unbounded).
 * @example sortinoRatio(ham1, { mar: 0 }) // monthly Sortino of HAM1
 */
export function sortinoRatio(returns: Series, options: { mar?: PerPeriodRate } = {}): number {
  requireFinite(returns, 2, 'returns');
  const mar = options.mar ?? 0;
  const excess = excessOver(returns, mar, 'mar');
  let m = 0;
  for (let t = 0; t < excess.length; t++) m += excess[t];
  m /= excess.length;
  const dd = downsideDeviation(returns, mar);
  if (!(dd > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'no return is below the MAR, so the Sortino ratio is unbounded', 'returns');
  return m / dd;
}

/**
 * Calmar ratio (PerformanceAnalytics `CalmarRatio`): annualized geometric return divided by the
 * maximum drawdown of the wealth path (wealth starts at 1, positive fraction), over the whole
 * series given (PerformanceAnalytics does not restrict it to 36 months). Throws when there is no drawdown.
 * @example calmarRatio(ham1, 12) // annualized return / max drawdown
 */
export function calmarRatio(returns: Series, periodsPerYear: number): number {
  const mdd = maxDrawdown(wealthIndex(returns)).maxDrawdown;
  if (!(mdd > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'the series never draws down, so the Calmar ratio is unbounded', 'returns');
  return annualizedReturn(returns, periodsPerYear) / mdd;
}
