/**
 * Yahoo Finance provider, using the public chart and quoteSummary APIs with plain fetch (no key).
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
 * - profile: `GET /v10/finance/quoteSummary/{symbol}?modules=assetProfile,summaryDetail,price&crumb=`
 *   with the session cookie. `price.longName` (else `shortName`), `price.exchangeName`,
 *   `price.quoteType` (asset type), `price.currency`, `price.marketCap.raw` (else the summaryDetail
 *   one), `summaryDetail.trailingPE.raw`, `assetProfile.sector/industry`. Numbers come as
 *   `{raw, fmt}`, `{}` when Yahoo has none, and occasionally `{"raw": "Infinity"}`; the last two
 *   are null. Unknown symbols get a 404 `{"quoteSummary": {"result": null, "error": {"code":
 *   "Not Found", ...}}}` (NOT_FOUND). `defaultKeyStatistics` is not requested: no Profile field
 *   needs it.
 *
 * The quoteSummary session, as maintained clients (yahoo-finance2, yfinance) obtain it today:
 * 1. `GET https://fc.yahoo.com/` (the session host, `sessionBaseUrl`). The answer is usually a 404;
 *    what matters is its `Set-Cookie` (the `A3` cookie). Redirects are not followed, so a cookie on
 *    a 3xx is kept; a redirect to Yahoo's EU consent pages without a cookie is not handled (AUTH).
 * 2. `GET /v1/test/getcrumb` on the API host with that cookie: the crumb as text/plain.
 * 3. quoteSummary with `crumb=` in the query and the cookie header.
 * Cookie and crumb are cached per provider instance; concurrent first calls share one handshake. When
 * quoteSummary answers 401/403 (Yahoo's `{"finance": {"error": {"code": "Unauthorized",
 * "description": "Invalid Crumb"}}}` or "Invalid Cookie"), the session is dropped, re-opened once,
 * and the call retried once; a second refusal is AUTH.
 *
 * Why AUTH when no session can be had (no Set-Cookie, getcrumb 401/403 or an empty crumb, a
 * refreshed session refused again): Yahoo answered and refused to authorise us, which is what AUTH
 * means for keyed providers (a rejected key); it is not an outage. Transport trouble while opening
 * the session stays what it is (UPSTREAM, TIMEOUT, RATE_LIMITED: getcrumb answers 429 "Too Many
 * Requests" when throttled). A 200 getcrumb body that is not a crumb (HTML, prose) is MALFORMED.
 * The crumb is redacted from every logged URL and error (`crumb=***`); the cookie travels only in a
 * request header and is never logged.
 *
 * The session host has its own HTTP client: its own breaker (unless a breaker instance is passed to
 * share), so a failing session host does not stop bars and quotes, and the same rate-limit setting.
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
import { HttpClient, type MarketDataLogger, type RawResponse } from '../http-client.js';
import {
  MarketDataError,
  addDays,
  isMarketDataError,
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

/** Yahoo settings (no key). */
export interface YahooOptions extends Omit<HttpProviderOptions, 'apiKey'> {
  /** User-Agent header; Yahoo refuses some default library agents. */
  userAgent?: string;
  /** Where the session cookie comes from (default {@link YAHOO_SESSION_URL}); tests use a fake. */
  sessionBaseUrl?: string;
}

/** Public base URL of the API host (chart, getcrumb, quoteSummary). */
export const YAHOO_BASE_URL = 'https://query2.finance.yahoo.com';
/** The host whose answer sets Yahoo's session cookie. */
export const YAHOO_SESSION_URL = 'https://fc.yahoo.com';
/** The quoteSummary modules a profile needs. */
export const YAHOO_PROFILE_MODULES = ['assetProfile', 'summaryDetail', 'price'] as const;
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

/** A quoteSummary number: `{raw, fmt, longFmt}`, `{}` when unknown, or a bare number (formatted=false). */
const yNum = z
  .union([z.number(), z.object({ raw: z.union([z.number(), z.string()]).nullable().optional() })])
  .nullable()
  .optional();

const quoteSummarySchema = z.object({
  quoteSummary: z.object({
    result: z
      .array(
        z.object({
          assetProfile: z.object({ sector: optStr, industry: optStr }).optional(),
          summaryDetail: z.object({ trailingPE: yNum, marketCap: yNum, currency: optStr }).optional(),
          price: z
            .object({
              symbol: optStr,
              longName: optStr,
              shortName: optStr,
              exchange: optStr,
              exchangeName: optStr,
              quoteType: optStr,
              currency: optStr,
              marketCap: yNum,
            })
            .optional(),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string().nullable().optional() }).nullable().optional(),
  }),
});

/** A cookie header value and the crumb issued for it. */
interface YahooSession {
  cookie: string;
  crumb: string;
}

/** What a crumb looks like (`RtmhBL3vfo5`, `ptm/idCTN/J`): short, no spaces or markup. */
const CRUMB = /^[^\s<>{}"']{1,64}$/;

const DEFAULT_TZ = 'America/New_York';
const epochSec = (d: IsoDate) => Math.floor(Date.parse(`${d}T00:00:00Z`) / 1000);

/** Yahoo Finance provider; see the module comment for endpoints and choices. */
export class YahooProvider extends BaseProvider {
  readonly name = 'yahoo';
  readonly capabilities = capabilities('dailyBars', 'quote', 'profile', 'corporateActions');
  protected readonly breaker: CircuitBreaker;
  private readonly http: HttpClient;
  /** Client for the session host (fc.yahoo.com). */
  private readonly sessionHttp: HttpClient;
  private readonly logger: MarketDataLogger | undefined;
  /** The cached (or pending) session; null until the first profile call or after a refusal. */
  private session: Promise<YahooSession> | null = null;

  /** Creates the provider. */
  constructor(options: YahooOptions = {}) {
    super();
    const common = {
      provider: this.name,
      rateLimit: options.rateLimit === undefined ? YAHOO_DEFAULT_RATE_LIMIT : options.rateLimit,
      headers: { 'user-agent': options.userAgent ?? 'Mozilla/5.0 (compatible; SigmaSight market data)' },
      ...httpOptionsFrom(options),
    };
    this.http = new HttpClient({ ...common, baseUrl: options.baseUrl ?? YAHOO_BASE_URL });
    this.sessionHttp = new HttpClient({ ...common, baseUrl: options.sessionBaseUrl ?? YAHOO_SESSION_URL });
    this.breaker = this.http.breaker;
    this.logger = options.logger;
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

  protected override async fetchProfile(symbol: string, options?: CallOptions): Promise<Profile> {
    const signal = options?.signal;
    const first = this.sessionPromise();
    // A session that cannot be opened fails here, at once: no second handshake.
    const session = await this.sessionFor(first, symbol, signal);
    try {
      return await this.profileWith(symbol, session, signal);
    } catch (e) {
      // Every AUTH from quoteSummary is its 401/403 refusal of the cookie or crumb (classifySummary).
      if (!isMarketDataError(e, 'AUTH') || signal?.aborted) throw e;
      // The crumb or cookie went stale (Yahoo rotates them without notice): re-open once, retry once.
      this.logger?.warn?.(
        { provider: this.name, symbol, status: e.status },
        'yahoo session refused; opening a new one and retrying once',
      );
      if (this.session === first) this.session = null; // a concurrent caller may have renewed it already
      const second = this.sessionPromise();
      const fresh = await this.sessionFor(second, symbol, signal);
      try {
        return await this.profileWith(symbol, fresh, signal);
      } catch (e2) {
        if (!isMarketDataError(e2, 'AUTH')) throw e2;
        if (this.session === second) this.session = null; // refused too: the next call starts afresh
        throw new MarketDataError('AUTH', `${e2.message}, again after a fresh cookie and crumb`, {
          provider: this.name,
          operation: 'profile',
          symbol,
          status: e2.status,
          cause: e2,
        });
      }
    }
  }

  /** Waits for a session; its errors (shared by every waiter) get this call's symbol. */
  private async sessionFor(p: Promise<YahooSession>, symbol: string, signal?: AbortSignal): Promise<YahooSession> {
    try {
      return await abortable(p, signal);
    } catch (e) {
      throw withSymbol(e, symbol);
    }
  }

  /** One quoteSummary call with the given session. */
  private async profileWith(symbol: string, s: YahooSession, signal?: AbortSignal): Promise<Profile> {
    const body = await this.http.getJson({
      path: `/v10/finance/quoteSummary/${encodeURIComponent(this.yahooSymbol(symbol))}`,
      query: { modules: YAHOO_PROFILE_MODULES.join(','), crumb: s.crumb },
      headers: { cookie: s.cookie },
      operation: 'profile',
      symbol,
      schema: quoteSummarySchema,
      classify: (res, json) => this.classifySummary(symbol, res, json),
      ...(signal ? { signal } : {}),
    });
    const r = body.quoteSummary.result?.[0];
    const details = { provider: this.name, operation: 'profile' as const, symbol };
    if (!r) throw new MarketDataError('NOT_FOUND', `yahoo: no quoteSummary result for ${symbol}`, details);
    const { price, summaryDetail: sd, assetProfile: ap } = r;
    if (!price && !sd && !ap) {
      throw new MarketDataError('MALFORMED', `yahoo: quoteSummary for ${symbol} has none of the requested modules`, details);
    }
    return {
      symbol,
      name: price?.longName || price?.shortName || null,
      sector: ap?.sector || null,
      industry: ap?.industry || null,
      marketCap: yahooNumber(price?.marketCap) ?? yahooNumber(sd?.marketCap),
      peRatio: yahooNumber(sd?.trailingPE),
      exchange: price?.exchangeName || price?.exchange || null,
      assetType: yahooAssetType(price?.quoteType),
      currency: price?.currency || sd?.currency || null,
    };
  }

  /** quoteSummary errors: `quoteSummary.error` Not Found, and 401/403 session refusals. */
  private classifySummary(symbol: string, res: RawResponse, json: unknown): MarketDataError | undefined {
    const j = json as
      | { quoteSummary?: { error?: { code?: unknown; description?: unknown } | null }; finance?: { error?: { code?: unknown; description?: unknown } | null } }
      | undefined;
    const err = j?.quoteSummary?.error ?? j?.finance?.error;
    const text = err && typeof err.code === 'string' ? `${err.code}: ${String(err.description ?? '')}` : `HTTP ${res.status}`;
    const details = { provider: this.name, operation: 'profile' as const, symbol, status: res.status };
    if (err?.code === 'Not Found') return new MarketDataError('NOT_FOUND', `yahoo: ${text}`, details);
    if (res.status === 401 || res.status === 403) {
      return new MarketDataError('AUTH', `yahoo: quoteSummary refused the session (HTTP ${res.status}, ${text})`, details);
    }
    if (err && typeof err.code === 'string' && (res.status < 200 || res.status >= 300)) {
      return new MarketDataError('UPSTREAM', `yahoo: ${text} (HTTP ${res.status})`, details);
    }
    return undefined;
  }

  /** The cached session, or a new handshake shared by everyone who asks while it runs. */
  private sessionPromise(): Promise<YahooSession> {
    if (!this.session) {
      // No caller signal: one caller giving up must not fail the others waiting on the same session.
      const p = this.openSession();
      this.session = p;
      p.catch(() => {
        if (this.session === p) this.session = null; // failures are not cached
      });
    }
    return this.session;
  }

  /** Cookie from the session host, then a crumb for it (see the module comment). */
  private async openSession(): Promise<YahooSession> {
    const cookie = await this.sessionHttp.getRaw({
      path: '/',
      operation: 'profile',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
      redirect: 'manual',
      read: (res) => this.cookieFrom(res),
    });
    const crumb = await this.http.getRaw({
      path: '/v1/test/getcrumb',
      operation: 'profile',
      headers: { cookie, accept: '*/*' },
      read: (res) => this.crumbFrom(res),
    });
    return { cookie, crumb };
  }

  /** `name=value` of every Set-Cookie, joined as a Cookie header; AUTH when there is none. */
  private cookieFrom(res: RawResponse): string {
    const pairs = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!.trim())
      .filter((pair) => /^[^=\s]+=\S/.test(pair));
    if (pairs.length > 0) return pairs.join('; ');
    const location = res.headers.get('location');
    const why = location
      ? /guce|consent/i.test(location)
        ? `; redirected to Yahoo's consent page (${location}), which this client does not handle`
        : `; redirected to ${location}`
      : '';
    throw new MarketDataError('AUTH', `yahoo: no session cookie from ${res.url} (HTTP ${res.status}${why})`, {
      provider: this.name,
      operation: 'profile',
      status: res.status,
    });
  }

  /** The crumb from a getcrumb answer. */
  private crumbFrom(res: RawResponse): string {
    const details = { provider: this.name, operation: 'profile' as const, status: res.status };
    if (res.status === 401 || res.status === 403) {
      throw new MarketDataError('AUTH', `yahoo: getcrumb refused the session cookie (HTTP ${res.status})`, details);
    }
    if (res.status !== 200) {
      throw new MarketDataError('UPSTREAM', `yahoo: unexpected HTTP ${res.status} from ${res.url}`, details);
    }
    const crumb = res.text.trim();
    if (crumb === '') {
      throw new MarketDataError('AUTH', 'yahoo: getcrumb gave no crumb (session cookie not accepted)', details);
    }
    if (!CRUMB.test(crumb)) {
      const shown = crumb.length > 60 ? `${crumb.slice(0, 60)}…` : crumb;
      throw new MarketDataError('MALFORMED', `yahoo: getcrumb answered with something that is not a crumb: ${shown}`, details);
    }
    return crumb;
  }
}

/** A quoteSummary number (`{raw}`, bare, `{}`, `{"raw": "Infinity"}`) as a finite number or null. */
export function yahooNumber(v: number | { raw?: number | string | null | undefined } | null | undefined): number | null {
  const n = typeof v === 'number' ? v : v?.raw;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Yahoo `quoteType` to our asset type (Yahoo does not flag ADRs: they are EQUITY, so `stock`). */
export function yahooAssetType(quoteType: string | null | undefined): AssetType | null {
  if (!quoteType) return null;
  switch (quoteType.toUpperCase()) {
    case 'EQUITY':
      return 'stock';
    case 'ETF':
      return 'etf';
    case 'MUTUALFUND':
    case 'MONEYMARKET':
      return 'fund';
    case 'INDEX':
      return 'index';
    case 'CRYPTOCURRENCY':
      return 'crypto';
    default:
      return 'other';
  }
}

/** `p`, rejecting early with the signal's reason when `signal` aborts first. */
function abortable<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** A session error (opened for whoever asked first) re-issued with this call's symbol. */
function withSymbol(e: unknown, symbol: string): unknown {
  if (!(e instanceof MarketDataError) || e.symbol !== undefined) return e;
  return new MarketDataError(e.code, e.message, {
    provider: e.provider,
    operation: e.operation,
    symbol,
    status: e.status,
    retryAfterMs: e.retryAfterMs,
    cause: e,
  });
}
