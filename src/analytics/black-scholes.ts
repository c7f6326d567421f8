/**
 * Black-Scholes-Merton prices and Greeks for European options on an underlying paying a continuous
 * dividend yield, with a vectorized batch form for whole books.
 *
 * Conventions (the same as QuantLib's `AnalyticEuropeanEngine` and the project's oracles):
 * - S spot, K strike, T years to expiry on Act/365 ({@link yearFraction}), r and q continuously
 *   compounded annual rates, sigma annualized volatility (0.2 = 20%).
 * - d1 = (ln(S/K) + (r - q + sigma^2/2) T) / (sigma sqrt T), d2 = d1 - sigma sqrt T.
 * - Prices and Greeks are per unit of underlying (one share). A listed equity contract is 100 shares;
 *   position scaling happens in `option-positions.ts`.
 * - vega and rho are per 1.00 of volatility / rate (a move from 0.20 to 1.20); divide by 100 for per
 *   point ({@link perVolPoint}, {@link perRatePoint}).
 * - theta is the change in value per year of calendar time passing (-dV/dT), negative for a typical
 *   long option; per day = per year / 365.
 * - At or past expiry (T <= 0) the option is worth its intrinsic value; see {@link blackScholes}.
 */
import { AnalyticsError } from './analytics-error.js';
import { normalCdf, normalPdf } from './statistics.js';

/** Call or put. */
export type OptionRight = 'call' | 'put';

/** Inputs to the Black-Scholes-Merton formula. All rates and the volatility are annual decimals. */
export interface BlackScholesInput {
  right: OptionRight;
  /** Spot price of the underlying, > 0. */
  spot: number;
  /** Strike, > 0. */
  strike: number;
  /** Years to expiry, Act/365. Zero or negative means expired. */
  timeToExpiry: number;
  /** Risk-free rate r, continuously compounded (0.05 = 5%). */
  rate: number;
  /** Dividend yield q, continuously compounded; default 0. */
  dividendYield?: number;
  /** Volatility sigma, annualized, > 0 (ignored once expired). */
  volatility: number;
}

/** Price and Greeks per unit of underlying. */
export interface BlackScholesResult {
  /** Option value. */
  price: number;
  /** dV/dS. Call in [0, e^{-qT}], put in [-e^{-qT}, 0]. */
  delta: number;
  /** d2V/dS2, per unit of spot. */
  gamma: number;
  /** dV/dsigma per 1.00 of volatility. */
  vega: number;
  /** -dV/dT per year of calendar time. */
  thetaPerYear: number;
  /** thetaPerYear / 365. */
  thetaPerDay: number;
  /** dV/dr per 1.00 of rate. */
  rho: number;
}

const DAYS_PER_YEAR = 365;
const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day numbers of the valid dates met (a refresh values the same few expiries and dates thousands of times). */
const dayNumbers = new Map<string, number>();

/**
 * Parses an ISO calendar date 'YYYY-MM-DD' (or a Date, taken at its UTC calendar day) to a UTC day
 * number (days since 1970-01-01). Rejects impossible dates such as 2024-02-30.
 * @internal shared with the option modules.
 */
export function utcDayNumber(date: string | Date, field: string): number {
  if (date instanceof Date) {
    const t = date.getTime();
    if (!Number.isFinite(t)) throw new AnalyticsError('INVALID_ARGUMENT', `${field} is an invalid Date`, field);
    return Math.floor(t / MS_PER_DAY);
  }
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = ISO_DATE.exec(date);
  if (!m) throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be an ISO date YYYY-MM-DD, got '${date}'`, field);
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${field} is not a calendar date: '${date}'`, field);
  }
  if (dayNumbers.size >= 4096) dayNumbers.clear();
  dayNumbers.set(date, t / MS_PER_DAY);
  return t / MS_PER_DAY;
}


/**
 * Year fraction on Actual/365 Fixed: (calendar days from `start` to `end`) / 365. Negative when `end`
 * is before `start`. Dates are calendar days (no time of day): an option expiring on the valuation
 * date has T = 0 and is valued at intrinsic.
 * @example yearFraction('2024-01-02', '2024-12-31') // 364 / 365 = 0.997260...
 */
export function yearFraction(start: string | Date, end: string | Date): number {
  return (utcDayNumber(end, 'end') - utcDayNumber(start, 'start')) / DAYS_PER_YEAR;
}

/**
 * Converts vega per 1.00 of volatility to vega per volatility point (0.01).
 * @example perVolPoint(37.524) // 0.37524
 */
export function perVolPoint(vega: number): number {
  return vega / 100;
}

/**
 * Converts rho per 1.00 of rate to rho per rate point (0.01 = 100 basis points).
 * @example perRatePoint(53.23) // 0.5323
 */
export function perRatePoint(rho: number): number {
  return rho / 100;
}

function checkPositive(x: number, field: string): void {
  if (!(Number.isFinite(x) && x > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be a positive finite number, got ${x}`, field);
  }
}

function checkFinite(x: number, field: string): void {
  if (!Number.isFinite(x)) throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be finite, got ${x}`, field);
}

/**
 * Validates one option's inputs; `suffix` names the batch index in error fields.
 * @internal
 */
export function validateOptionInputs(
  spot: number, strike: number, timeToExpiry: number, rate: number, dividendYield: number, volatility: number,
  suffix = '',
): void {
  checkPositive(spot, 'spot' + suffix);
  checkPositive(strike, 'strike' + suffix);
  checkFinite(timeToExpiry, 'timeToExpiry' + suffix);
  checkFinite(rate, 'rate' + suffix);
  checkFinite(dividendYield, 'dividendYield' + suffix);
  if (timeToExpiry > 0) checkPositive(volatility, 'volatility' + suffix);
}

// Output slots of the kernel.
const PRICE = 0, DELTA = 1, GAMMA = 2, VEGA = 3, THETA = 4, RHO = 5;

/**
 * The formula on validated inputs, writing price, delta, gamma, vega, theta per year and rho into
 * out[0..5]. Calls use N(d1), N(d2); puts use N(-d1), N(-d2) directly (not parity) so out-of-the-money
 * puts keep their relative accuracy.
 */
function kernel(isCall: boolean, S: number, K: number, T: number, r: number, q: number, v: number, out: Float64Array): void {
  if (T <= 0) {
    // Expired: intrinsic value; delta is the payoff's slope with 1/2 (the average of the one-sided
    // slopes) exactly at the strike; gamma, vega, theta and rho are 0.
    const intrinsic = isCall ? S - K : K - S;
    out[PRICE] = intrinsic > 0 ? intrinsic : 0;
    out[DELTA] = S === K ? (isCall ? 0.5 : -0.5) : intrinsic > 0 ? (isCall ? 1 : -1) : 0;
    out[GAMMA] = 0;
    out[VEGA] = 0;
    out[THETA] = 0;
    out[RHO] = 0;
    return;
  }
  const sqrtT = Math.sqrt(T);
  const vt = v * sqrtT;
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / vt;
  const d2 = d1 - vt;
  const dq = Math.exp(-q * T);
  const dr = Math.exp(-r * T);
  const Sq = S * dq;
  const Kr = K * dr;
  const pdf = normalPdf(d1);
  const decay = (-Sq * pdf * v) / (2 * sqrtT);
  out[GAMMA] = (dq * pdf) / (S * vt);
  out[VEGA] = Sq * pdf * sqrtT;
  if (isCall) {
    const n1 = normalCdf(d1), n2 = normalCdf(d2);
    out[PRICE] = Sq * n1 - Kr * n2;
    out[DELTA] = dq * n1;
    out[THETA] = decay - r * Kr * n2 + q * Sq * n1;
    out[RHO] = K * T * dr * n2;
  } else {
    const n1 = normalCdf(-d1), n2 = normalCdf(-d2);
    out[PRICE] = Kr * n2 - Sq * n1;
    out[DELTA] = -dq * n1;
    out[THETA] = decay + r * Kr * n2 - q * Sq * n1;
    out[RHO] = -K * T * dr * n2;
  }
}

/**
 * Price only, on validated inputs and T > 0 (the implied-volatility solver's inner loop).
 * @internal
 */
export function priceUnchecked(isCall: boolean, S: number, K: number, T: number, r: number, q: number, v: number): number {
  const vt = v * Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / vt;
  const d2 = d1 - vt;
  const Sq = S * Math.exp(-q * T);
  const Kr = K * Math.exp(-r * T);
  return isCall ? Sq * normalCdf(d1) - Kr * normalCdf(d2) : Kr * normalCdf(-d2) - Sq * normalCdf(-d1);
}

/**
 * Vega per 1.00 of volatility on validated inputs with T > 0: S e^{-qT} phi(d1) sqrt(T).
 * @internal
 */
export function vegaUnchecked(S: number, K: number, T: number, r: number, q: number, v: number): number {
  const sqrtT = Math.sqrt(T);
  const d1 = (Math.log(S / K) + (r - q + 0.5 * v * v) * T) / (v * sqrtT);
  return S * Math.exp(-q * T) * normalPdf(d1) * sqrtT;
}

function checkRight(right: string, field: string): boolean {
  if (right !== 'call' && right !== 'put') {
    throw new AnalyticsError('INVALID_ARGUMENT', `${field} must be 'call' or 'put', got '${right}'`, field);
  }
  return right === 'call';
}

const scratch = new Float64Array(6);

/**
 * Black-Scholes-Merton price and Greeks of a European option with continuous dividend yield q.
 *
 * Call = S e^{-qT} N(d1) - K e^{-rT} N(d2); put = K e^{-rT} N(-d2) - S e^{-qT} N(-d1).
 * delta = e^{-qT} N(d1) (call), -e^{-qT} N(-d1) (put); gamma = e^{-qT} phi(d1) / (S sigma sqrt T);
 * vega = S e^{-qT} phi(d1) sqrt T (per 1.00 of vol); theta per year (call) =
 * -S e^{-qT} phi(d1) sigma / (2 sqrt T) - r K e^{-rT} N(d2) + q S e^{-qT} N(d1), put =
 * -S e^{-qT} phi(d1) sigma / (2 sqrt T) + r K e^{-rT} N(-d2) - q S e^{-qT} N(-d1); theta per day = / 365;
 * rho = K T e^{-rT} N(d2) (call), -K T e^{-rT} N(-d2) (put), per 1.00 of rate.
 *
 * Expired (T <= 0): price = max(S - K, 0) for a call, max(K - S, 0) for a put (undiscounted, the
 * exercise value on the day); delta = +1 / -1 in the money, 0 out of the money and +1/2 / -1/2 exactly
 * at the strike; gamma, vega, theta and rho are 0; volatility is not needed.
 *
 * Throws AnalyticsError INVALID_ARGUMENT for non-positive spot or strike, non-finite inputs, or a
 * non-positive volatility when T > 0.
 *
 * @example
 * blackScholes({ right: 'call', spot: 100, strike: 100, timeToExpiry: 1, rate: 0.05, volatility: 0.2 })
 * // { price: 10.4505835722, delta: 0.6368306512, gamma: 0.0187620173, vega: 37.5240346917,
 * //   thetaPerYear: -6.4140275464, thetaPerDay: -0.0175726782, rho: 53.2324815454 }
 */
export function blackScholes(input: BlackScholesInput): BlackScholesResult {
  const isCall = checkRight(input.right, 'right');
  const q = input.dividendYield ?? 0;
  validateOptionInputs(input.spot, input.strike, input.timeToExpiry, input.rate, q, input.volatility);
  kernel(isCall, input.spot, input.strike, input.timeToExpiry, input.rate, q, input.volatility, scratch);
  return {
    price: scratch[PRICE],
    delta: scratch[DELTA],
    gamma: scratch[GAMMA],
    vega: scratch[VEGA],
    thetaPerYear: scratch[THETA],
    thetaPerDay: scratch[THETA] / DAYS_PER_YEAR,
    rho: scratch[RHO],
  };
}

/**
 * Black-Scholes-Merton price only (same formula and expiry rule as {@link blackScholes}).
 * @example blackScholesPrice({ right: 'put', spot: 100, strike: 100, timeToExpiry: 1, rate: 0.05, volatility: 0.2 }) // 5.5735260223
 */
export function blackScholesPrice(input: BlackScholesInput): number {
  const isCall = checkRight(input.right, 'right');
  const q = input.dividendYield ?? 0;
  validateOptionInputs(input.spot, input.strike, input.timeToExpiry, input.rate, q, input.volatility);
  if (input.timeToExpiry <= 0) {
    const intrinsic = isCall ? input.spot - input.strike : input.strike - input.spot;
    return intrinsic > 0 ? intrinsic : 0;
  }
  return priceUnchecked(isCall, input.spot, input.strike, input.timeToExpiry, input.rate, q, input.volatility);
}

/**
 * Struct-of-arrays input for {@link blackScholesBatch}: element i of every array describes option i.
 * `rate` and `dividendYield` may be one number shared by all options.
 */
export interface BlackScholesBatchInput {
  /** 1 for a call, 0 for a put. */
  isCall: Uint8Array;
  spot: Float64Array;
  strike: Float64Array;
  /** Years, Act/365. */
  timeToExpiry: Float64Array;
  rate: Float64Array | number;
  dividendYield?: Float64Array | number;
  volatility: Float64Array;
}

/** Struct-of-arrays output of {@link blackScholesBatch}; units as in {@link BlackScholesResult}. */
export interface BlackScholesBatchOutput {
  price: Float64Array;
  delta: Float64Array;
  gamma: Float64Array;
  vega: Float64Array;
  thetaPerYear: Float64Array;
  rho: Float64Array;
}

/**
 * Allocates zero-filled output arrays for `n` options (reuse them across calls to avoid garbage).
 * @example const out = allocateBlackScholesBatch(1_000_000); blackScholesBatch(input, out);
 */
export function allocateBlackScholesBatch(n: number): BlackScholesBatchOutput {
  return {
    price: new Float64Array(n),
    delta: new Float64Array(n),
    gamma: new Float64Array(n),
    vega: new Float64Array(n),
    thetaPerYear: new Float64Array(n),
    rho: new Float64Array(n),
  };
}

/**
 * Vectorized {@link blackScholes}: prices and Greeks of n options from struct-of-arrays input, written
 * into `out` (allocated if omitted). Same formulas, units, expiry rule and validation (errors name
 * the index, e.g. field 'spot[17]'). Theta is per year only; divide by 365 for per day.
 *
 * @example
 * const out = blackScholesBatch({
 *   isCall: Uint8Array.of(1, 0), spot: Float64Array.of(100, 100), strike: Float64Array.of(100, 100),
 *   timeToExpiry: Float64Array.of(1, 1), rate: 0.05, volatility: Float64Array.of(0.2, 0.2),
 * });
 * out.price // Float64Array [10.4505835722, 5.5735260223]
 */
export function blackScholesBatch(input: BlackScholesBatchInput, out?: BlackScholesBatchOutput): BlackScholesBatchOutput {
  const n = input.isCall.length;
  const arrays: [string, ArrayLike<number>][] = [
    ['spot', input.spot], ['strike', input.strike], ['timeToExpiry', input.timeToExpiry], ['volatility', input.volatility],
  ];
  if (typeof input.rate !== 'number') arrays.push(['rate', input.rate]);
  if (input.dividendYield !== undefined && typeof input.dividendYield !== 'number') arrays.push(['dividendYield', input.dividendYield]);
  for (const [name, a] of arrays) {
    if (a.length !== n) {
      throw new AnalyticsError('LENGTH_MISMATCH', `${name} has ${a.length} elements, isCall has ${n}`, name);
    }
  }
  const result = out ?? allocateBlackScholesBatch(n);
  for (const key of Object.keys(result) as (keyof BlackScholesBatchOutput)[]) {
    if (result[key].length < n) throw new AnalyticsError('LENGTH_MISMATCH', `out.${key} is shorter than the input`, `out.${key}`);
  }
  const { isCall, spot, strike, timeToExpiry, volatility } = input;
  const rateArr = typeof input.rate === 'number' ? null : input.rate;
  const rateScalar = typeof input.rate === 'number' ? input.rate : 0;
  const divArr = input.dividendYield === undefined || typeof input.dividendYield === 'number' ? null : input.dividendYield;
  const divScalar = typeof input.dividendYield === 'number' ? input.dividendYield : 0;
  const { price, delta, gamma, vega, thetaPerYear, rho } = result;
  const s = new Float64Array(6);
  for (let i = 0; i < n; i++) {
    const r = rateArr === null ? rateScalar : rateArr[i];
    const q = divArr === null ? divScalar : divArr[i];
    const S = spot[i], K = strike[i], T = timeToExpiry[i], v = volatility[i];
    // Fast path check; the full validator runs only to build the error message.
    if (!(S > 0 && K > 0 && S < Infinity && K < Infinity && Number.isFinite(T) && Number.isFinite(r) && Number.isFinite(q) &&
          (T <= 0 || (v > 0 && v < Infinity)))) {
      validateOptionInputs(S, K, T, r, q, v, `[${i}]`);
    }
    const c = isCall[i];
    if (c !== 0 && c !== 1) throw new AnalyticsError('INVALID_ARGUMENT', `isCall[${i}] must be 0 or 1, got ${c}`, `isCall[${i}]`);
    kernel(c === 1, S, K, T, r, q, v, s);
    price[i] = s[PRICE];
    delta[i] = s[DELTA];
    gamma[i] = s[GAMMA];
    vega[i] = s[VEGA];
    thetaPerYear[i] = s[THETA];
    rho[i] = s[RHO];
  }
  return result;
}
