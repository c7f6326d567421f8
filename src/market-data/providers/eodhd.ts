/**
 * EODHD (EOD Historical Data) provider.
 *
 * Endpoints used (key in the `api_token` query parameter, `fmt=json` everywhere):
 * - daily bars: `GET /api/eod/{SYMBOL}.US?from=&to=&period=d&order=a` -> array of
 *   `{date, open, high, low, close, adjusted_close, volume}`. open/high/low/close are as traded
 *   (`adjustment: 'raw'`), `adjusted_close` is split- and dividend-adjusted. EODHD documents its
 *   volume as split-adjusted even though the prices are raw.
 * - quote: `GET /api/real-time/{SYMBOL}.US` (15-20 min delayed); an unknown symbol comes back as a
 *   200 whose numbers are all the string "NA", which is NOT_FOUND here.
 * - profile: `GET /api/fundamentals/{SYMBOL}.US` (General.Name/Sector/Industry/Exchange/Type,
 *   Highlights.MarketCapitalization/PERatio). Not on the free plan; EODHD counts it as 10 calls.
 * - corporate actions: `GET /api/splits/{SYMBOL}.US` (`split: "4.000000/1.000000"`) and
 *   `GET /api/div/{SYMBOL}.US` (declared `unadjustedValue` is used as the amount).
 *
 * Symbols: plain US tickers are mapped to EODHD codes by turning class-share dots into dashes and
 * adding the exchange suffix (`AAPL` -> `AAPL.US`, `BRK.B` -> `BRK-B.US`).
 *
 * Errors: an invalid token gets a plain-text `Unauthenticated` (401/403, AUTH); 402 means the daily
 * quota is used up (RATE_LIMITED); an unknown ticker is a 404 (NOT_FOUND). The splits and dividends
 * endpoints answer `[]` for unknown tickers, so two empty lists are followed by one cheap existence
 * check (`/api/eod/{SYMBOL}?filter=last_close`).
 *
 * Free tier: 20 API calls per day (end-of-day data for the past year only), the default limit.
 */
import { z } from 'zod';
import type { CircuitBreaker } from '../circuit-breaker.js';
import { HttpClient, type RawResponse } from '../http-client.js';
import {
  MarketDataError,
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

/** EODHD settings. */
export interface EodhdOptions extends HttpProviderOptions {
  apiKey: string;
  /** Exchange suffix added to plain symbols. Default `US`. */
  exchange?: string;
}

/** Public base URL. */
export const EODHD_BASE_URL = 'https://eodhd.com';
/** Free plan: 20 API calls per day. */
export const EODHD_FREE_RATE_LIMIT = { requests: 20, perMs: 86_400_000, maxWaitMs: 60_000 } as const;

const NA = z.literal('NA');
const numOrNa = z.union([z.number(), NA]);

const eodSchema = z.array(
  z.object({
    date: z.string(),
    open: z.number(),
    high: z.number(),
    low: z.number(),
    close: z.number(),
    adjusted_close: z.number().nullable().optional(),
    volume: z.number(),
  }),
);

const realTimeSchema = z.object({
  code: z.string(),
  timestamp: numOrNa,
  gmtoffset: z.number().optional(),
  open: numOrNa.optional(),
  high: numOrNa.optional(),
  low: numOrNa.optional(),
  close: numOrNa,
  volume: numOrNa.optional(),
  previousClose: numOrNa.optional(),
  change: numOrNa.optional(),
  change_p: numOrNa.optional(),
});

const optStr = z.string().nullable().optional();
const optNum = z.number().nullable().optional();

const fundamentalsSchema = z.object({
  General: z.object({
    Code: z.string(),
    Type: optStr,
    Name: optStr,
    Exchange: optStr,
    CurrencyCode: optStr,
    Sector: optStr,
    Industry: optStr,
    GicSector: optStr,
    GicIndustry: optStr,
  }),
  Highlights: z
    .object({
      MarketCapitalization: optNum,
      PERatio: optNum,
    })
    .optional(),
});

const splitsSchema = z.array(z.object({ date: z.string(), split: z.string() }));

const dividendsSchema = z.array(
  z.object({
    date: z.string(),
    declarationDate: optStr,
    recordDate: optStr,
    paymentDate: optStr,
    period: optStr,
    value: z.number(),
    unadjustedValue: optNum,
    currency: optStr,
  }),
);

const num = (v: number | 'NA' | undefined): number | null => (typeof v === 'number' ? v : null);
const day = (s: string | null | undefined): IsoDate | null =>
  s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;

/** EODHD provider; see the module comment for endpoints and choices. */
export class EodhdProvider extends BaseProvider {
  readonly name = 'eodhd';
  readonly capabilities = capabilities('dailyBars', 'quote', 'profile', 'corporateActions');
  protected readonly breaker: CircuitBreaker;
  private readonly http: HttpClient;
  private readonly exchange: string;

  /** Creates the provider; `apiKey` is required. */
  constructor(options: EodhdOptions) {
    super();
    this.http = new HttpClient({
      provider: this.name,
      baseUrl: options.baseUrl ?? EODHD_BASE_URL,
      rateLimit: options.rateLimit === undefined ? EODHD_FREE_RATE_LIMIT : options.rateLimit,
      authQuery: { api_token: options.apiKey },
      ...httpOptionsFrom(options),
    });
    this.breaker = this.http.breaker;
    this.exchange = options.exchange ?? 'US';
  }

  /** The EODHD code for a plain ticker (`BRK.B` -> `BRK-B.US`). */
  code(symbol: string): string {
    return `${symbol.replace(/\./g, '-')}.${this.exchange}`;
  }

  private classify(operation: MarketDataOperation, symbol: string) {
    return (res: RawResponse): MarketDataError | undefined => {
      const details = { provider: this.name, operation, symbol, status: res.status };
      if (res.status === 402) {
        return new MarketDataError('RATE_LIMITED', `eodhd: daily API quota used up (HTTP 402)`, details);
      }
      if (res.status === 404) {
        return new MarketDataError('NOT_FOUND', `eodhd: unknown ticker ${this.code(symbol)}`, details);
      }
      if (/^\s*unauthenticated\s*$/i.test(res.text)) {
        return new MarketDataError('AUTH', `eodhd: API token rejected (Unauthenticated, HTTP ${res.status})`, details);
      }
      return undefined;
    };
  }

  private get<T>(
    endpoint: string,
    symbol: string,
    schema: z.ZodType<T>,
    operation: MarketDataOperation,
    options?: CallOptions,
    query: Record<string, string> = {},
  ): Promise<T> {
    return this.http.getJson({
      path: `/api/${endpoint}/${encodeURIComponent(this.code(symbol))}`,
      query: { fmt: 'json', ...query },
      operation,
      symbol,
      schema,
      // EODHD bills a fundamentals request as 10 API calls.
      cost: endpoint === 'fundamentals' ? 10 : 1,
      classify: this.classify(operation, symbol),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  protected override async fetchDailyBars(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<DailyBar[]> {
    const rows = await this.get('eod', symbol, eodSchema, 'dailyBars', options, { from, to, period: 'd', order: 'a' });
    return rows.map((r) => ({
      symbol,
      date: r.date.slice(0, 10),
      open: r.open,
      high: r.high,
      low: r.low,
      close: r.close,
      adjClose: r.adjusted_close ?? null,
      volume: Math.round(r.volume),
      adjustment: 'raw' as const,
    }));
  }

  protected override async fetchQuote(symbol: string, options?: CallOptions): Promise<Quote> {
    const q = await this.get('real-time', symbol, realTimeSchema, 'quote', options);
    const price = num(q.close);
    const ts = num(q.timestamp);
    if (price === null || ts === null) {
      throw new MarketDataError('NOT_FOUND', `eodhd: no quote for ${this.code(symbol)} (fields are "NA")`, {
        provider: this.name,
        operation: 'quote',
        symbol,
      });
    }
    return {
      symbol,
      price,
      change: num(q.change),
      changePercent: num(q.change_p),
      volume: num(q.volume),
      timestamp: new Date(ts * 1000).toISOString(),
      currency: null,
    };
  }

  protected override async fetchProfile(symbol: string, options?: CallOptions): Promise<Profile> {
    const f = await this.get('fundamentals', symbol, fundamentalsSchema, 'profile', options);
    const g = f.General;
    return {
      symbol,
      name: g.Name || null,
      sector: g.Sector || g.GicSector || null,
      industry: g.Industry || g.GicIndustry || null,
      marketCap: f.Highlights?.MarketCapitalization ?? null,
      peRatio: f.Highlights?.PERatio ?? null,
      exchange: g.Exchange || null,
      assetType: eodhdAssetType(g.Type),
      currency: g.CurrencyCode || null,
    };
  }

  protected override async fetchCorporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions> {
    const splitRows = await this.get('splits', symbol, splitsSchema, 'corporateActions', options, { from, to });
    const divRows = await this.get('div', symbol, dividendsSchema, 'corporateActions', options, { from, to });
    const splits: Split[] = splitRows.map((r) => {
      const ratio = parseSplitRatio(r.split);
      if (!ratio) {
        throw new MarketDataError('MALFORMED', `eodhd: unreadable split ratio "${r.split}" on ${r.date}`, {
          provider: this.name,
          operation: 'corporateActions',
          symbol,
        });
      }
      return { symbol, exDate: r.date.slice(0, 10), ...ratio, factor: ratio.numerator / ratio.denominator };
    });
    const dividends: CashDividend[] = divRows.map((r) => ({
      symbol,
      exDate: r.date.slice(0, 10),
      amount: r.unadjustedValue ?? r.value,
      splitAdjusted: r.unadjustedValue == null,
      currency: r.currency || null,
      payDate: day(r.paymentDate),
      recordDate: day(r.recordDate),
      declarationDate: day(r.declarationDate),
    }));
    if (splits.length === 0 && dividends.length === 0) {
      // Both lists answer [] for unknown tickers; the EOD endpoint 404s for them.
      await this.get('eod', symbol, z.unknown(), 'corporateActions', options, { filter: 'last_close' });
    }
    return { splits, dividends };
  }
}

/** `"4.000000/1.000000"` -> `{numerator: 4, denominator: 1}`; null when unreadable. */
export function parseSplitRatio(s: string): { numerator: number; denominator: number } | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*[/:]\s*(\d+(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return null;
  const numerator = Number(m[1]);
  const denominator = Number(m[2]);
  return numerator > 0 && denominator > 0 ? { numerator, denominator } : null;
}

/** EODHD `General.Type` to our asset type. */
export function eodhdAssetType(type: string | null | undefined): AssetType | null {
  if (!type) return null;
  const t = type.toLowerCase();
  if (t === 'common stock' || t === 'preferred stock' || t === 'stock') return 'stock';
  if (t === 'etf' || t === 'etc' || t === 'etn') return 'etf';
  if (t === 'fund' || t === 'mutual fund') return 'fund';
  if (t === 'index') return 'index';
  if (t.includes('depositary') || t === 'adr') return 'adr';
  if (t.includes('crypto')) return 'crypto';
  return 'other';
}
