/**
 * The HTTP client every market-data provider shares.
 *
 * Per request: circuit breaker check, token-bucket rate limit, a timeout, and retries with
 * exponential backoff and jitter on 429, 5xx, timeouts and network errors (a `Retry-After` header is
 * honoured). Bodies are parsed as JSON and validated with a zod schema; anything unparseable or of
 * the wrong shape is MALFORMED. API keys are redacted from every URL and message this module logs or
 * puts into an error.
 *
 * {@link HttpClient.getRaw} runs the same pipeline but hands the response, whatever its status, to the
 * caller (for session handshakes such as Yahoo's cookie and crumb, where a 404 carrying a Set-Cookie
 * header is the answer). Per-request headers carry a session cookie; they are never logged.
 *
 * Clock, sleep, randomness and fetch are injectable so tests run fast and deterministically.
 */
import type { z } from 'zod';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import {
  MarketDataError,
  type MarketDataErrorCode,
  type MarketDataOperation,
} from './types.js';

/** Sleeps `ms` milliseconds; rejects with the signal's reason when aborted. */
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real sleep, built on setTimeout. */
export const realSleep: SleepFn = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Minimal structured logger (pino-compatible call shape). */
export interface MarketDataLogger {
  debug?(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}

/**
 * A token-bucket limit: at most `requests` per `perMs`, with bursts up to `requests`.
 * `maxWaitMs` bounds how long a caller queues for a token; past it the call fails at once with
 * RATE_LIMITED instead of sleeping for hours on a daily quota.
 */
export interface RateLimitConfig {
  requests: number;
  perMs: number;
  maxWaitMs?: number;
}

/**
 * Token bucket with reservation: each `acquire` takes a token, letting the balance go negative, and
 * waits until its reservation is covered. Concurrent callers therefore queue fairly without a lock.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;
  private readonly ratePerMs: number;
  private readonly maxWaitMs: number;

  /** Creates a full bucket. */
  constructor(
    config: RateLimitConfig,
    private readonly clock: { now: () => number; sleep: SleepFn } = { now: Date.now, sleep: realSleep },
  ) {
    if (!(config.requests > 0) || !(config.perMs > 0)) {
      throw new RangeError('rate limit needs requests > 0 and perMs > 0');
    }
    this.capacity = config.requests;
    this.ratePerMs = config.requests / config.perMs;
    this.maxWaitMs = config.maxWaitMs ?? 60_000;
    this.tokens = this.capacity;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.last);
    this.last = now;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerMs);
  }

  /** Milliseconds a new caller would wait for a token right now (0 when one is available). */
  waitTimeMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.ratePerMs);
  }

  /**
   * Takes `cost` tokens (default 1; some providers bill a request as several calls), waiting for
   * them when needed. Returns false (taking nothing) when the wait would exceed `maxWaitMs`.
   */
  async acquire(signal?: AbortSignal, cost = 1): Promise<boolean> {
    this.refill();
    const need = Math.min(cost, this.capacity);
    const wait = this.tokens >= need ? 0 : Math.ceil((need - this.tokens) / this.ratePerMs);
    if (wait > this.maxWaitMs) return false;
    this.tokens -= need;
    if (wait > 0) {
      try {
        await this.clock.sleep(wait, signal);
      } catch (e) {
        this.tokens += need; // give the reservation back
        throw e;
      }
    }
    return true;
  }
}

/** Retry settings. */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 3. */
  maxRetries: number;
  /** Backoff for retry n is `baseDelayMs * 2^n`, capped at `maxDelayMs`, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out: the call fails at once. Default 60 s. */
  maxRetryAfterMs: number;
}

const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Settings for one provider's client. */
export interface HttpClientOptions {
  /** Provider name used in errors and logs. */
  provider: string;
  /** Base URL, e.g. `https://api.polygon.io`; tests point it at a local server. */
  baseUrl: string;
  /** Per-attempt timeout. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Token bucket settings, or null for no local limit. */
  rateLimit?: RateLimitConfig | null;
  /** A breaker to share, or settings for a new one. */
  breaker?: CircuitBreaker | CircuitBreakerOptions;
  /** Query parameters added to every request (the API key, for providers that take it there). */
  authQuery?: Record<string, string>;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** Extra strings to redact (the key is taken from `authQuery` automatically). */
  secrets?: readonly string[];
  now?: () => number;
  sleep?: SleepFn;
  /** Uniform [0, 1) for jitter. Default Math.random. */
  random?: () => number;
  fetch?: typeof fetch;
  logger?: MarketDataLogger;
}

/** A response the client did not retry, handed to the provider's classifier. */
export interface RawResponse {
  status: number;
  headers: Headers;
  /** The body text. */
  text: string;
  /** The request URL with secrets redacted. */
  url: string;
}

/** One JSON request. */
export interface JsonRequest<T> {
  /** A path (`/v2/aggs/...`) or an absolute URL (a `next_url` cursor). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  operation: MarketDataOperation;
  symbol?: string;
  /** Shape the body must have. */
  schema: z.ZodType<T>;
  /**
   * Provider-specific interpretation of a non-retried response, called before the defaults
   * (401/403 AUTH, 404 NOT_FOUND, other non-2xx UPSTREAM). `json` is the parsed body when it parsed.
   * Return an error to raise it, or undefined to continue.
   */
  classify?: (res: RawResponse, json: unknown) => MarketDataError | undefined;
  signal?: AbortSignal;
  /** Rate-limit tokens this request uses (EODHD bills fundamentals as 10 calls). Default 1. */
  cost?: number;
  /**
   * Headers for this request only (lower-case names), over the client's own and the default
   * `accept`; e.g. a session cookie. Never logged.
   */
  headers?: Record<string, string>;
}

/**
 * One request whose response the caller reads itself ({@link HttpClient.getRaw}): a cookie, a text
 * token. 429 and 5xx are still retried and then raised as RATE_LIMITED / UPSTREAM.
 */
export interface RawRequest<T> extends Omit<JsonRequest<T>, 'schema' | 'classify'> {
  /**
   * Turns any response the client did not retry (2xx, 3xx, 4xx other than 429) into the result.
   * Throw a {@link MarketDataError} to fail the call: its message is redacted, the call's context is
   * filled in, and it counts for the breaker like any other error of its code.
   */
  read: (res: RawResponse) => T;
  /** `manual` returns a 3xx as is (its Location and Set-Cookie readable) instead of following it. */
  redirect?: 'follow' | 'manual';
}

/** What every request shares (the pipeline's view of a JSON or raw request). */
type BaseRequest = Omit<JsonRequest<unknown>, 'schema' | 'classify'> & { redirect?: 'follow' | 'manual' };

const SECRET_PARAMS = /([?&](?:apiKey|apikey|api_key|api_token|token|key|crumb)=)[^&#\s"']*/gi;

/** Codes that say the provider is healthy even though the call did not return data. */
const HEALTHY_CODES: ReadonlySet<MarketDataErrorCode> = new Set(['NOT_FOUND', 'UNSUPPORTED']);

/** See the module comment. */
export class HttpClient {
  readonly provider: string;
  readonly breaker: CircuitBreaker;
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly limiter: TokenBucket | null;
  private readonly authQuery: Record<string, string>;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly now: () => number;
  private readonly sleep: SleepFn;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly logger: MarketDataLogger | undefined;

  /** Creates a client; nothing is sent until a request is made. */
  constructor(options: HttpClientOptions) {
    this.provider = options.provider;
    this.base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.logger = options.logger;
    this.authQuery = { ...options.authQuery };
    this.headers = { ...options.headers };
    this.secrets = [...(options.secrets ?? []), ...Object.values(this.authQuery)].filter(
      (s) => s.length > 0,
    );
    this.limiter = options.rateLimit
      ? new TokenBucket(options.rateLimit, { now: this.now, sleep: this.sleep })
      : null;
    this.breaker =
      options.breaker instanceof CircuitBreaker
        ? options.breaker
        : new CircuitBreaker({ now: this.now, ...options.breaker });
  }

  /** Replaces every secret, and every key-like query parameter, in `text` with `***`. */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('***');
    return out.replace(SECRET_PARAMS, '$1***');
  }

  /** Builds the absolute URL for a request, with auth parameters added. */
  buildUrl(path: string, query?: JsonRequest<unknown>['query']): URL {
    let url: URL;
    if (/^https?:\/\//i.test(path)) {
      // Cursor URLs (Polygon next_url) name the public host; keep their path and query but send
      // them to the configured base so proxies and test servers keep working.
      const abs = new URL(path);
      url = new URL(abs.pathname.replace(/^\//, '') + abs.search, this.base);
    } else {
      url = new URL(path.replace(/^\//, ''), this.base);
    }
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    for (const [k, v] of Object.entries(this.authQuery)) url.searchParams.set(k, v);
    return url;
  }

  private error(
    code: MarketDataErrorCode,
    message: string,
    req: BaseRequest,
    extra: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ): MarketDataError {
    return new MarketDataError(code, `${this.provider}: ${this.redact(message)}`, {
      provider: this.provider,
      operation: req.operation,
      symbol: req.symbol,
      ...extra,
    });
  }

  private backoffMs(retryIndex: number): number {
    const exp = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** retryIndex);
    // "Equal jitter": half fixed, half random, so waits never collapse to zero.
    return Math.round(exp / 2 + (exp / 2) * this.random());
  }

  private parseRetryAfter(value: string | null): number | undefined {
    if (value === null || value.trim() === '') return undefined;
    const secs = Number(value);
    if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - this.now());
  }

  /**
   * Sends a GET and returns the validated JSON body. Throws {@link MarketDataError} on every failure.
   */
  async getJson<T>(req: JsonRequest<T>): Promise<T> {
    return this.guarded(req, () =>
      this.attempts(req, (res, text, shownUrl) => this.interpret(req, res, text, shownUrl)),
    );
  }

  /**
   * Sends a GET and lets `req.read` interpret the response (see {@link RawRequest}). Breaker, rate
   * limit, timeout, retries and redaction work as for {@link getJson}.
   */
  async getRaw<T>(req: RawRequest<T>): Promise<T> {
    return this.guarded(req, () =>
      this.attempts(req, (res, text, shownUrl) => {
        try {
          return req.read({ status: res.status, headers: res.headers, text, url: shownUrl });
        } catch (e) {
          if (e instanceof MarketDataError) throw this.adopt(e, req, res.status);
          throw e;
        }
      }),
    );
  }

  /** Breaker bookkeeping around one call. */
  private async guarded<T>(req: BaseRequest, run: () => Promise<T>): Promise<T> {
    if (!this.breaker.tryAcquire()) {
      throw this.error(
        'CIRCUIT_OPEN',
        `circuit open after repeated failures; retry in ${this.breaker.remainingCooldownMs()} ms`,
        req,
      );
    }
    try {
      const out = await run();
      this.breaker.onSuccess();
      return out;
    } catch (e) {
      if (e instanceof MarketDataError && HEALTHY_CODES.has(e.code)) this.breaker.onSuccess();
      else if (e instanceof MarketDataError) this.breaker.onFailure();
      else this.breaker.release(); // caller abort: no verdict on the provider
      throw e;
    }
  }

  private async attempts<T>(
    req: BaseRequest,
    finish: (res: Response, text: string, shownUrl: string) => T,
  ): Promise<T> {
    const url = this.buildUrl(req.path, req.query);
    const shownUrl = this.redact(url.toString());
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.retry.maxRetries;
      if (this.limiter && !(await this.limiter.acquire(req.signal, req.cost ?? 1))) {
        throw this.error('RATE_LIMITED', 'local rate limit reached (quota exhausted for now)', req);
      }
      const signals = [AbortSignal.timeout(this.timeoutMs)];
      if (req.signal) signals.push(req.signal);
      let res: Response;
      let text: string;
      const started = this.now();
      try {
        res = await this.fetchImpl(url, {
          headers: { accept: 'application/json', ...this.headers, ...req.headers },
          signal: AbortSignal.any(signals),
          ...(req.redirect ? { redirect: req.redirect } : {}),
        });
        text = await res.text();
      } catch (e) {
        if (req.signal?.aborted) throw req.signal.reason;
        const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
        const failure = timedOut
          ? this.error('TIMEOUT', `no answer within ${this.timeoutMs} ms from ${shownUrl}`, req, {
              cause: e,
            })
          : this.error('UPSTREAM', `network error calling ${shownUrl}: ${describe(e)}`, req, {
              cause: e,
            });
        this.logger?.warn?.(
          { provider: this.provider, url: shownUrl, attempt, code: failure.code },
          'market-data request failed',
        );
        if (!canRetry) throw failure;
        await this.sleep(this.backoffMs(attempt), req.signal);
        continue;
      }
      this.logger?.debug?.(
        { provider: this.provider, url: shownUrl, status: res.status, ms: this.now() - started, attempt },
        'market-data response',
      );

      if (res.status === 429 || res.status >= 500) {
        const retryAfterMs = this.parseRetryAfter(res.headers.get('retry-after'));
        const code: MarketDataErrorCode = res.status === 429 ? 'RATE_LIMITED' : 'UPSTREAM';
        const detail = `HTTP ${res.status} from ${shownUrl}${snippet(text)}`;
        if (!canRetry) {
          throw this.error(code, `${detail} (gave up after ${attempt + 1} attempts)`, req, {
            status: res.status,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          });
        }
        if (retryAfterMs !== undefined && retryAfterMs > this.retry.maxRetryAfterMs) {
          throw this.error(code, `${detail}; Retry-After ${retryAfterMs} ms is too long to wait`, req, {
            status: res.status,
            retryAfterMs,
          });
        }
        await this.sleep(retryAfterMs ?? this.backoffMs(attempt), req.signal);
        continue;
      }

      return finish(res, text, shownUrl);
    }
  }

  /** A provider's error, redacted, with the call's context filled in where it gave none. */
  private adopt(custom: MarketDataError, req: BaseRequest, status: number): MarketDataError {
    return new MarketDataError(custom.code, this.redact(custom.message), {
      provider: custom.provider,
      operation: custom.operation ?? req.operation,
      symbol: custom.symbol ?? req.symbol,
      status: custom.status ?? status,
      retryAfterMs: custom.retryAfterMs,
    });
  }

  private interpret<T>(req: JsonRequest<T>, res: Response, text: string, shownUrl: string): T {
    let json: unknown;
    let parsed = false;
    try {
      json = JSON.parse(text);
      parsed = true;
    } catch {
      json = undefined;
    }
    const raw: RawResponse = { status: res.status, headers: res.headers, text, url: shownUrl };
    const custom = req.classify?.(raw, json);
    // Fill in the call's context when the classifier did not, and redact its message.
    if (custom) throw this.adopt(custom, req, res.status);
    const status = res.status;
    if (status === 401 || status === 403) {
      throw this.error('AUTH', `HTTP ${status}: key rejected or not entitled (${shownUrl})${snippet(text)}`, req, {
        status,
      });
    }
    if (status === 404) {
      throw this.error('NOT_FOUND', `HTTP 404: ${req.symbol ?? 'resource'} not found (${shownUrl})`, req, {
        status,
      });
    }
    if (status < 200 || status >= 300) {
      throw this.error('UPSTREAM', `unexpected HTTP ${status} from ${shownUrl}${snippet(text)}`, req, {
        status,
      });
    }
    if (!parsed) {
      throw this.error('MALFORMED', `body from ${shownUrl} is not JSON${snippet(text)}`, req, { status });
    }
    const result = req.schema.safeParse(json);
    if (!result.success) {
      const issues = result.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw this.error('MALFORMED', `body from ${shownUrl} has the wrong shape: ${issues}`, req, {
        status,
        cause: result.error,
      });
    }
    return result.data;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as { cause?: unknown }).cause;
    return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
  }
  return String(e);
}

function snippet(text: string): string {
  const t = text.trim();
  if (t === '') return '';
  return `: ${t.length > 200 ? `${t.slice(0, 200)}…` : t}`;
}
