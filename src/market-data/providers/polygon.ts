/**
 * Polygon.io (now also branded Massive) REST provider.
 *
 * Endpoints used:
 * - daily bars: `GET /v2/aggs/ticker/{ticker}/range/1/day/{from}/{to}?adjusted=true&sort=asc&limit=50000`,
 *   following `next_url` cursors.
 * - quote: the same aggregates over the last 14 calendar days (free-tier friendly; the snapshot
 *   endpoint needs a paid plan): price = last close, change against the bar before it.
 * - profile: `GET /v3/reference/tickers/{ticker}`.
 * - corporate actions: `GET /v3/reference/splits` and `GET /v3/reference/dividends`, filtered by
 *   ticker and date, following `next_url` cursors.
 *
 * Adjustment choice: bars are requested with `adjusted=true`, so open/high/low/close/volume are
 * split-adjusted (`adjustment: 'split'`, matching FMP and Yahoo). Polygon publishes no dividend
 * adjustment, so `adjClose` is null; a total-return series can be built from the dividends returned
 * by {@link PolygonProvider.corporateActions}. Split-adjusted volumes can be fractional and are
 * rounded to whole shares. Pass `adjusted: false` for prices as traded (`adjustment: 'raw'`).
 *
 * Polygon answers an unknown ticker on the aggregates and reference-list endpoints with an empty
 * 200, so when a call comes back empty the provider asks `/v3/reference/tickers/{ticker}` once:
 * a 404 there makes the call NOT_FOUND, otherwise the empty result stands.
 *
 * Auth: `apiKey` query parameter (default) or `Authorization: Bearer` header (`auth: 'header'`).
 * Free tier: 5 requests per minute, which is the default rate limit.
 */
import { z } from 'zod';
import type { CircuitBreaker } from '../circuit-breaker.js';
import { HttpClient, type RawResponse } from '../http-client.js';
import {
  MarketDataError,
  addDays,
  isoDateInZone,
  type AssetType,
  type CallOptions,
  type CashDividend,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataOperation,
  type Profile,
  type Quote,
  type Split,
} from '../types.js';
import { BaseProvider, capabilities, httpOptionsFrom, type HttpProviderOptions } from './provider.js';

/** Polygon settings. */
export interface PolygonOptions extends HttpProviderOptions {
  apiKey: string;
  /** Split-adjusted bars (default true). */
  adjusted?: boolean;
  /** Where the key goes: `query` (apiKey=...) or `header` (Bearer). Default `query`. */
  auth?: 'query' | 'header';
  /** Safety cap on cursor pages per call. Default 50. */
  maxPages?: number;
}

/** Public base URL. */
export const POLYGON_BASE_URL = 'https://api.polygon.io';
/** Free ("Basic") plan: 5 requests per minute. */
export const POLYGON_FREE_RATE_LIMIT = { requests: 5, perMs: 60_000 } as const;

const EXCHANGE_TZ = 'America/New_York';

const aggsSchema = z.object({
  status: z.string(),
  ticker: z.string().optional(),
  adjusted: z.boolean().optional(),
  queryCount: z.number().optional(),
  resultsCount: z.number().optional(),
  results: z
    .array(
      z.object({
        t: z.number().int(),
        o: z.number(),
        h: z.number(),
        l: z.number(),
        c: z.number(),
        v: z.number(),
        vw: z.number().optional(),
        n: z.number().optional(),
      }),
    )
    .optional(),
  next_url: z.string().optional(),
  request_id: z.string().optional(),
});

const tickerSchema = z.object({
  status: z.string(),
  request_id: z.string().optional(),
  results: z.object({
    ticker: z.string(),
    name: z.string().optional(),
    market: z.string().optional(),
    locale: z.string().optional(),
    primary_exchange: z.string().optional(),
    type: z.string().optional(),
    active: z.boolean().optional(),
    currency_name: z.string().optional(),
    market_cap: z.number().optional(),
    sic_code: z.string().optional(),
    sic_description: z.string().optional(),
  }),
});

const splitsSchema = z.object({
  status: z.string(),
  results: z
    .array(
      z.object({
        execution_date: z.string(),
        split_from: z.number().positive(),
        split_to: z.number().positive(),
        ticker: z.string(),
        id: z.string().optional(),
      }),
    )
    .optional(),
  next_url: z.string().optional(),
});

const dividendsSchema = z.object({
  status: z.string(),
  results: z
    .array(
      z.object({
        cash_amount: z.number(),
        currency: z.string().optional(),
        declaration_date: z.string().optional(),
        dividend_type: z.string().optional(),
        ex_dividend_date: z.string(),
        frequency: z.number().optional(),
        pay_date: z.string().optional(),
        record_date: z.string().optional(),
        ticker: z.string(),
        id: z.string().optional(),
      }),
    )
    .optional(),
  next_url: z.string().optional(),
});

type Agg = NonNullable<z.infer<typeof aggsSchema>['results']>[number];

/** Polygon.io provider; see the module comment for endpoints and choices. */
export class PolygonProvider extends BaseProvider {
  readonly name = 'polygon';
  readonly capabilities = capabilities('dailyBars', 'quote', 'profile', 'corporateActions');
  protected readonly breaker: CircuitBreaker;
  private readonly http: HttpClient;
  private readonly adjusted: boolean;
  private readonly maxPages: number;
  private readonly now: () => number;

  /** Creates the provider; `apiKey` is required. */
  constructor(options: PolygonOptions) {
    super();
    const header = options.auth === 'header';
    this.http = new HttpClient({
      provider: this.name,
      baseUrl: options.baseUrl ?? POLYGON_BASE_URL,
      rateLimit: options.rateLimit === undefined ? POLYGON_FREE_RATE_LIMIT : options.rateLimit,
      ...(header
        ? { headers: { authorization: `Bearer ${options.apiKey}` }, secrets: [options.apiKey] }
        : { authQuery: { apiKey: options.apiKey } }),
      ...httpOptionsFrom(options),
    });
    this.breaker = this.http.breaker;
    this.adjusted = options.adjusted ?? true;
    this.maxPages = options.maxPages ?? 50;
    this.now = options.now ?? Date.now;
  }

  private classify = (res: RawResponse, json: unknown): MarketDataError | undefined => {
    const body = (json ?? {}) as { status?: unknown; error?: unknown; message?: unknown };
    const text = [body.error, body.message].filter((x) => typeof x === 'string').join(' ');
    if (/api key/i.test(text) && res.status >= 400) {
      return new MarketDataError('AUTH', `polygon: ${text} (HTTP ${res.status})`, {
        provider: this.name,
        status: res.status,
      });
    }
    if (res.status === 200 && body.status === 'ERROR') {
      return new MarketDataError('UPSTREAM', `polygon: error in a 200 body: ${text}`, {
        provider: this.name,
        status: 200,
      });
    }
    return undefined;
  };

  private async pages<T extends { next_url?: string | undefined }>(
    first: { path: string; query?: Record<string, string | number | boolean | undefined> },
    schema: z.ZodType<T>,
    operation: MarketDataOperation,
    symbol: string,
    options?: CallOptions,
  ): Promise<T[]> {
    const out: T[] = [];
    let next: { path: string; query?: Record<string, string | number | boolean | undefined> } | null =
      first;
    for (let page = 0; next && page < this.maxPages; page++) {
      const body: T = await this.http.getJson({
        ...next,
        operation,
        symbol,
        schema,
        classify: this.classify,
        ...(options?.signal ? { signal: options.signal } : {}),
      });
      out.push(body);
      next = body.next_url ? { path: body.next_url } : null;
    }
    if (next) {
      // Returning a silently truncated series would be worse than failing.
      throw new MarketDataError(
        'UPSTREAM',
        `polygon: more than ${this.maxPages} pages for ${operation}(${symbol}); raise maxPages or narrow the range`,
        { provider: this.name, operation, symbol },
      );
    }
    return out;
  }

  /** Throws NOT_FOUND when Polygon does not know the ticker (used after empty answers). */
  private async assertExists(symbol: string, operation: MarketDataOperation, options?: CallOptions) {
    try {
      await this.tickerDetails(symbol, operation, options);
    } catch (e) {
      if (e instanceof MarketDataError && e.code === 'NOT_FOUND') {
        throw new MarketDataError('NOT_FOUND', `polygon: unknown ticker ${symbol}`, {
          provider: this.name,
          operation,
          symbol,
          status: e.status,
        });
      }
      throw e;
    }
  }

  private tickerDetails(symbol: string, operation: MarketDataOperation, options?: CallOptions) {
    return this.http.getJson({
      path: `/v3/reference/tickers/${encodeURIComponent(symbol)}`,
      operation,
      symbol,
      schema: tickerSchema,
      classify: this.classify,
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  private async aggs(symbol: string, from: IsoDate, to: IsoDate, operation: MarketDataOperation, options?: CallOptions) {
    const pages = await this.pages(
      {
        path: `/v2/aggs/ticker/${encodeURIComponent(symbol)}/range/1/day/${from}/${to}`,
        query: { adjusted: this.adjusted, sort: 'asc', limit: 50000 },
      },
      aggsSchema,
      operation,
      symbol,
      options,
    );
    return pages.flatMap((p) => p.results ?? []);
  }

  private toBar(symbol: string, a: Agg): DailyBar {
    return {
      symbol,
      date: isoDateInZone(a.t, EXCHANGE_TZ),
      open: a.o,
      high: a.h,
      low: a.l,
      close: a.c,
      adjClose: null,
      volume: Math.round(a.v),
      adjustment: this.adjusted ? 'split' : 'raw',
    };
  }

  protected override async fetchDailyBars(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<DailyBar[]> {
    const results = await this.aggs(symbol, from, to, 'dailyBars', options);
    if (results.length === 0) await this.assertExists(symbol, 'dailyBars', options);
    return results.map((a) => this.toBar(symbol, a));
  }

  /**
   * Quote from the last two daily bars of the past 14 days. `timestamp` is the start of the last
   * bar's session window (00:00 New York time on the session date), as Polygon stamps it.
   */
  protected override async fetchQuote(symbol: string, options?: CallOptions): Promise<Quote> {
    const today = new Date(this.now()).toISOString().slice(0, 10);
    const results = await this.aggs(symbol, addDays(today, -14), today, 'quote', options);
    if (results.length === 0) {
      await this.assertExists(symbol, 'quote', options);
      throw new MarketDataError('NOT_FOUND', `polygon: no trades for ${symbol} in the last 14 days`, {
        provider: this.name,
        operation: 'quote',
        symbol,
      });
    }
    const last = results[results.length - 1]!;
    const prev = results.length > 1 ? results[results.length - 2]! : null;
    const change = prev ? last.c - prev.c : null;
    return {
      symbol,
      price: last.c,
      change,
      changePercent: prev && change !== null && prev.c !== 0 ? (change / prev.c) * 100 : null,
      volume: Math.round(last.v),
      timestamp: new Date(last.t).toISOString(),
      currency: 'USD',
    };
  }

  protected override async fetchProfile(symbol: string, options?: CallOptions): Promise<Profile> {
    const { results: r } = await this.tickerDetails(symbol, 'profile', options);
    return {
      symbol,
      name: r.name ?? null,
      sector: sicDivision(r.sic_code),
      industry: r.sic_description ?? null,
      marketCap: r.market_cap ?? null,
      peRatio: null,
      exchange: r.primary_exchange ?? null,
      assetType: polygonAssetType(r.type, r.market),
      currency: r.currency_name ? r.currency_name.toUpperCase() : null,
    };
  }

  protected override async fetchCorporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions> {
    const splitPages = await this.pages(
      {
        path: '/v3/reference/splits',
        query: {
          ticker: symbol,
          'execution_date.gte': from,
          'execution_date.lte': to,
          limit: 1000,
          order: 'asc',
          sort: 'execution_date',
        },
      },
      splitsSchema,
      'corporateActions',
      symbol,
      options,
    );
    const divPages = await this.pages(
      {
        path: '/v3/reference/dividends',
        query: {
          ticker: symbol,
          'ex_dividend_date.gte': from,
          'ex_dividend_date.lte': to,
          limit: 1000,
          order: 'asc',
          sort: 'ex_dividend_date',
        },
      },
      dividendsSchema,
      'corporateActions',
      symbol,
      options,
    );
    const splits: Split[] = splitPages
      .flatMap((p) => p.results ?? [])
      .filter((s) => s.ticker.toUpperCase() === symbol)
      .map((s) => ({
        symbol,
        exDate: s.execution_date,
        numerator: s.split_to,
        denominator: s.split_from,
        factor: s.split_to / s.split_from,
      }));
    const dividends: CashDividend[] = divPages
      .flatMap((p) => p.results ?? [])
      .filter((d) => d.ticker.toUpperCase() === symbol)
      .map((d) => ({
        symbol,
        exDate: d.ex_dividend_date,
        amount: d.cash_amount,
        splitAdjusted: false,
        currency: d.currency ?? null,
        payDate: d.pay_date ?? null,
        recordDate: d.record_date ?? null,
        declarationDate: d.declaration_date ?? null,
      }));
    if (splits.length === 0 && dividends.length === 0) {
      await this.assertExists(symbol, 'corporateActions', options);
    }
    return { splits, dividends };
  }
}


/** Polygon ticker `type`/`market` to our asset type. */
export function polygonAssetType(type: string | undefined, market: string | undefined): AssetType | null {
  switch (type) {
    case 'CS':
    case 'PFD':
    case 'OS':
    case 'GDR':
      return 'stock';
    case 'ADRC':
    case 'ADRP':
    case 'ADRR':
      return 'adr';
    case 'ETF':
    case 'ETN':
    case 'ETV':
    case 'ETS':
      return 'etf';
    case 'FUND':
    case 'MF':
      return 'fund';
    case 'INDEX':
      return 'index';
  }
  if (market === 'crypto') return 'crypto';
  if (market === 'indices') return 'index';
  return type || market ? 'other' : null;
}

/**
 * Polygon has no GICS sector; its SIC code's division (the standard SIC top level) stands in for
 * it, with `sic_description` as the industry.
 */
export function sicDivision(sic: string | undefined): string | null {
  if (!sic || !/^\d{3,4}$/.test(sic)) return null;
  const major = Math.floor(Number(sic.padStart(4, '0')) / 100);
  if (major >= 1 && major <= 9) return 'Agriculture, Forestry and Fishing';
  if (major >= 10 && major <= 14) return 'Mining';
  if (major >= 15 && major <= 17) return 'Construction';
  if (major >= 20 && major <= 39) return 'Manufacturing';
  if (major >= 40 && major <= 49) return 'Transportation, Communications, Electric, Gas and Sanitary Services';
  if (major >= 50 && major <= 51) return 'Wholesale Trade';
  if (major >= 52 && major <= 59) return 'Retail Trade';
  if (major >= 60 && major <= 67) return 'Finance, Insurance and Real Estate';
  if (major >= 70 && major <= 89) return 'Services';
  if (major >= 91 && major <= 99) return 'Public Administration';
  return null;
}
