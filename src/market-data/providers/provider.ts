/**
 * The one interface every market-data provider implements, plus the small base class the HTTP
 * providers share (capability table, UNSUPPORTED errors, argument checks, breaker visibility).
 */
import type { CircuitBreaker } from '../circuit-breaker.js';
import type { HttpClientOptions, MarketDataLogger, RateLimitConfig, RetryPolicy, SleepFn } from '../http-client.js';
import {
  MarketDataError,
  isIsoDate,
  type CallOptions,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataOperation,
  type Profile,
  type Quote,
} from '../types.js';

/** What a provider can serve: one flag per operation. */
export type ProviderCapabilities = Readonly<Record<MarketDataOperation, boolean>>;

/**
 * A source of market data. Calls the provider cannot serve reject with an UNSUPPORTED
 * {@link MarketDataError}; every other failure is a typed MarketDataError too.
 */
export interface MarketDataProvider {
  /** Stable name (`polygon`, `fmp`, ...), recorded as the data source. */
  readonly name: string;
  /** Which operations this provider serves. */
  readonly capabilities: ProviderCapabilities;
  /** False while the provider's circuit breaker refuses calls (open, cool-down not over). */
  isAvailable(): boolean;
  /** Daily bars with `from <= date <= to`, ascending by date. Empty array when none. */
  dailyBars(symbol: string, from: IsoDate, to: IsoDate, options?: CallOptions): Promise<DailyBar[]>;
  /** Latest price, change, volume and time. */
  quote(symbol: string, options?: CallOptions): Promise<Quote>;
  /** Name, sector, industry, market cap, P/E, exchange and asset type. */
  profile(symbol: string, options?: CallOptions): Promise<Profile>;
  /** Splits and cash dividends with ex-dates in `[from, to]`. */
  corporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions>;
}

/** Settings common to every HTTP provider. */
export interface HttpProviderOptions {
  apiKey?: string;
  /** Overrides the provider's public base URL (tests, proxies). */
  baseUrl?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Overrides the provider's default (free-tier) limit; null disables local limiting. */
  rateLimit?: RateLimitConfig | null;
  /** Breaker settings, or a breaker instance to share. */
  breaker?: HttpClientOptions['breaker'];
  now?: () => number;
  sleep?: SleepFn;
  random?: () => number;
  fetch?: typeof fetch;
  logger?: MarketDataLogger;
}

/** The HTTP-client settings within a provider's options (everything but key, base URL and limit). */
export function httpOptionsFrom(o: HttpProviderOptions): Omit<HttpProviderOptions, 'apiKey' | 'baseUrl' | 'rateLimit'> {
  const out: Partial<HttpProviderOptions> = {};
  if (o.timeoutMs !== undefined) out.timeoutMs = o.timeoutMs;
  if (o.retry !== undefined) out.retry = o.retry;
  if (o.breaker !== undefined) out.breaker = o.breaker;
  if (o.now !== undefined) out.now = o.now;
  if (o.sleep !== undefined) out.sleep = o.sleep;
  if (o.random !== undefined) out.random = o.random;
  if (o.fetch !== undefined) out.fetch = o.fetch;
  if (o.logger !== undefined) out.logger = o.logger;
  return out;
}

/** Builds the capability table from the list of supported operations. */
export function capabilities(...ops: MarketDataOperation[]): ProviderCapabilities {
  return {
    dailyBars: ops.includes('dailyBars'),
    quote: ops.includes('quote'),
    profile: ops.includes('profile'),
    corporateActions: ops.includes('corporateActions'),
  };
}

/** The UNSUPPORTED error for `operation` on `provider`. */
export function unsupported(provider: string, operation: MarketDataOperation, why = ''): MarketDataError {
  return new MarketDataError(
    'UNSUPPORTED',
    `${provider}: ${operation} is not supported${why ? ` (${why})` : ''}`,
    { provider, operation },
  );
}

/** Shared plumbing for the HTTP providers. */
export abstract class BaseProvider implements MarketDataProvider {
  abstract readonly name: string;
  abstract readonly capabilities: ProviderCapabilities;
  protected abstract readonly breaker: CircuitBreaker;

  /** See {@link MarketDataProvider.isAvailable}. */
  isAvailable(): boolean {
    return this.breaker.isCallPermitted();
  }

  /** The breaker guarding this provider (for diagnostics and tests). */
  get circuit(): CircuitBreaker {
    return this.breaker;
  }

  /** See {@link MarketDataProvider.dailyBars}. */
  async dailyBars(symbol: string, from: IsoDate, to: IsoDate, options?: CallOptions): Promise<DailyBar[]> {
    this.require('dailyBars');
    const s = this.checkSymbol(symbol, 'dailyBars');
    this.checkRange(from, to, 'dailyBars', s);
    const bars = await this.fetchDailyBars(s, from, to, options);
    return bars
      .filter((b) => b.date >= from && b.date <= to)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }

  /** See {@link MarketDataProvider.quote}. */
  async quote(symbol: string, options?: CallOptions): Promise<Quote> {
    this.require('quote');
    return this.fetchQuote(this.checkSymbol(symbol, 'quote'), options);
  }

  /** See {@link MarketDataProvider.profile}. */
  async profile(symbol: string, options?: CallOptions): Promise<Profile> {
    this.require('profile');
    return this.fetchProfile(this.checkSymbol(symbol, 'profile'), options);
  }

  /** See {@link MarketDataProvider.corporateActions}. */
  async corporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions> {
    this.require('corporateActions');
    const s = this.checkSymbol(symbol, 'corporateActions');
    this.checkRange(from, to, 'corporateActions', s);
    const ca = await this.fetchCorporateActions(s, from, to, options);
    const inRange = <T extends { exDate: string }>(xs: T[]) =>
      xs
        .filter((x) => x.exDate >= from && x.exDate <= to)
        .sort((a, b) => (a.exDate < b.exDate ? -1 : a.exDate > b.exDate ? 1 : 0));
    return { splits: inRange(ca.splits), dividends: inRange(ca.dividends) };
  }

  protected fetchDailyBars(s: string, _f: IsoDate, _t: IsoDate, _o?: CallOptions): Promise<DailyBar[]> {
    return Promise.reject(unsupported(this.name, 'dailyBars', s));
  }
  protected fetchQuote(s: string, _o?: CallOptions): Promise<Quote> {
    return Promise.reject(unsupported(this.name, 'quote', s));
  }
  protected fetchProfile(s: string, _o?: CallOptions): Promise<Profile> {
    return Promise.reject(unsupported(this.name, 'profile', s));
  }
  protected fetchCorporateActions(
    s: string,
    _f: IsoDate,
    _t: IsoDate,
    _o?: CallOptions,
  ): Promise<CorporateActions> {
    return Promise.reject(unsupported(this.name, 'corporateActions', s));
  }

  private require(op: MarketDataOperation): void {
    if (!this.capabilities[op]) throw unsupported(this.name, op);
  }

  private checkSymbol(symbol: string, operation: MarketDataOperation): string {
    const s = symbol.trim().toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9.\-^=]{0,19}$/.test(s)) {
      // An impossible ticker cannot exist at any provider.
      throw new MarketDataError('NOT_FOUND', `${this.name}: "${symbol}" is not a valid symbol`, {
        provider: this.name,
        operation,
        symbol,
      });
    }
    return s;
  }

  private checkRange(from: IsoDate, to: IsoDate, operation: MarketDataOperation, symbol: string): void {
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      throw new RangeError(
        `${this.name}.${operation}(${symbol}): need ISO dates with from <= to, got ${from}..${to}`,
      );
    }
  }
}
