/**
 * Black-Scholes-Merton implied volatility: the sigma at which the model price equals a quoted price.
 */
import { AnalyticsError } from './analytics-error.js';
import { priceUnchecked, validateOptionInputs, vegaUnchecked, type OptionRight } from './black-scholes.js';

/** A quoted option price and the market inputs it is implied against (conventions of `black-scholes.ts`). */
export interface ImpliedVolatilityInput {
  right: OptionRight;
  /** Quoted option price per unit of underlying (per share, not per contract). */
  price: number;
  spot: number;
  strike: number;
  /** Years to expiry, Act/365; must be > 0. */
  timeToExpiry: number;
  rate: number;
  dividendYield?: number;
}

/** Solver controls. */
export interface ImpliedVolatilityOptions {
  /** Stop when a step changes sigma by less than tolerance * max(sigma, 1e-3). Default 1e-14. */
  tolerance?: number;
  /** Iteration cap; bisection alone needs about 60. Default 200. */
  maxIterations?: number;
}

/** Model-free price bounds of a European option (per unit of underlying). */
export interface NoArbitrageBounds {
  lower: number;
  upper: number;
}

/**
 * No-arbitrage bounds of a European option price, which the Black-Scholes price approaches as sigma
 * goes to 0 (lower) and to infinity (upper):
 * call: max(S e^{-qT} - K e^{-rT}, 0) < C < S e^{-qT}; put: max(K e^{-rT} - S e^{-qT}, 0) < P < K e^{-rT}.
 * @example noArbitrageBounds('call', 100, 100, 1, 0.05, 0) // { lower: 4.8770575499, upper: 100 }
 */
export function noArbitrageBounds(
  right: OptionRight, spot: number, strike: number, timeToExpiry: number, rate: number, dividendYield = 0,
): NoArbitrageBounds {
  const Sq = spot * Math.exp(-dividendYield * timeToExpiry);
  const Kr = strike * Math.exp(-rate * timeToExpiry);
  return right === 'call' ? { lower: Math.max(Sq - Kr, 0), upper: Sq } : { lower: Math.max(Kr - Sq, 0), upper: Kr };
}

/**
 * Implied volatility (annualized, decimal) of a European option under Black-Scholes-Merton with
 * continuous dividend yield.
 *
 * Method: the price is strictly increasing in sigma, from the lower no-arbitrage bound (sigma -> 0) to
 * the upper (sigma -> infinity), so every price strictly inside the bounds has exactly one implied
 * volatility. An in-the-money quote is first moved to the out-of-the-money option of the same strike
 * by put-call parity (C - P = S e^{-qT} - K e^{-rT}), whose price is pure time value. The solver then
 * runs Newton on ln(price(sigma)) - ln(target) (concave on the OTM side, so quadratic convergence)
 * from the inflection point sigma* = sqrt(2 |ln(F/K)| / T) (Manaster and Koehler 1982;
 * F = S e^{(r-q)T}), or Brenner-Subrahmanyam sqrt(2 pi / T) C / (S e^{-qT}) at the money, inside a
 * bracket [lo, hi] (lo = 0, hi doubled from 1 until price(hi) >= target). A Newton step that leaves
 * the bracket, or two steps that fail to halve it, are replaced by bisection, so the solver converges
 * for every in-bounds price. Accuracy is limited by the rounding of the price itself:
 * |d sigma| ~ 1e-16 S / vega, which only matters far from the money or at tiny T.
 *
 * Errors (AnalyticsError): OUT_OF_BOUNDS when price <= lower bound or >= upper bound (field 'price',
 * message gives the bounds); INVALID_ARGUMENT for T <= 0 (no volatility is implied by an expired
 * option) or bad spot/strike/rates; NO_CONVERGENCE if the price is so close to a bound that doubles
 * cannot resolve it.
 *
 * @example
 * impliedVolatility({ right: 'call', price: 12, spot: 100, strike: 100, timeToExpiry: 1, rate: 0.05 }) // 0.2411168937
 */
export function impliedVolatility(input: ImpliedVolatilityInput, options: ImpliedVolatilityOptions = {}): number {
  const { right, price, spot: S, strike: K, timeToExpiry: T, rate: r } = input;
  const q = input.dividendYield ?? 0;
  if (right !== 'call' && right !== 'put') {
    throw new AnalyticsError('INVALID_ARGUMENT', `right must be 'call' or 'put', got '${right}'`, 'right');
  }
  validateOptionInputs(S, K, T, r, q, 1);
  if (!(T > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `implied volatility needs timeToExpiry > 0, got ${T}`, 'timeToExpiry');
  }
  if (!Number.isFinite(price)) throw new AnalyticsError('INVALID_ARGUMENT', `price must be finite, got ${price}`, 'price');
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 200;
  if (!(tolerance > 0)) throw new AnalyticsError('INVALID_ARGUMENT', 'tolerance must be > 0', 'tolerance');
  if (!(maxIterations >= 1)) throw new AnalyticsError('INVALID_ARGUMENT', 'maxIterations must be >= 1', 'maxIterations');

  const bounds = noArbitrageBounds(right, S, K, T, r, q);
  if (!(price > bounds.lower && price < bounds.upper)) {
    throw new AnalyticsError(
      'OUT_OF_BOUNDS',
      `${right} price ${price} is outside the no-arbitrage bounds (${bounds.lower}, ${bounds.upper}) ` +
        `for S=${S}, K=${K}, T=${T}, r=${r}, q=${q}; no volatility reproduces it`,
      'price',
    );
  }
  // Solve on the out-of-the-money side (forward moneyness), moving an in-the-money price across by
  // put-call parity C - P = S e^{-qT} - K e^{-rT}: the OTM price is the time value alone, so its
  // logarithm is well scaled. price > lower bound makes the OTM target strictly positive.
  const Sq = S * Math.exp(-q * T);
  const Kr = K * Math.exp(-r * T);
  const callIsItm = Sq > Kr;
  const otmIsCall = !callIsItm;
  let target = price;
  if (right === 'call' && callIsItm) target = price - (Sq - Kr);
  else if (right === 'put' && !callIsItm) target = price - (Kr - Sq);
  const otmUpper = otmIsCall ? Sq : Kr;
  if (!(target > 0 && target < otmUpper)) {
    throw new AnalyticsError('OUT_OF_BOUNDS', `${right} price ${price} is within rounding of a no-arbitrage bound`, 'price');
  }
  const logTarget = Math.log(target);
  const otmPrice = (v: number): number => priceUnchecked(otmIsCall, S, K, T, r, q, v);

  // Bracket [lo, hi] with price(lo) < target <= price(hi): price(0+) = 0 < target, so lo = 0 is
  // valid; hi doubles from 1.
  let lo = 0;
  let hi = 1;
  let cHi = otmPrice(hi);
  while (cHi < target) {
    lo = hi;
    hi *= 2;
    if (hi > 1e8) {
      throw new AnalyticsError(
        'NO_CONVERGENCE',
        `${right} price ${price} is within rounding of the upper bound ${bounds.upper}; volatility is not resolvable`,
        'price',
      );
    }
    cHi = otmPrice(hi);
  }
  if (cHi === target) return hi;

  // Newton on g(v) = ln price(v) - ln target, g' = vega / price. ln price is concave in v on the OTM
  // side, so Newton converges quadratically; the bracket catches anything else, and a bisection is
  // forced whenever two iterations fail to halve the bracket.
  const forwardMoneyness = Math.log(Sq / Kr);
  let v = Math.sqrt((2 * Math.abs(forwardMoneyness)) / T);
  if (!(v > 1e-3)) v = (Math.sqrt((2 * Math.PI) / T) * target) / Sq;
  if (!(v > lo && v < hi)) v = 0.5 * (lo + hi);
  let width1 = hi - lo, width2 = Infinity;
  for (let i = 0; i < maxIterations; i++) {
    const c = otmPrice(v);
    if (c === target) return v;
    if (c < target) lo = v;
    else hi = v;
    let next = NaN;
    if (c > 0) {
      const vega = vegaUnchecked(S, K, T, r, q, v);
      next = v - ((Math.log(c) - logTarget) * c) / vega;
    }
    const width = hi - lo;
    if (!(next > lo && next < hi) || width > 0.5 * width2) next = 0.5 * (lo + hi);
    width2 = width1;
    width1 = width;
    if (Math.abs(next - v) <= tolerance * Math.max(v, 1e-3) || width <= tolerance * Math.max(lo, 1e-3)) return next;
    v = next;
  }
  throw new AnalyticsError(
    'NO_CONVERGENCE',
    `implied volatility did not converge in ${maxIterations} iterations (bracket [${lo}, ${hi}])`,
    'price',
  );
}
