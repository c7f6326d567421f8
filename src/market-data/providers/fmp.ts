/**
 * Financial Modeling Prep provider (the `/api/v3` endpoints).
 *
 * Endpoints used (key in the `apikey` query parameter):
 * - daily bars: `GET /api/v3/historical-price-full/{symbol}?from=&to=` -> `{symbol, historical: [...]}`
 *   newest first. open/high/low/close/volume are split-adjusted; `adjClose` is split- and
 *   dividend-adjusted.
 * - quote: `GET /api/v3/quote/{symbol}` -> array of one quote (`timestamp` in Unix seconds).
 * - profile: `GET /api/v3/profile/{symbol}` -> array of one profile; it has no P/E, so the quote's
 *   `pe` is fetched too (two requests).
 * - corporate actions: `GET /api/v3/historical-price-full/stock_split/{symbol}` and
 *   `.../stock_dividend/{symbol}` -> `{symbol, historical: [...]}` (full history, filtered here).
 *
 * FMP answers an unknown symbol with `{}` on the historical endpoints and `[]` on quote/profile.
 * `{}` is also what a known symbol gets for a range with no data, so an empty historical answer is
 * followed by one profile lookup: `[]` there means NOT_FOUND, otherwise the empty result stands.
 *
 * Errors come as `{"Error Message": "..."}`, sometimes with a 200 status: an invalid key is AUTH,
 * "Limit Reach" is RATE_LIMITED, legacy/plan restrictions are AUTH (not entitled).
 *
 * Free tier: 250 requests per day, the default rate limit. FMP has moved new keys to its `/stable`
 * API; keys created before 31 Aug 2025 (and paid plans) still reach `/api/v3`.
 */
import { z } from 'zod';
import type { CircuitBreaker } from '../circuit-breaker.js';
import { HttpClient, type RawResponse } from '../http-client.js';
import {
  MarketDataError,
  type AssetType,
  type CallOptions,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataOperation,
  type Profile,
  type Quote,
} from '../types.js';
import { BaseProvider, capabilities, httpOptionsFrom, type HttpProviderOptions } from './provider.js';

/** FMP settings. */
export interface FmpOptions extends HttpProviderOptions {
  apiKey: string;
}

/** Public base URL. */
export const FMP_BASE_URL = 'https://financialmodelingprep.com';
/** Free ("Basic") plan: 250 requests per day. */
export const FMP_FREE_RATE_LIMIT = { requests: 250, perMs: 86_400_000, maxWaitMs: 60_000 } as const;

const num = z.number();
const optNum = z.number().nullable().optional();
const optStr = z.string().nullable().optional();

const historicalSchema = z.object({
  symbol: z.string().optional(),
  historical: z
    .array(
      z.object({
        date: z.string(),
        open: num,
        high: num,
        low: num,
        close: num,
        adjClose: optNum,
        volume: num,
        unadjustedVolume: optNum,
        change: optNum,
        changePercent: optNum,
        vwap: optNum,
        label: optStr,
        changeOverTime: optNum,
      }),
    )
    .optional(),
});

const quoteSchema = z.array(
  z.object({
    symbol: z.string(),
    name: optStr,
    price: num,
    changesPercentage: optNum,
    change: optNum,
    volume: optNum,
    exchange: optStr,
    previousClose: optNum,
    pe: optNum,
    marketCap: optNum,
    timestamp: z.number(),
  }),
);

const profileSchema = z.array(
  z.object({
    symbol: z.string(),
    price: optNum,
    mktCap: optNum,
    companyName: optStr,
    currency: optStr,
    exchange: optStr,
    exchangeShortName: optStr,
    industry: optStr,
    sector: optStr,
    isEtf: z.boolean().optional(),
    isFund: z.boolean().optional(),
    isAdr: z.boolean().optional(),
    isActivelyTrading: z.boolean().optional(),
  }),
);

const splitsSchema = z.object({
  symbol: z.string().optional(),
  historical: z
    .array(
      z.object({
        date: z.string(),
        label: optStr,
        numerator: z.number().positive(),
        denominator: z.number().positive(),
      }),
    )
    .optional(),
});

const dividendsSchema = z.object({
  symbol: z.string().optional(),
  historical: z
    .array(
      z.object({
        date: z.string(),
        label: optStr,
        adjDividend: optNum,
        dividend: num,
        recordDate: optStr,
        paymentDate: optStr,
        declarationDate: optStr,
      }),
    )
    .optional(),
});

/** `"2024-01-02"` or `"2024-01-02 00:00:00"` -> `"2024-01-02"`; blank -> null. */
function day(s: string | null | undefined): IsoDate | null {
  if (!s) return null;
  const d = s.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null;
}

/** Financial Modeling Prep provider; see the module comment for endpoints and choices. */
export class FmpProvider extends BaseProvider {
  readonly name = 'fmp';
  readonly capabilities = capabilities('dailyBars', 'quote', 'profile', 'corporateActions');
  protected readonly breaker: CircuitBreaker;
  private readonly http: HttpClient;

  /** Creates the provider; `apiKey` is required. */
  constructor(options: FmpOptions) {
    super();
    this.http = new HttpClient({
      provider: this.name,
      baseUrl: options.baseUrl ?? FMP_BASE_URL,
      rateLimit: options.rateLimit === undefined ? FMP_FREE_RATE_LIMIT : options.rateLimit,
      authQuery: { apikey: options.apiKey },
      ...httpOptionsFrom(options),
    });
    this.breaker = this.http.breaker;
  }

  private classify = (res: RawResponse, json: unknown): MarketDataError | undefined => {
    if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
    const msg = (json as Record<string, unknown>)['Error Message'];
    if (typeof msg !== 'string') return undefined;
    const details = { provider: this.name, status: res.status };
    if (/limit reach/i.test(msg)) return new MarketDataError('RATE_LIMITED', `fmp: ${msg}`, details);
    if (/api ?key|legacy|subscription|upgrade|plan|exclusive/i.test(msg)) {
      return new MarketDataError('AUTH', `fmp: ${msg}`, details);
    }
    if (/not found|invalid (symbol|ticker)/i.test(msg)) {
      return new MarketDataError('NOT_FOUND', `fmp: ${msg}`, details);
    }
    return new MarketDataError('UPSTREAM', `fmp: ${msg} (HTTP ${res.status})`, details);
  };

  private get<T>(path: string, schema: z.ZodType<T>, operation: MarketDataOperation, symbol: string, options?: CallOptions, query?: Record<string, string>) {
    return this.http.getJson({
      path,
      ...(query ? { query } : {}),
      operation,
      symbol,
      schema,
      classify: this.withOperation(operation, symbol),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  private withOperation(operation: MarketDataOperation, symbol: string) {
    return (res: RawResponse, json: unknown) => {
      const e = this.classify(res, json);
      return e
        ? new MarketDataError(e.code, e.message, { provider: this.name, operation, symbol, status: e.status })
        : undefined;
    };
  }

  private profileRows(symbol: string, operation: MarketDataOperation, options?: CallOptions) {
    return this.get(`/api/v3/profile/${encodeURIComponent(symbol)}`, profileSchema, operation, symbol, options);
  }

  private async assertExists(symbol: string, operation: MarketDataOperation, options?: CallOptions) {
    const rows = await this.profileRows(symbol, operation, options);
    if (rows.length === 0) throw this.notFound(symbol, operation);
  }

  private notFound(symbol: string, operation: MarketDataOperation) {
    return new MarketDataError('NOT_FOUND', `fmp: unknown symbol ${symbol}`, {
      provider: this.name,
      operation,
      symbol,
    });
  }

  protected override async fetchDailyBars(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<DailyBar[]> {
    const body = await this.get(
      `/api/v3/historical-price-full/${encodeURIComponent(symbol)}`,
      historicalSchema,
      'dailyBars',
      symbol,
      options,
      { from, to },
    );
    const rows = body.historical ?? [];
    if (rows.length === 0) {
      await this.assertExists(symbol, 'dailyBars', options);
      return [];
    }
    const bars: DailyBar[] = [];
    for (const r of rows) {
      const date = day(r.date);
      if (!date) continue;
      bars.push({
        symbol,
        date,
        open: r.open,
        high: r.high,
        low: r.low,
        close: r.close,
        adjClose: r.adjClose ?? null,
        volume: Math.round(r.volume),
        adjustment: 'split',
      });
    }
    return bars;
  }

  protected override async fetchQuote(symbol: string, options?: CallOptions): Promise<Quote> {
    const rows = await this.get(`/api/v3/quote/${encodeURIComponent(symbol)}`, quoteSchema, 'quote', symbol, options);
    const q = rows[0];
    if (!q) throw this.notFound(symbol, 'quote');
    return {
      symbol,
      price: q.price,
      change: q.change ?? null,
      changePercent: q.changesPercentage ?? null,
      volume: q.volume ?? null,
      timestamp: new Date(q.timestamp * 1000).toISOString(),
      currency: null,
    };
  }

  protected override async fetchProfile(symbol: string, options?: CallOptions): Promise<Profile> {
    const rows = await this.profileRows(symbol, 'profile', options);
    const p = rows[0];
    if (!p) throw this.notFound(symbol, 'profile');
    const quotes = await this.get(`/api/v3/quote/${encodeURIComponent(symbol)}`, quoteSchema, 'profile', symbol, options);
    return {
      symbol,
      name: p.companyName ?? null,
      sector: p.sector || null,
      industry: p.industry || null,
      marketCap: p.mktCap ?? quotes[0]?.marketCap ?? null,
      peRatio: quotes[0]?.pe ?? null,
      exchange: p.exchangeShortName || p.exchange || null,
      assetType: fmpAssetType(p),
      currency: p.currency || null,
    };
  }

  protected override async fetchCorporateActions(
    symbol: string,
    _from: IsoDate,
    _to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions> {
    const s = encodeURIComponent(symbol);
    const splitsBody = await this.get(
      `/api/v3/historical-price-full/stock_split/${s}`,
      splitsSchema,
      'corporateActions',
      symbol,
      options,
    );
    const divBody = await this.get(
      `/api/v3/historical-price-full/stock_dividend/${s}`,
      dividendsSchema,
      'corporateActions',
      symbol,
      options,
    );
    const splits = (splitsBody.historical ?? []).flatMap((r) => {
      const exDate = day(r.date);
      return exDate
        ? [{ symbol, exDate, numerator: r.numerator, denominator: r.denominator, factor: r.numerator / r.denominator }]
        : [];
    });
    const dividends = (divBody.historical ?? []).flatMap((r) => {
      const exDate = day(r.date);
      return exDate
        ? [
            {
              symbol,
              exDate,
              amount: r.dividend,
              splitAdjusted: false,
              currency: null,
              payDate: day(r.paymentDate),
              recordDate: day(r.recordDate),
              declarationDate: day(r.declarationDate),
            },
          ]
        : [];
    });
    if (splitsBody.symbol === undefined && divBody.symbol === undefined) {
      // Both `{}`: either an unknown symbol or one with no actions ever.
      await this.assertExists(symbol, 'corporateActions', options);
    }
    return { splits, dividends };
  }
}

/** FMP profile flags to our asset type. */
export function fmpAssetType(p: { isEtf?: boolean | undefined; isFund?: boolean | undefined; isAdr?: boolean | undefined }): AssetType {
  if (p.isEtf) return 'etf';
  if (p.isFund) return 'fund';
  if (p.isAdr) return 'adr';
  return 'stock';
}
