/**
 * Exposure summaries (long, short, gross, net, delta-adjusted), grouped by sector, tag and
 * underlying; concentration (HHI, effective N, top-3 / top-10 weights); and a diversification score.
 *
 * Conventions: quantities are signed (long > 0, short < 0), so market values and delta dollars are
 * signed. `long` sums positive market values, `short` sums negative ones and is reported as a
 * NEGATIVE number; gross = long - short = sum |mv|; net = long + short. The delta-adjusted figures
 * do the same with delta dollars (a stock's delta dollars are its market value; an option's are
 * delta x qty x multiplier x spot, so a long put is long market value but short delta).
 */
import { AnalyticsError } from './analytics-error.js';
import { multiplyVector, type Matrix } from './linear-algebra.js';

/** What the exposure functions need from a valued position (see option-positions.ts `PositionRisk`). */
export interface ExposurePosition {
  id: string;
  underlying: string;
  /** Signed market value: quantity x price x multiplier. */
  marketValue: number;
  /** Signed delta-adjusted dollars (stock: its market value). */
  deltaDollars: number;
  /** GICS-style sector of the underlying; missing -> '(unclassified)'. */
  sector?: string | null;
  /** Industry of the underlying; missing -> '(unclassified)'. */
  industry?: string | null;
  /** Position type code (LONG, SHORT, LC, LP, SC, SP); missing -> '(unclassified)'. */
  positionType?: string | null;
  /** User tags; a position with several tags counts in each; none -> '(untagged)'. */
  tags?: readonly string[];
}

/** Long / short / gross / net by market value and by delta dollars. */
export interface ExposureSummary {
  long: number;
  /** Sum of negative market values (<= 0). */
  short: number;
  gross: number;
  net: number;
  deltaLong: number;
  /** Sum of negative delta dollars (<= 0). */
  deltaShort: number;
  deltaGross: number;
  deltaNet: number;
  positions: number;
  /** gross / portfolioValue and net / portfolioValue, when a portfolio value (equity) was given. */
  grossLeverage?: number;
  netLeverage?: number;
}

/** Group key for positions without a sector. */
export const UNCLASSIFIED = '(unclassified)';
/** Group key for positions without tags. */
export const UNTAGGED = '(untagged)';

function check(p: ExposurePosition): void {
  if (!Number.isFinite(p.marketValue) || !Number.isFinite(p.deltaDollars)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${p.id}: marketValue and deltaDollars must be finite`, p.id);
  }
}

function empty(): ExposureSummary {
  return { long: 0, short: 0, gross: 0, net: 0, deltaLong: 0, deltaShort: 0, deltaGross: 0, deltaNet: 0, positions: 0 };
}

function add(s: ExposureSummary, p: ExposurePosition): void {
  if (p.marketValue >= 0) s.long += p.marketValue;
  else s.short += p.marketValue;
  if (p.deltaDollars >= 0) s.deltaLong += p.deltaDollars;
  else s.deltaShort += p.deltaDollars;
  s.positions += 1;
}

function finish(s: ExposureSummary, portfolioValue?: number): ExposureSummary {
  s.gross = s.long - s.short;
  s.net = s.long + s.short;
  s.deltaGross = s.deltaLong - s.deltaShort;
  s.deltaNet = s.deltaLong + s.deltaShort;
  if (portfolioValue !== undefined) {
    s.grossLeverage = s.gross / portfolioValue;
    s.netLeverage = s.net / portfolioValue;
  }
  return s;
}

function checkValue(portfolioValue: number | undefined): void {
  if (portfolioValue !== undefined && !(Number.isFinite(portfolioValue) && portfolioValue > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `portfolioValue must be positive, got ${portfolioValue}`, 'portfolioValue');
  }
}

/**
 * Long, short (negative), gross and net exposure by market value and by delta dollars. With a
 * portfolio value (equity), also gross and net leverage.
 * @example
 * exposureSummary([{ id: 'a', underlying: 'AAPL', marketValue: 600, deltaDollars: 600 },
 *                  { id: 'b', underlying: 'XOM', marketValue: -400, deltaDollars: -400 }])
 * // { long: 600, short: -400, gross: 1000, net: 200, deltaLong: 600, deltaShort: -400, deltaGross: 1000, deltaNet: 200, positions: 2 }
 */
export function exposureSummary(positions: readonly ExposurePosition[], portfolioValue?: number): ExposureSummary {
  checkValue(portfolioValue);
  const s = empty();
  for (const p of positions) {
    check(p);
    add(s, p);
  }
  return finish(s, portfolioValue);
}

/** Exposure summary of one group. */
export interface GroupExposure extends ExposureSummary {
  key: string;
}

/** The groupings of {@link exposuresBy}. */
export type ExposureGrouping = 'sector' | 'industry' | 'positionType' | 'tag' | 'underlying';

/**
 * {@link exposureSummary} per sector, industry, position type, tag or underlying, sorted by delta-adjusted gross exposure
 * (largest first), then key. Positions without a sector (industry, type) go to '(unclassified)'; without tags to
 * '(untagged)'; a position with several tags is counted in each tag (tag groups can overlap, so they
 * need not sum to the portfolio total).
 * @example exposuresBy(positions, 'sector')[0] // { key: 'Technology', long: ..., deltaNet: ..., positions: 4 }
 */
export function exposuresBy(positions: readonly ExposurePosition[], by: ExposureGrouping, portfolioValue?: number): GroupExposure[] {
  checkValue(portfolioValue);
  const groups = new Map<string, ExposureSummary>();
  const into = (key: string, p: ExposurePosition): void => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = empty()));
    add(g, p);
  };
  for (const p of positions) {
    check(p);
    if (by === 'underlying') into(p.underlying, p);
    else if (by === 'sector' || by === 'industry' || by === 'positionType') into(p[by] || UNCLASSIFIED, p);
    else if (!p.tags || p.tags.length === 0) into(UNTAGGED, p);
    else for (const t of new Set(p.tags)) into(t, p);
  }
  return [...groups.entries()]
    .map(([key, s]) => ({ key, ...finish(s, portfolioValue) }))
    .sort((a, b) => b.deltaGross - a.deltaGross || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Concentration of the book across underlyings. */
export interface Concentration {
  /** Herfindahl-Hirschman index sum w_u^2, in (0, 1]. */
  hhi: number;
  /** 1 / hhi: the number of equal-weight underlyings with the same HHI. */
  effectiveN: number;
  /** Sum of the 3 (5, 10) largest weights (all of them if fewer). */
  top3: number;
  top5: number;
  top10: number;
  /** Gross weights by underlying, largest first. */
  weights: { underlying: string; weight: number }[];
}

/**
 * Concentration on gross weights across underlyings. Exposure per underlying is the NET delta-adjusted
 * dollars of all positions on it (stock plus options: a covered call is one smaller bet, not two);
 * gross weight w_u = |X_u| / sum_v |X_v|. HHI = sum w_u^2, effective N = 1 / HHI, top-3 / top-10 =
 * sum of the largest weights (also top 5). Throws INVALID_ARGUMENT when every underlying nets to zero.
 * @example concentration(positions) // { hhi: 0.34, effectiveN: 2.94, top3: 1, top10: 1, weights: [...] }
 */
export function concentration(positions: readonly ExposurePosition[]): Concentration {
  const net = new Map<string, number>();
  for (const p of positions) {
    check(p);
    net.set(p.underlying, (net.get(p.underlying) ?? 0) + p.deltaDollars);
  }
  let total = 0;
  for (const x of net.values()) total += Math.abs(x);
  if (!(total > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'no delta-adjusted exposure: concentration is undefined', 'positions');
  const weights = [...net.entries()]
    .map(([underlying, x]) => ({ underlying, weight: Math.abs(x) / total }))
    .sort((a, b) => b.weight - a.weight || (a.underlying < b.underlying ? -1 : 1));
  let hhi = 0;
  for (const w of weights) hhi += w.weight * w.weight;
  const top = (n: number): number => weights.slice(0, n).reduce((s, w) => s + w.weight, 0);
  return { hhi, effectiveN: 1 / hhi, top3: top(3), top5: top(5), top10: top(10), weights };
}

/** Output of {@link diversificationScore}. */
export interface Diversification {
  /** 1 - portfolioVolatility / weightedVolatility, in [0, 1]. */
  score: number;
  /** weightedVolatility / portfolioVolatility (Choueifaty and Coignard), >= 1; null for a perfect hedge (zero volatility). */
  diversificationRatio: number | null;
  /** sqrt(x' C x). */
  portfolioVolatility: number;
  /** sum |x_i| sigma_i: the volatility if every pair of exposures moved together (correlation +1 for same-side, -1 for opposite-side). */
  weightedVolatility: number;
}

/**
 * Diversification score = 1 - sqrt(x' C x) / sum_i |x_i| sigma_i, with x the (delta-adjusted dollar)
 * exposures, C their return covariance and sigma_i = sqrt(C_ii); any period, since the ratio is
 * scale-free. By the triangle inequality sqrt(x'Cx) <= sum |x_i| sigma_i, so the score is in [0, 1]:
 * 0 for a single exposure or perfectly co-moving bets (no diversification), rising toward 1 as
 * offsetting or uncorrelated risk cancels (N equal independent exposures give 1 - 1/sqrt(N)); a
 * perfect hedge scores 1. It equals 1 - 1 / diversification ratio. Throws INVALID_ARGUMENT when
 * sum |x_i| sigma_i is 0 (no risk to diversify).
 * @example diversificationScore([1, 1], createMatrix(2, 2, [1, 0, 0, 1])).score // 1 - sqrt(2)/2 = 0.2929
 */
export function diversificationScore(exposures: ArrayLike<number>, covariance: Matrix): Diversification {
  const n = exposures.length;
  if (covariance.rows !== n || covariance.cols !== n) {
    throw new AnalyticsError('LENGTH_MISMATCH', `covariance is ${covariance.rows}x${covariance.cols}, expected ${n}x${n}`, 'covariance');
  }
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const v = covariance.data[i * n + i];
    if (!(Number.isFinite(exposures[i]) && v >= 0)) {
      throw new AnalyticsError('INVALID_ARGUMENT', `exposure ${i} must be finite and variance ${i} >= 0`, 'covariance');
    }
    weighted += Math.abs(exposures[i]) * Math.sqrt(v);
  }
  if (!(weighted > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'no risk to diversify (sum |x_i| sigma_i = 0)', 'exposures');
  const cx = multiplyVector(covariance, exposures);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += exposures[i] * cx[i];
  // Clamp rounding: the quadratic form of a PSD matrix is >= 0 and <= weighted^2.
  const vol = Math.min(Math.sqrt(Math.max(variance, 0)), weighted);
  return { score: 1 - vol / weighted, diversificationRatio: vol > 0 ? weighted / vol : null, portfolioVolatility: vol, weightedVolatility: weighted };
}
