/**
 * Descriptive statistics and the standard normal distribution.
 *
 * Inputs are any array-like of numbers (Float64Array or number[]). Every function rejects empty
 * input, too few observations and non-finite values with an {@link AnalyticsError} rather than
 * returning NaN. Moments use two passes (mean first, then centred sums) for accuracy.
 */
import { AnalyticsError } from './analytics-error.js';

/** A read-only numeric series: Float64Array, number[] or any array-like of numbers. */
export type Series = ArrayLike<number>;

/**
 * Throws unless `x` has at least `min` values, all finite.
 * @internal shared by the analytics modules so every function reports bad input the same way.
 */
export function requireFinite(x: Series, min: number, field: string): void {
  if (x.length < min) {
    throw new AnalyticsError('INSUFFICIENT_DATA', `${field} needs at least ${min} observations, got ${x.length}`, field);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new AnalyticsError('INVALID_ARGUMENT', `${field}[${i}] is not a finite number (${x[i]})`, field);
    }
  }
}

/**
 * Arithmetic mean, sum(x) / n, with one correction pass (sum of deviations / n) for accuracy.
 * @example mean([1, 2, 3, 4]) // 2.5
 */
export function mean(x: Series): number {
  requireFinite(x, 1, 'x');
  return meanUnchecked(x);
}

function meanUnchecked(x: Series): number {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  return m + c / n;
}

function centralSums(x: Series): { m: number; s2: number; s3: number; s4: number } {
  const m = meanUnchecked(x);
  let s2 = 0, s3 = 0, s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return { m, s2, s3, s4 };
}

/**
 * Sample variance, sum((x - mean)^2) / (n - 1) (R `var`, pandas `.var()`, numpy `var(ddof=1)`).
 * Needs n >= 2.
 * @example variance([1, 2, 3, 4]) // 1.6666666666666667
 */
export function variance(x: Series): number {
  requireFinite(x, 2, 'x');
  const m = meanUnchecked(x);
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    s2 += d * d;
  }
  return s2 / (x.length - 1);
}

/**
 * Sample standard deviation, sqrt of {@link variance} (divisor n - 1). Needs n >= 2.
 * @example sd([1, 2, 3, 4]) // 1.2909944487358056
 */
export function sd(x: Series): number {
  return Math.sqrt(variance(x));
}

/**
 * Population variance, sum((x - mean)^2) / n (numpy `var(ddof=0)`). Needs n >= 1.
 * @example populationVariance([1, 2, 3, 4]) // 1.25
 */
export function populationVariance(x: Series): number {
  requireFinite(x, 1, 'x');
  return centralSums(x).s2 / x.length;
}

/**
 * Population standard deviation, sqrt(sum((x - mean)^2) / n). This is the sd PerformanceAnalytics
 * uses in Gaussian VaR. Needs n >= 1.
 * @example populationSd([1, 2, 3, 4]) // 1.118033988749895
 */
export function populationSd(x: Series): number {
  return Math.sqrt(populationVariance(x));
}

/**
 * Skewness from population moments: m3 / m2^(3/2) with m_k = sum((x - mean)^k) / n.
 * This is PerformanceAnalytics `skewness(x, method = "moment")`, the estimator its Cornish-Fisher
 * (modified) VaR uses; no small-sample correction. Needs n >= 2 and non-zero dispersion.
 * @example skewness([1, 2, 3, 10]) // 1.0182337649086284
 */
export function skewness(x: Series): number {
  requireFinite(x, 2, 'x');
  const { s2, s3 } = centralSums(x);
  const n = x.length;
  if (!(s2 > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'skewness of a constant series is undefined', 'x');
  const m2 = s2 / n;
  return s3 / n / (m2 * Math.sqrt(m2));
}

/**
 * Excess kurtosis from population moments: m4 / m2^2 - 3 with m_k = sum((x - mean)^k) / n.
 * This is PerformanceAnalytics `kurtosis(x, method = "excess")` (the "moment" estimator minus 3),
 * as used by its Cornish-Fisher VaR. A normal sample gives about 0. Needs n >= 2 and non-zero dispersion.
 * @example excessKurtosis([1, 2, 3, 10]) // -0.7696
 */
export function excessKurtosis(x: Series): number {
  requireFinite(x, 2, 'x');
  const { s2, s4 } = centralSums(x);
  const n = x.length;
  if (!(s2 > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'kurtosis of a constant series is undefined', 'x');
  const m2 = s2 / n;
  return s4 / n / (m2 * m2) - 3;
}

/**
 * Quantile by R's type 7 (R's default, numpy `method='linear'`): with sorted x_(1..n) and
 * h = (n - 1) p, Q(p) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)) (0-based).
 * `p` in [0, 1]. Sorts a copy; use {@link quantileSorted} for repeated calls on sorted data.
 * @example quantile([1, 2, 3, 4], 0.05) // 1.15
 */
export function quantile(x: Series, p: number): number {
  requireFinite(x, 1, 'x');
  const sorted = Float64Array.from(x as ArrayLike<number>).sort();
  return quantileSorted(sorted, p);
}

/**
 * Type 7 quantile of data already sorted ascending (not checked). See {@link quantile}.
 * @example quantileSorted(new Float64Array([1, 2, 3, 4]), 0.5) // 2.5
 */
export function quantileSorted(sorted: Series, p: number): number {
  if (sorted.length < 1) throw new AnalyticsError('INSUFFICIENT_DATA', 'quantile of an empty series', 'x');
  if (!(p >= 0 && p <= 1)) throw new AnalyticsError('INVALID_ARGUMENT', `probability must be in [0, 1], got ${p}`, 'p');
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo], b = sorted[hi];
  return a + (h - lo) * (b - a);
}

// ---------------------------------------------------------------------------------------------
// Normal distribution
// ---------------------------------------------------------------------------------------------

const SQRT_2PI = 2.5066282746310002;
const INV_SQRT_PI = 0.56418958354775628695;

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969),
// as coded in netlib specfun CALERF (1990). Maximum relative error about 1e-16 (double precision).
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERF_C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const ERF_D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const ERF_P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const ERF_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

/** exp(-y^2) computed as exp(-ysq^2) exp(-(y - ysq)(y + ysq)) with ysq = y rounded down to 1/16, to keep relative accuracy. */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/** exp(-x^2 / 2) with the same split, so the rounding of x^2 costs nothing (R's pnorm does this too). */
function expMinusHalfSquare(x: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-0.5 * xsq * xsq) * Math.exp(-0.5 * del);
}

/**
 * For y > 0.46875, the factor F(y) with erfc(y) = F(y) exp(-y^2). F varies slowly (relative
 * sensitivity ~ 1/y), so rounding in y barely moves it; the exponential carries the sensitivity.
 */
function erfcTailFactor(y: number): number {
  if (y <= 4) {
    let num = ERF_C[8] * y, den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]) * y;
      den = (den + ERF_D[i]) * y;
    }
    return (num + ERF_C[7]) / (den + ERF_D[7]);
  }
  const ysq = 1 / (y * y);
  let num = ERF_P[5] * ysq, den = ysq;
  for (let i = 0; i < 4; i++) {
    num = (num + ERF_P[i]) * ysq;
    den = (den + ERF_Q[i]) * ysq;
  }
  const r = (ysq * (num + ERF_P[4])) / (den + ERF_Q[4]);
  return (INV_SQRT_PI - r) / y;
}

/**
 * Complementary error function erfc(x) = 2/sqrt(pi) * integral_x^inf exp(-t^2) dt, by Cody's
 * rational Chebyshev approximations (netlib CALERF); relative error about 1e-16 over the whole line.
 * @example erfc(1) // 0.15729920705028516
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) throw new AnalyticsError('INVALID_ARGUMENT', 'erfc of NaN', 'x');
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const ysq = y > 1.11e-16 ? y * y : 0;
    let num = ERF_A[4] * ysq, den = ysq;
    for (let i = 0; i < 3; i++) {
      num = (num + ERF_A[i]) * ysq;
      den = (den + ERF_B[i]) * ysq;
    }
    return 1 - (x * (num + ERF_A[3])) / (den + ERF_B[3]);
  }
  const result = y >= 26.543 ? 0 : erfcTailFactor(y) * expMinusSquare(y);
  return x < 0 ? 2 - result : result;
}

/**
 * Standard normal density phi(x) = exp(-x^2 / 2) / sqrt(2 pi), with x^2 split so that the result
 * keeps full relative precision in the tails.
 * @example normalPdf(0) // 0.3989422804014327
 */
export function normalPdf(x: number): number {
  if (Number.isNaN(x)) throw new AnalyticsError('INVALID_ARGUMENT', 'normalPdf of NaN', 'x');
  return expMinusHalfSquare(x) / SQRT_2PI;
}

/**
 * Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2 by Cody's erfc. In the tails (|x| > 0.66)
 * it is evaluated as F(|x| / sqrt 2) exp(-x^2 / 2) / 2 with the exponential taken from x itself,
 * not from the rounded x / sqrt 2, so the relative error stays about 1e-15 out to the underflow
 * (x ~ -38), in both tails (for x > 0 the upper tail is 1 - Phi(-x)).
 * @example normalCdf(-1.6448536269514729) // 0.05
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new AnalyticsError('INVALID_ARGUMENT', 'normalCdf of NaN', 'x');
  const y = Math.abs(x) * Math.SQRT1_2;
  if (y <= 0.46875) return 0.5 * erfc(-x * Math.SQRT1_2);
  const lower = y >= 27 ? 0 : 0.5 * erfcTailFactor(y) * expMinusHalfSquare(Math.abs(x));
  return x < 0 ? lower : 1 - lower;
}

// Wichura, "Algorithm AS 241: The percentage points of the normal distribution", Applied
// Statistics 37 (1988) 477-484, PPND16: relative accuracy about 1e-16.
const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function poly(c: readonly number[], x: number): number {
  let s = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) s = s * x + c[i];
  return s;
}

/**
 * Inverse standard normal CDF (quantile function) z = Phi^{-1}(p) by Wichura's AS 241 (PPND16),
 * relative accuracy about 1e-16. p must be in (0, 1); p = 0 or 1 is an INVALID_ARGUMENT rather than
 * an infinity, because every caller here would turn it into a meaningless number.
 * @example normalInv(0.05) // -1.6448536269514726
 */
export function normalInv(p: number): number {
  if (!(p > 0 && p < 1)) throw new AnalyticsError('INVALID_ARGUMENT', `probability must be in (0, 1), got ${p}`, 'p');
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS241_A, r)) / poly(AS241_B, r);
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let z: number;
  if (r <= 5) {
    r -= 1.6;
    z = poly(AS241_C, r) / poly(AS241_D, r);
  } else {
    r -= 5;
    z = poly(AS241_E, r) / poly(AS241_F, r);
  }
  return q < 0 ? -z : z;
}
