/**
 * Yahoo Finance provider, using the public chart API with plain fetch (no key).
 *
 * Endpoints used:
 * - daily bars: `GET /v8/finance/chart/{symbol}?period1=&period2=&interval=1d&events=div|split`
 *   (`chart.result[0].timestamp`, `indicators.quote[0].open/high/low/close/volume`,
 *   `indicators.adjclose[0].adjclose`). Days whose values are null are skipped. open/high/low/close
 *   are split-adjusted (`adjustment: 'split'`); `adjclose` is split- and dividend-adjusted.
 * - quote: the chart API with `range=5d`: `meta.regularMarketPrice/Time/Volume`, change against the
 *   last daily close before the market date.
 * - corporate actions: the chart API's `events.dividends` and `events.splits`. Yahoo back-adjusts
 *   dividend amounts for later splits, so dividends carry `splitAdjusted: true`.
 * - profile: UNSUPPORTED. Sector, industry, P/E and market cap live in `quoteSummary`, which since
 *   2023 needs a browser-like cookie plus a "crumb" token that Yahoo keeps changing; this provider
 *   does not attempt that dance.
 *
 * An unknown symbol gets a 404 with `{"chart": {"result": null, "error": {"code": "Not Found", ...}}}`
 * (NOT_FOUND). A known symbol with no data in range gets a result without `timestamp` ([]).
 * Bar dates are the exchange's local date (`meta.exchangeTimezoneName`).
 *
 * Yahoo publishes no rate limit for this unofficial API; the default is a conservative 60 per minute.
 * Symbols use Yahoo's spelling, with class-share dots turned into dashes (`BRK.B` -> `BRK-B`).
 */
import { z } from 'zod';
import type { CircuitBreaker } from '../circuit-breaker.js';
import { HttpClient, type RawResponse } from '../http-client.js';
import {
  MarketDataError,
  addDays,
  isoDateInZone,
  type CallOptions,
  type CashDividend,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataOperation,
  type Quote,
  type Split,
} from '../types.js';
import { BaseProvider, capabilities, httpOptionsFrom, type HttpProviderOptions } from './provider.js';

/** Yahoo settings (no key). */
export interface YahooOptions extends Omit<HttpProviderOptions, 'apiKey'> {
  /** User-Agent header; Yahoo refuses some default library agents. */
  userAgent?: string;
}

/** Public base URL. */
export const YAHOO_BASE_URL = 'https://query2.finance.yahoo.com';
/** No documented limit; a conservative default. */
export const YAHOO_DEFAULT_RATE_LIMIT = { requests: 60, perMs: 60_000 } as const;

const nums = z.array(z.number().nullable()).optional();
const optNum = z.number().nullable().optional();
const optStr = z.string().nullable().optional();

const chartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z.object({
            currency: optStr,
            symbol: z.string(),
            exchangeName: optStr,
            fullExchangeName: optStr,
            instrumentType: optStr,
            exchangeTimezoneName: optStr,
            regularMarketPrice: optNum,
            regularMarketTime: optNum,
            regularMarketVolume: optNum,
            previousClose: optNum,
            chartPreviousClose: optNum,
          }),
          timestamp: z.array(z.number()).optional(),
          events: z
            .object({
              dividends: z.record(z.string(), z.object({ amount: z.number(), date: z.number() })).optional(),
              splits: z
                .record(
                  z.string(),
                  z.object({
                    date: z.number(),
                    numerator: z.number().positive(),
                    denominator: z.number().positive(),
                    splitRatio: z.string().optional(),
                  }),
                )
                .optional(),
            })
            .optional(),
          indicators: z.object({
            quote: z.array(z.object({ open: nums, high: nums, low: nums, close: nums, volume: nums })),
            adjclose: z.array(z.object({ adjclose: nums })).optional(),
          }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});

type ChartResult = NonNullable<z.infer<typeof chartSchema>['chart']['result']>[number];

const DEFAULT_TZ = 'America/New_York';
const epochSec = (d: IsoDate) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 1000);

/** Yahoo Finance provider; see the module comment for endpoints and choices. */
export class YahooProvider extends BaseProvider {
  readonly name = 'yahoo';
  readonly capabilities = capabilities('dailyBars', 'quote', 'corporateActions');
  protected readonly breaker: CircuitBreaker;
  private readonly http: HttpClient;

  /** Creates the provider. */
  constructor(options: YahooOptions = {}) {
    super();
    this.http = new HttpClient({
      provider: this.name,
      baseUrl: options.baseUrl ?? YAHOO_BASE_URL,
      rateLimit: options.rateLimit === undefined ? YAHOO_DEFAULT_RATE_LIMIT : options.rateLimit,
      headers: { 'user-agent': options.userAgent ?? 'Mozilla/5.0 (compatible; SigmaSight market data)' },
      ...httpOptionsFrom(options),
    });
    this.breaker = this.http.breaker;
  }

  /** Yahoo's spelling of a ticker (`BRK.B` -> `BRK-B`). */
  yahooSymbol(symbol: string): string {
    return symbol.replace(/\./g, '-');
  }

  private classify(operation: MarketDataOperation, symbol: string) {
    return (res: RawResponse, json: unknown): MarketDataError | undefined => {
      const err = (json as { chart?: { error?: { code?: unknown; description?: unknown } | null } } | undefined)
        ?.chart?.error;
      if (!err || typeof err.code !== 'string') return undefined;
      const details = { provider: this.name, operation, symbol, status: res.status };
      const text = `${err.code}: ${String(err.description ?? '')}`;
      if (err.code === 'Not Found') return new MarketDataError('NOT_FOUND', `yahoo: ${text}`, details);
      if (err.code === 'Unauthorized') return new MarketDataError('AUTH', `yahoo: ${text}`, details);
      return new MarketDataError('UPSTREAM', `yahoo: ${text} (HTTP ${res.status})`, details);
    };
  }

  private async chart(
    symbol: string,
    query: Record<string, string | number>,
    operation: MarketDataOperation,
    options?: CallOptions,
  ): Promise<ChartResult> {
    const body = await this.http.getJson({
      path: `/v8/finance/chart/${encodeURIComponent(this.yahooSymbol(symbol))}`,
      query: { interval: '1d', includeAdjustedClose: 'true', ...query },
      operation,
      symbol,
      schema: chartSchema,
      classify: this.classify(operation, symbol),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
    const result = body.chart.result?.[0];
    if (!result) {
      throw new MarketDataError('NOT_FOUND', `yahoo: no chart result for ${symbol}`, {
        provider: this.name,
        operation,
        symbol,
      });
    }
    return result;
  }

  private rangeQuery(from: IsoDate, to: IsoDate) {
    // period2 is exclusive: end at the start of the day after `to`. The extra day each side
    // covers exchanges east/west of UTC; results are filtered to [from, to] on exchange dates.
    return { period1: epochSec(addDays(from, -1)), period2: epochSec(addDays(to, 2)), events: 'div|split' };
  }

  private bars(symbol: string, r: ChartResult): DailyBar[] {
    const tz = r.meta.exchangeTimezoneName || DEFAULT_TZ;
    const q = r.indicators.quote[0] ?? {};
    const adj = r.indicators.adjclose?.[0]?.adjclose;
    const out: DailyBar[] = [];
    (r.timestamp ?? []).forEach((ts, i) => {
      const open = q.open?.[i];
      const high = q.high?.[i];
      const low = q.low?.[i];
      const close = q.close?.[i];
      const volume = q.volume?.[i];
      if (open == null || high == null || low == null || close == null || volume == null) return; // missing day
      out.push({
        symbol,
        date: isoDateInZone(ts * 1000, tz),
        open,
        high,
        low,
        close,
        adjClose: adj?.[i] ?? null,
        volume: Math.round(volume),
        adjustment: 'split',
      });
    });
    return out;
  }

  protected override async fetchDailyBars(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<DailyBar[]> {
    return this.bars(symbol, await this.chart(symbol, this.rangeQuery(from, to), 'dailyBars', options));
  }

  protected override async fetchQuote(symbol: string, options?: CallOptions): Promise<Quote> {
    const r = await this.chart(symbol, { range: '5d' }, 'quote', options);
    const tz = r.meta.exchangeTimezoneName || DEFAULT_TZ;
    const bars = this.bars(symbol, r);
    const last = bars[bars.length - 1];
    const price = r.meta.regularMarketPrice ?? last?.close;
    const timeSec = r.meta.regularMarketTime;
    const timestamp =
      timeSec != null ? new Date(timeSec * 1000).toISOString() : last ? `${last.date}T00:00:00.000Z` : null;
    if (price == null || timestamp === null) {
      throw new MarketDataError('NOT_FOUND', `yahoo: no recent price for ${symbol}`, {
        provider: this.name,
        operation: 'quote',
        symbol,
      });
    }
    const marketDate = timeSec != null ? isoDateInZone(timeSec * 1000, tz) : (last?.date ?? '');
    const prior = bars.filter((b) => b.date < marketDate);
    const prevClose = prior.length > 0 ? prior[prior.length - 1]!.close : (r.meta.previousClose ?? null);
    const change = prevClose !== null ? price - prevClose : null;
    return {
      symbol,
      price,
      change,
      changePercent: change !== null && prevClose ? (change / prevClose) * 100 : null,
      volume: r.meta.regularMarketVolume ?? last?.volume ?? null,
      timestamp,
      currency: r.meta.currency ?? null,
    };
  }

  protected override async fetchCorporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<CorporateActions> {
    const r = await this.chart(symbol, this.rangeQuery(from, to), 'corporateActions', options);
    const tz = r.meta.exchangeTimezoneName || DEFAULT_TZ;
    const splits: Split[] = Object.values(r.events?.splits ?? {}).map((s) => ({
      symbol,
      exDate: isoDateInZone(s.date * 1000, tz),
      numerator: s.numerator,
      denominator: s.denominator,
      factor: s.numerator / s.denominator,
    }));
    const dividends: CashDividend[] = Object.values(r.events?.dividends ?? {}).map((d) => ({
      symbol,
      exDate: isoDateInZone(d.date * 1000, tz),
      amount: d.amount,
      splitAdjusted: true,
      currency: r.meta.currency ?? null,
      payDate: null,
      recordDate: null,
      declarationDate: null,
    }));
    return { splits, dividends };
  }
}
