/**
 * Shared types for the market-data layer: the normalised records every provider returns, the
 * operations a provider may support, and the one typed error they raise.
 *
 * Dates are ISO `YYYY-MM-DD` strings (the project's one date type); instants (a quote's time) are
 * ISO-8601 UTC timestamps (`2024-05-01T20:00:00.000Z`). Prices are plain numbers in the listing
 * currency.
 */

/** A calendar date as `YYYY-MM-DD`. */
export type { IsoDate } from '../iso-date.js';
import type { IsoDate } from '../iso-date.js';

/** The four calls a provider can serve. */
export type MarketDataOperation = 'dailyBars' | 'quote' | 'profile' | 'corporateActions';

/** Every operation, in a stable order (handy for capability tables and tests). */
export const MARKET_DATA_OPERATIONS: readonly MarketDataOperation[] = [
  'dailyBars',
  'quote',
  'profile',
  'corporateActions',
];

/**
 * How the open/high/low/close/volume of a bar are adjusted, as the provider delivers them:
 * - `raw`: as traded on that day (EODHD).
 * - `split`: back-adjusted for splits only (Polygon with adjusted=true, FMP, Yahoo).
 * Dividends never adjust OHLC; the dividend-and-split adjusted series is `adjClose`.
 */
export type PriceAdjustment = 'raw' | 'split';

/** One daily OHLCV bar. */
export interface DailyBar {
  symbol: string;
  date: IsoDate;
  open: number;
  high: number;
  low: number;
  close: number;
  /**
   * Close adjusted for splits and cash dividends (a total-return series), or null when the provider
   * does not publish one (Polygon publishes split-adjusted prices only).
   */
  adjClose: number | null;
  volume: number;
  /** How open/high/low/close/volume are adjusted. */
  adjustment: PriceAdjustment;
}

/** Latest price for a symbol. `change` is against the previous session's close. */
export interface Quote {
  symbol: string;
  price: number;
  /** Absolute change against the previous close, or null when the provider does not say. */
  change: number | null;
  /** Change in percent (1.5 means +1.5 %), or null when unknown. */
  changePercent: number | null;
  /** Session volume so far, or null when unknown. */
  volume: number | null;
  /** When the price was observed, ISO-8601 UTC. */
  timestamp: string;
  currency: string | null;
}

/** The broad kind of instrument. */
export type AssetType = 'stock' | 'etf' | 'fund' | 'adr' | 'index' | 'crypto' | 'other';

/** Descriptive data for a symbol. Any field the provider does not give is null. */
export interface Profile {
  symbol: string;
  name: string | null;
  sector: string | null;
  industry: string | null;
  /** Market capitalisation in the listing currency. */
  marketCap: number | null;
  /** Trailing price/earnings ratio. */
  peRatio: number | null;
  exchange: string | null;
  assetType: AssetType | null;
  currency: string | null;
}

/**
 * A stock split effective on `exDate` (the first session trading on the new basis).
 *
 * The ratio is `numerator`-for-`denominator`: a 4-for-1 split has numerator 4, denominator 1.
 * `factor` = numerator / denominator is the number of new shares per old share (4 for a 4-for-1,
 * 0.1 for a 1-for-10 reverse split); prices before `exDate` divide by it to be comparable.
 */
export interface Split {
  symbol: string;
  exDate: IsoDate;
  numerator: number;
  denominator: number;
  factor: number;
}

/** A cash dividend per share, keyed by its ex-date. */
export interface CashDividend {
  symbol: string;
  exDate: IsoDate;
  /** Cash per share. */
  amount: number;
  /**
   * False when `amount` is as declared; true when the provider back-adjusted it for later splits
   * (Yahoo does; Polygon, FMP and EODHD here give declared amounts).
   */
  splitAdjusted: boolean;
  currency: string | null;
  payDate: IsoDate | null;
  recordDate: IsoDate | null;
  declarationDate: IsoDate | null;
}

/** Splits and cash dividends with ex-dates inside the requested range, each sorted by ex-date. */
export interface CorporateActions {
  splits: Split[];
  dividends: CashDividend[];
}

/** Optional per-call settings. */
export interface CallOptions {
  /** Aborts the call (and any retry wait) when signalled. */
  signal?: AbortSignal;
}

/**
 * Machine-readable error codes:
 * - NOT_FOUND: the provider does not know the symbol.
 * - RATE_LIMITED: the provider (429) or our own limiter refused the call.
 * - AUTH: the key is missing, wrong, or not entitled to the data (401/403).
 * - UPSTREAM: 5xx or network failure after retries, or another unexpected status.
 * - MALFORMED: the body was not parseable or not of the documented shape.
 * - TIMEOUT: the request did not answer in time (after retries).
 * - CIRCUIT_OPEN: the provider's circuit breaker is open; no request was sent.
 * - UNSUPPORTED: the provider does not offer this call.
 */
export type MarketDataErrorCode =
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'AUTH'
  | 'UPSTREAM'
  | 'MALFORMED'
  | 'TIMEOUT'
  | 'CIRCUIT_OPEN'
  | 'UNSUPPORTED';

/** Context attached to a {@link MarketDataError}. */
export interface MarketDataErrorDetails {
  provider: string;
  operation?: MarketDataOperation | undefined;
  symbol?: string | undefined;
  /** HTTP status of the last response, when there was one. */
  status?: number | undefined;
  /** For RATE_LIMITED: how long the provider asked us to wait, when it said. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * The one error the market-data layer raises. `code` is stable; `message` is for people and never
 * contains an API key (URLs are redacted before they are put into messages).
 */
export class MarketDataError extends Error {
  readonly provider: string;
  readonly operation: MarketDataOperation | undefined;
  readonly symbol: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: MarketDataErrorCode,
    message: string,
    details: MarketDataErrorDetails,
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MarketDataError';
    this.provider = details.provider;
    this.operation = details.operation;
    this.symbol = details.symbol;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** True when `e` is a {@link MarketDataError}, optionally of the given code. */
export function isMarketDataError(e: unknown, code?: MarketDataErrorCode): e is MarketDataError {
  return e instanceof MarketDataError && (code === undefined || e.code === code);
}

// Date helpers live in src/iso-date.ts; re-exported here for the market-data modules.
export { addDays, isIsoDate, isoDateFromEpochMs, isoDateInZone } from '../iso-date.js';
