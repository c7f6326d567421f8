/**
 * Tries providers in order, per call, and records which one served the data.
 *
 * For each provider in turn: skip it (without a request) when it does not support the call or its
 * circuit breaker is open; otherwise call it and return its data on success. Any MarketDataError
 * moves on to the next provider, NOT_FOUND included (another provider may know the symbol).
 *
 * Empty daily bars also move on (a provider with a shorter history returns [] for old ranges); if
 * nobody has bars, the first empty answer is returned. Empty corporate actions are a normal answer
 * (most ranges have none) and are returned as they are.
 *
 * When every provider fails, the chain raises a {@link MarketDataChainError} whose code is:
 * NOT_FOUND if every provider asked said NOT_FOUND; UNSUPPORTED if none supports the call;
 * CIRCUIT_OPEN if every provider that supports it is open; otherwise the last real failure's code.
 */
import type { MarketDataLogger } from '../http-client.js';
import {
  MarketDataError,
  type CallOptions,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataErrorCode,
  type MarketDataOperation,
  type Profile,
  type Quote,
} from '../types.js';
import type { MarketDataProvider } from './provider.js';

/** What happened at one provider during a chain call. */
export interface ProviderAttempt {
  provider: string;
  /** `ok`, `empty` (answered with no bars), or the error code (UNSUPPORTED / CIRCUIT_OPEN = skipped). */
  outcome: 'ok' | 'empty' | MarketDataErrorCode;
  message?: string;
}

/** Data plus where it came from. */
export interface Sourced<T> {
  data: T;
  /** Name of the provider that served `data` (stored as data_source). */
  dataSource: string;
  /** Every provider consulted, in order. */
  attempts: ProviderAttempt[];
}

/** Raised when no provider could serve a call; `attempts` says why for each. */
export class MarketDataChainError extends MarketDataError {
  constructor(
    code: MarketDataErrorCode,
    message: string,
    readonly attempts: ProviderAttempt[],
    details: { operation: MarketDataOperation; symbol: string; cause?: unknown },
  ) {
    super(code, message, { provider: 'chain', ...details });
    this.name = 'MarketDataChainError';
  }
}

/** A provider chain: the provider methods, each answering with {@link Sourced} data. */
export interface FallbackChain {
  /** `chain(polygon,fmp,yahoo)`. */
  readonly name: string;
  readonly providers: readonly MarketDataProvider[];
  dailyBars(symbol: string, from: IsoDate, to: IsoDate, options?: CallOptions): Promise<Sourced<DailyBar[]>>;
  quote(symbol: string, options?: CallOptions): Promise<Sourced<Quote>>;
  profile(symbol: string, options?: CallOptions): Promise<Sourced<Profile>>;
  corporateActions(
    symbol: string,
    from: IsoDate,
    to: IsoDate,
    options?: CallOptions,
  ): Promise<Sourced<CorporateActions>>;
}

/** Chain settings. */
export interface FallbackChainOptions {
  logger?: MarketDataLogger;
}

const SKIPS: ReadonlySet<string> = new Set(['UNSUPPORTED', 'CIRCUIT_OPEN']);

/** Builds a chain over `providers`, tried in the given order. */
export function createFallbackChain(
  providers: readonly MarketDataProvider[],
  options: FallbackChainOptions = {},
): FallbackChain {
  if (providers.length === 0) throw new RangeError('createFallbackChain needs at least one provider');
  const list = [...providers];
  const name = `chain(${list.map((p) => p.name).join(',')})`;

  async function run<T>(
    operation: MarketDataOperation,
    symbol: string,
    call: (p: MarketDataProvider) => Promise<T>,
    isEmpty: (data: T) => boolean = () => false,
    signal?: AbortSignal,
  ): Promise<Sourced<T>> {
    const attempts: ProviderAttempt[] = [];
    let firstEmpty: { data: T; provider: string } | null = null;
    let lastError: MarketDataError | null = null;
    for (const p of list) {
      if (!p.capabilities[operation]) {
        attempts.push({ provider: p.name, outcome: 'UNSUPPORTED' });
        continue;
      }
      if (!p.isAvailable()) {
        attempts.push({ provider: p.name, outcome: 'CIRCUIT_OPEN' });
        continue;
      }
      try {
        const data = await call(p);
        if (isEmpty(data)) {
          attempts.push({ provider: p.name, outcome: 'empty' });
          firstEmpty ??= { data, provider: p.name };
          continue;
        }
        attempts.push({ provider: p.name, outcome: 'ok' });
        return { data, dataSource: p.name, attempts };
      } catch (e) {
        if (signal?.aborted || !(e instanceof MarketDataError)) throw e;
        attempts.push({ provider: p.name, outcome: e.code, message: e.message });
        if (!SKIPS.has(e.code)) lastError = e;
        options.logger?.warn?.(
          { provider: p.name, operation, symbol, code: e.code },
          'market-data provider failed; trying the next one',
        );
      }
    }
    if (firstEmpty) {
      return { data: firstEmpty.data, dataSource: firstEmpty.provider, attempts };
    }
    const asked = attempts.filter((a) => !SKIPS.has(a.outcome));
    let code: MarketDataErrorCode;
    if (asked.length === 0) {
      code = attempts.some((a) => a.outcome === 'CIRCUIT_OPEN') ? 'CIRCUIT_OPEN' : 'UNSUPPORTED';
    } else if (asked.every((a) => a.outcome === 'NOT_FOUND')) {
      code = 'NOT_FOUND';
    } else {
      code = [...asked].reverse().find((a) => a.outcome !== 'NOT_FOUND')!.outcome as MarketDataErrorCode;
    }
    const summary = attempts.map((a) => `${a.provider}: ${a.outcome}`).join('; ');
    throw new MarketDataChainError(
      code,
      `${operation}(${symbol}): no provider could serve it (${summary})`,
      attempts,
      { operation, symbol, ...(lastError ? { cause: lastError } : {}) },
    );
  }

  return {
    name,
    providers: list,
    dailyBars: (symbol, from, to, o) =>
      run('dailyBars', symbol, (p) => p.dailyBars(symbol, from, to, o), (d) => d.length === 0, o?.signal),
    quote: (symbol, o) => run('quote', symbol, (p) => p.quote(symbol, o), undefined, o?.signal),
    profile: (symbol, o) => run('profile', symbol, (p) => p.profile(symbol, o), undefined, o?.signal),
    corporateActions: (symbol, from, to, o) =>
      run('corporateActions', symbol, (p) => p.corporateActions(symbol, from, to, o), undefined, o?.signal),
  };
}
