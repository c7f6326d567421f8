/**
 * Position-level Greeks in dollars, for stocks and options, and their aggregation by underlying.
 * Replaces the old design's MOCK_GREEKS table with Black-Scholes-Merton Greeks.
 *
 * Sign convention (project-wide): quantity is signed, positive long (LONG, LC, LP) and negative short
 * (SHORT, SC, SP). Stock quantity is in shares; option quantity is in contracts of `multiplier`
 * shares (100). Market value = quantity x price x multiplier (1 for stocks), signed.
 *
 * Dollar Greeks of a position with q contracts of m shares on an underlying at spot S:
 * - deltaShares = delta q m (share-equivalent delta); deltaDollars = delta q m S, the stock exposure
 *   with the same first-order P&L (a stock position: q S).
 * - gammaDollarsPer1Pct = gamma (0.01 S) q m S: the change in share-equivalent delta for a +1% spot
 *   move (gamma x 0.01 S x q m), valued at S. It is NOT the P&L from gamma; that is
 *   0.5 gamma (0.01 S)^2 q m = 0.005 x gammaDollarsPer1Pct for a 1% move either way.
 * - vegaPerVolPoint = vega / 100 x q m: dollar P&L for +1 volatility point (0.20 -> 0.21).
 * - thetaPerDay = thetaPerYear / 365 x q m: dollar P&L for one calendar day passing.
 * - rhoPerRatePoint = rho / 100 x q m: dollar P&L for +1 percentage point of the rate.
 *
 * Volatility: an option with a usable market price is valued at the volatility implied from that
 * price (`volatilitySource: 'implied'`, `estimated: false`). Without a market price, or when the
 * price is outside the no-arbitrage bounds, it is valued at its underlying's realized volatility
 * (an input) and flagged `estimated: true` with `volatilitySource: 'realized'` and a `note`.
 */
import { AnalyticsError } from './analytics-error.js';
import { blackScholes, utcDayNumber, type BlackScholesResult, type OptionRight } from './black-scholes.js';
import { impliedVolatility } from './implied-volatility.js';
import { OPTION_CONTRACT_MULTIPLIER, parseOccSymbol } from './occ-symbol.js';

/** A stock or ETF position. */
export interface StockPosition {
  kind: 'stock';
  id: string;
  /** Ticker; also the key into the market context. */
  underlying: string;
  /** Signed shares. */
  quantity: number;
}

/** A listed option position. */
export interface OptionPosition {
  kind: 'option';
  id: string;
  underlying: string;
  right: OptionRight;
  strike: number;
  /** Expiration date, ISO 'YYYY-MM-DD'. */
  expiry: string;
  /** Signed contracts. */
  quantity: number;
  /** Shares per contract; default 100. */
  multiplier?: number;
  /** Quoted option price per share (premium); null or absent when there is no usable quote. */
  marketPrice?: number | null;
}

export type RiskPosition = StockPosition | OptionPosition;

/** Position type codes (positions.position_type stores them): LONG/SHORT stocks, LC/LP/SC/SP long/short calls/puts. */
export type PositionType = 'LONG' | 'SHORT' | 'LC' | 'LP' | 'SC' | 'SP';

/** Market inputs for valuing positions on one valuation date. */
export interface MarketContext {
  /** ISO 'YYYY-MM-DD'; time to expiry is Act/365 from this date. */
  valuationDate: string;
  /** Risk-free rate, continuously compounded annual decimal. */
  rate: number;
  /** Spot price by underlying. */
  spots: Readonly<Record<string, number>>;
  /** Annualized realized volatility by underlying (decimal), used for options without a usable quote. */
  realizedVolatility?: Readonly<Record<string, number>>;
  /** Continuous dividend yield by underlying; default 0. */
  dividendYields?: Readonly<Record<string, number>>;
}

/** Dollar Greeks of a position (see the module comment for definitions). */
export interface DollarGreeks {
  deltaShares: number;
  deltaDollars: number;
  gammaDollarsPer1Pct: number;
  vegaPerVolPoint: number;
  thetaPerDay: number;
  rhoPerRatePoint: number;
}

/** Valuation and dollar Greeks of one position. */
export interface PositionRisk extends DollarGreeks {
  id: string;
  kind: 'stock' | 'option';
  underlying: string;
  positionType: PositionType;
  quantity: number;
  /** Shares per unit of quantity: 1 for stocks, the contract multiplier for options. */
  multiplier: number;
  spot: number;
  /** Price per share used for the market value: the stock's spot, or the option's market price if usable, else its model price. */
  price: number;
  /** quantity x price x multiplier, signed. */
  marketValue: number;
  /** Option only: model value per share at `volatility`. */
  modelPrice?: number;
  /** Option only: years to expiry, Act/365 (<= 0 once expired). */
  timeToExpiry?: number;
  /** Option only: volatility used (null when expired: none is needed). */
  volatility?: number | null;
  volatilitySource?: 'implied' | 'realized' | 'expired';
  /** Option only: per-share Greeks (black-scholes.ts units). */
  greeks?: BlackScholesResult;
  /** True when the volatility is an estimate (realized, not implied from a quote). */
  estimated: boolean;
  /** Why the value is estimated, when it is. */
  note?: string;
}

/**
 * The old design's position type code: LONG/SHORT for stocks, LC/LP/SC/SP for long/short calls/puts,
 * from the sign of the quantity. Throws INVALID_ARGUMENT for a zero quantity (neither long nor short).
 * @example positionTypeOf({ kind: 'option', id: 'x', underlying: 'AAPL', right: 'put', strike: 150, expiry: '2024-01-19', quantity: -2 }) // 'SP'
 */
export function positionTypeOf(p: RiskPosition): PositionType {
  if (!(Number.isFinite(p.quantity) && p.quantity !== 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${p.id}: quantity must be a non-zero finite number, got ${p.quantity}`, 'quantity');
  }
  const long = p.quantity > 0;
  if (p.kind === 'stock') return long ? 'LONG' : 'SHORT';
  if (p.right === 'call') return long ? 'LC' : 'SC';
  return long ? 'LP' : 'SP';
}

/**
 * Builds an option position from an OCC symbol (padded or compact; see occ-symbol.ts).
 * @example optionPositionFromOcc('pos-1', 'AAPL  240119C00150000', -3, 4.25)
 * // { kind: 'option', id: 'pos-1', underlying: 'AAPL', right: 'call', strike: 150, expiry: '2024-01-19', quantity: -3, multiplier: 100, marketPrice: 4.25 }
 */
export function optionPositionFromOcc(id: string, symbol: string, quantity: number, marketPrice?: number | null): OptionPosition {
  const c = parseOccSymbol(symbol);
  return { kind: 'option', id, underlying: c.underlying, right: c.right, strike: c.strike, expiry: c.expiry, quantity, multiplier: c.multiplier, marketPrice };
}

function spotOf(market: MarketContext, underlying: string, id: string): number {
  const s = market.spots[underlying];
  if (!(typeof s === 'number' && Number.isFinite(s) && s > 0)) {
    throw new AnalyticsError('INSUFFICIENT_DATA', `${id}: no positive spot price for ${underlying}`, `spots.${underlying}`);
  }
  return s;
}

/**
 * Values a position and computes its dollar Greeks (definitions in the module comment). A stock has
 * delta 1 per share: deltaDollars = market value = q S, all other Greeks 0.
 *
 * Options: T = Act/365 from `market.valuationDate` to `expiry`; volatility implied from `marketPrice`
 * when it is a positive number strictly inside the no-arbitrage bounds, else the underlying's
 * `realizedVolatility` with `estimated: true` (throws INSUFFICIENT_DATA when that is missing too).
 * Expired options (T <= 0) are worth intrinsic value with step delta (black-scholes.ts) and need no
 * volatility. Market value uses the market price when usable, else the model price.
 *
 * @example
 * positionRisk({ kind: 'option', id: 'c1', underlying: 'AAPL', right: 'call', strike: 100, expiry: '2025-01-01', quantity: 2 },
 *   { valuationDate: '2024-01-02', rate: 0.05, spots: { AAPL: 100 }, realizedVolatility: { AAPL: 0.2 } })
 * // deltaDollars = 0.6368 x 2 x 100 x 100 = 12,736.6; estimated: true (no market price)
 */
export function positionRisk(position: RiskPosition, market: MarketContext): PositionRisk {
  const positionType = positionTypeOf(position);
  const S = spotOf(market, position.underlying, position.id);
  const q = position.quantity;
  if (position.kind === 'stock') {
    return {
      id: position.id, kind: 'stock', underlying: position.underlying, positionType, quantity: q, multiplier: 1, spot: S,
      price: S, marketValue: q * S, deltaShares: q, deltaDollars: q * S, gammaDollarsPer1Pct: 0, vegaPerVolPoint: 0,
      thetaPerDay: 0, rhoPerRatePoint: 0, estimated: false,
    };
  }
  const m = position.multiplier ?? OPTION_CONTRACT_MULTIPLIER;
  if (!(Number.isFinite(m) && m > 0)) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${position.id}: multiplier must be positive, got ${m}`, 'multiplier');
  }
  const T = (utcDayNumber(position.expiry, 'expiry') - utcDayNumber(market.valuationDate, 'valuationDate')) / 365;
  const dividendYield = market.dividendYields?.[position.underlying] ?? 0;
  const base = { right: position.right, spot: S, strike: position.strike, timeToExpiry: T, rate: market.rate, dividendYield };
  const quote = position.marketPrice;
  const hasQuote = typeof quote === 'number' && Number.isFinite(quote) && quote > 0;
  if (quote !== undefined && quote !== null && !hasQuote) {
    throw new AnalyticsError('INVALID_ARGUMENT', `${position.id}: marketPrice must be a positive number or null, got ${quote}`, 'marketPrice');
  }

  let volatility: number | null = null;
  let source: 'implied' | 'realized' | 'expired' = 'expired';
  let note: string | undefined;
  if (T > 0) {
    if (hasQuote) {
      try {
        volatility = impliedVolatility({ ...base, price: quote });
        source = 'implied';
      } catch (e) {
        if (!(e instanceof AnalyticsError) || (e.code !== 'OUT_OF_BOUNDS' && e.code !== 'NO_CONVERGENCE')) throw e;
        note = `market price ${quote} gives no implied volatility (${e.code}); valued at realized volatility`;
      }
    } else {
      note = 'no market price; valued at realized volatility';
    }
    if (volatility === null) {
      const rv = market.realizedVolatility?.[position.underlying];
      if (!(typeof rv === 'number' && Number.isFinite(rv) && rv > 0)) {
        throw new AnalyticsError(
          'INSUFFICIENT_DATA',
          `${position.id}: ${note ?? ''}, but no realized volatility for ${position.underlying}`,
          `realizedVolatility.${position.underlying}`,
        );
      }
      volatility = rv;
      source = 'realized';
    }
  }
  const greeks = blackScholes({ ...base, volatility: volatility ?? 0 });
  const qm = q * m;
  const price = hasQuote && source === 'implied' ? quote : greeks.price;
  const risk: PositionRisk = {
    id: position.id, kind: 'option', underlying: position.underlying, positionType, quantity: q, multiplier: m, spot: S,
    price, marketValue: qm * price, modelPrice: greeks.price, timeToExpiry: T, volatility, volatilitySource: source, greeks,
    deltaShares: greeks.delta * qm,
    deltaDollars: greeks.delta * qm * S,
    gammaDollarsPer1Pct: greeks.gamma * 0.01 * S * qm * S,
    vegaPerVolPoint: (greeks.vega / 100) * qm,
    thetaPerDay: greeks.thetaPerDay * qm,
    rhoPerRatePoint: (greeks.rho / 100) * qm,
    estimated: source === 'realized',
  };
  if (note !== undefined && source === 'realized') risk.note = note;
  return risk;
}

/** Dollar Greeks and values summed over the positions on one underlying. */
export interface UnderlyingGreeks extends DollarGreeks {
  underlying: string;
  spot: number;
  /** Sum of signed market values. */
  marketValue: number;
  positions: number;
  /** True when any option on the underlying was valued at an estimated (realized) volatility. */
  estimated: boolean;
}

/**
 * Sums dollar Greeks and market values by underlying (stock and options together; every dollar Greek
 * above is additive across positions on the same underlying). Sorted by underlying.
 * @example aggregateByUnderlying(book.map((p) => positionRisk(p, market)))
 * // [{ underlying: 'AAPL', deltaDollars: ..., gammaDollarsPer1Pct: ..., positions: 3, estimated: false, ... }]
 */
export function aggregateByUnderlying(risks: readonly PositionRisk[]): UnderlyingGreeks[] {
  const by = new Map<string, UnderlyingGreeks>();
  for (const r of risks) {
    let g = by.get(r.underlying);
    if (!g) {
      g = {
        underlying: r.underlying, spot: r.spot, marketValue: 0, positions: 0, estimated: false, deltaShares: 0, deltaDollars: 0,
        gammaDollarsPer1Pct: 0, vegaPerVolPoint: 0, thetaPerDay: 0, rhoPerRatePoint: 0,
      };
      by.set(r.underlying, g);
    } else if (g.spot !== r.spot) {
      throw new AnalyticsError('INVALID_ARGUMENT', `${r.id}: spot ${r.spot} differs from ${g.spot} for ${r.underlying}`, 'spot');
    }
    g.marketValue += r.marketValue;
    g.positions += 1;
    g.estimated ||= r.estimated;
    g.deltaShares += r.deltaShares;
    g.deltaDollars += r.deltaDollars;
    g.gammaDollarsPer1Pct += r.gammaDollarsPer1Pct;
    g.vegaPerVolPoint += r.vegaPerVolPoint;
    g.thetaPerDay += r.thetaPerDay;
    g.rhoPerRatePoint += r.rhoPerRatePoint;
  }
  return [...by.values()].sort((a, b) => (a.underlying < b.underlying ? -1 : a.underlying > b.underlying ? 1 : 0));
}

/**
 * Portfolio totals of the dollar Greeks (deltaShares is omitted: shares of different underlyings do
 * not add). Sums across underlyings assume a 1% move / 1 vol point in every underlying at once.
 * @example totalGreeks(risks).thetaPerDay // dollars per calendar day for the whole book
 */
export function totalGreeks(risks: readonly PositionRisk[]): Omit<DollarGreeks, 'deltaShares'> & { marketValue: number; estimated: boolean } {
  const t = { deltaDollars: 0, gammaDollarsPer1Pct: 0, vegaPerVolPoint: 0, thetaPerDay: 0, rhoPerRatePoint: 0, marketValue: 0, estimated: false };
  for (const r of risks) {
    t.deltaDollars += r.deltaDollars;
    t.gammaDollarsPer1Pct += r.gammaDollarsPer1Pct;
    t.vegaPerVolPoint += r.vegaPerVolPoint;
    t.thetaPerDay += r.thetaPerDay;
    t.rhoPerRatePoint += r.rhoPerRatePoint;
    t.marketValue += r.marketValue;
    t.estimated ||= r.estimated;
  }
  return t;
}
