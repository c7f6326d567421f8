/**
 * Builds providers and the fallback chain from configuration: a list of provider names (the
 * `MARKET_DATA_PROVIDERS` variable, e.g. `polygon,fmp,yahoo`) and an environment-like record of keys
 * (`POLYGON_API_KEY`, `FMP_API_KEY`, `EODHD_API_KEY`) and optional base-URL overrides
 * (`POLYGON_BASE_URL`, `FMP_BASE_URL`, `EODHD_BASE_URL`, `YAHOO_BASE_URL`, and `YAHOO_SESSION_URL` for
 * the host that hands out Yahoo's session cookie).
 *
 * Misconfiguration raises the project's {@link ConfigError}, naming the variable to fix: an unknown
 * or repeated provider name names `MARKET_DATA_PROVIDERS`; a listed provider without its key names
 * the key variable.
 *
 * Other providers (the synthetic demo provider, for one) plug in by name through `factories`.
 */
import { ConfigError } from '../../config/config.js';
import type { MarketDataLogger, SleepFn } from '../http-client.js';
import { EodhdProvider } from './eodhd.js';
import { createFallbackChain, type FallbackChain } from './fallback-chain.js';
import { FmpProvider } from './fmp.js';
import { PolygonProvider } from './polygon.js';
import type { HttpProviderOptions, MarketDataProvider } from './provider.js';
import { YahooProvider } from './yahoo.js';

/** Environment-like record of variables. */
export type ProviderEnv = Readonly<Record<string, string | undefined>>;

/** Settings shared by every provider the registry builds (timeouts, test clock, logger...). */
export interface SharedProviderOptions {
  timeoutMs?: number;
  retry?: HttpProviderOptions['retry'];
  breaker?: { failureThreshold?: number; cooldownMs?: number };
  now?: () => number;
  sleep?: SleepFn;
  random?: () => number;
  fetch?: typeof fetch;
  logger?: MarketDataLogger;
  /** Per-provider rate-limit overrides by name (null = no local limit). */
  rateLimits?: Readonly<Record<string, HttpProviderOptions['rateLimit']>>;
}

/** What a factory receives. */
export interface ProviderFactoryContext {
  /** The provider name as listed. */
  name: string;
  /** The key from `keyVariable`, when the factory declares one (always set then). */
  apiKey: string | undefined;
  /** The base-URL override from `baseUrlVariable`, if set. */
  baseUrl: string | undefined;
  env: ProviderEnv;
  shared: SharedProviderOptions;
}

/** How to build one provider by name. */
export interface ProviderFactory {
  /** Variable holding the provider's key; when set here, a missing value is a ConfigError. */
  keyVariable?: string;
  /** Variable that overrides the base URL. */
  baseUrlVariable?: string;
  create(context: ProviderFactoryContext): MarketDataProvider;
}

function httpShared(ctx: ProviderFactoryContext): Omit<HttpProviderOptions, 'apiKey'> {
  const s = ctx.shared;
  const o: Omit<HttpProviderOptions, 'apiKey'> = {};
  if (ctx.baseUrl !== undefined) o.baseUrl = ctx.baseUrl;
  if (s.timeoutMs !== undefined) o.timeoutMs = s.timeoutMs;
  if (s.retry !== undefined) o.retry = s.retry;
  if (s.breaker !== undefined) o.breaker = s.breaker;
  if (s.now !== undefined) o.now = s.now;
  if (s.sleep !== undefined) o.sleep = s.sleep;
  if (s.random !== undefined) o.random = s.random;
  if (s.fetch !== undefined) o.fetch = s.fetch;
  if (s.logger !== undefined) o.logger = s.logger;
  if (s.rateLimits && ctx.name in s.rateLimits) o.rateLimit = s.rateLimits[ctx.name] ?? null;
  return o;
}

/** The four HTTP providers this module knows. */
export const BUILTIN_PROVIDER_FACTORIES: Readonly<Record<string, ProviderFactory>> = {
  polygon: {
    keyVariable: 'POLYGON_API_KEY',
    baseUrlVariable: 'POLYGON_BASE_URL',
    create: (ctx) => new PolygonProvider({ ...httpShared(ctx), apiKey: ctx.apiKey! }),
  },
  fmp: {
    keyVariable: 'FMP_API_KEY',
    baseUrlVariable: 'FMP_BASE_URL',
    create: (ctx) => new FmpProvider({ ...httpShared(ctx), apiKey: ctx.apiKey! }),
  },
  eodhd: {
    keyVariable: 'EODHD_API_KEY',
    baseUrlVariable: 'EODHD_BASE_URL',
    create: (ctx) => new EodhdProvider({ ...httpShared(ctx), apiKey: ctx.apiKey! }),
  },
  yahoo: {
    baseUrlVariable: 'YAHOO_BASE_URL',
    // The profile call first takes a session cookie from another host; YAHOO_SESSION_URL overrides it.
    create: (ctx) => new YahooProvider({ ...httpShared(ctx), ...(ctx.env.YAHOO_SESSION_URL ? { sessionBaseUrl: ctx.env.YAHOO_SESSION_URL } : {}) }),
  },
};

/** Settings for {@link createProviders} and {@link createProviderChain}. */
export interface RegistryOptions {
  /** Provider names in fallback order: `"polygon,fmp,yahoo"` or an array. */
  providers: string | readonly string[];
  /** Where keys and base-URL overrides are read. Default: none. */
  env?: ProviderEnv;
  /** Extra (or replacement) factories by name, e.g. `{ synthetic: {...} }`. */
  factories?: Readonly<Record<string, ProviderFactory>>;
  shared?: SharedProviderOptions;
  /** The variable the list came from, for error messages. Default `MARKET_DATA_PROVIDERS`. */
  listVariable?: string;
}

/** Splits and normalises a provider list (`" Polygon, fmp "` -> `["polygon", "fmp"]`). */
export function parseProviderList(list: string | readonly string[]): string[] {
  const items = typeof list === 'string' ? list.split(',') : [...list];
  return items.map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
}

/** Builds the listed providers, in order. Throws {@link ConfigError} naming the variable at fault. */
export function createProviders(options: RegistryOptions): MarketDataProvider[] {
  const listVariable = options.listVariable ?? 'MARKET_DATA_PROVIDERS';
  const env = options.env ?? {};
  const factories: Record<string, ProviderFactory> = { ...BUILTIN_PROVIDER_FACTORIES, ...options.factories };
  const names = parseProviderList(options.providers);
  if (names.length === 0) throw new ConfigError(listVariable, 'lists no provider');
  const known = Object.keys(factories).sort().join(', ');
  const seen = new Set<string>();
  return names.map((name) => {
    const factory = factories[name];
    if (!factory) throw new ConfigError(listVariable, `unknown provider "${name}" (known: ${known})`);
    if (seen.has(name)) throw new ConfigError(listVariable, `lists "${name}" twice`);
    seen.add(name);
    let apiKey: string | undefined;
    if (factory.keyVariable) {
      apiKey = env[factory.keyVariable]?.trim() || undefined;
      if (!apiKey) {
        throw new ConfigError(
          factory.keyVariable,
          `${listVariable} lists "${name}", which needs an API key in ${factory.keyVariable}, but it is not set`,
        );
      }
    }
    const baseUrl = factory.baseUrlVariable ? env[factory.baseUrlVariable]?.trim() || undefined : undefined;
    if (baseUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(baseUrl)) {
      throw new ConfigError(factory.baseUrlVariable!, `is not an http(s) URL: "${baseUrl}"`);
    }
    return factory.create({ name, apiKey, baseUrl, env, shared: options.shared ?? {} });
  });
}

/** Builds the listed providers and wraps them in a fallback chain. */
export function createProviderChain(options: RegistryOptions): FallbackChain {
  return createFallbackChain(
    createProviders(options),
    options.shared?.logger ? { logger: options.shared.logger } : {},
  );
}

/**
 * Maps the typed config's provider keys (`config.providers`) to the variable names the factories
 * read, so callers with a loaded Config need not re-read the environment.
 */
export function providerEnvFromConfig(p: {
  polygonApiKey?: string | undefined;
  fmpApiKey?: string | undefined;
  eodhdApiKey?: string | undefined;
}): ProviderEnv {
  return { POLYGON_API_KEY: p.polygonApiKey, FMP_API_KEY: p.fmpApiKey, EODHD_API_KEY: p.eodhdApiKey };
}
