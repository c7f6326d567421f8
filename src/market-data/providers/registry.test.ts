import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config.js';
import type { FakeServer } from '../../../test/fakes/fake-http-server.js';
import { startFmpFake } from '../../../test/fakes/fmp-server.js';
import { startPolygonFake } from '../../../test/fakes/polygon-server.js';
import { startYahooFake } from '../../../test/fakes/yahoo-server.js';
import { testClock } from '../../../test/fakes/provider-contract.js';
import { EodhdProvider } from './eodhd.js';
import { FmpProvider } from './fmp.js';
import { PolygonProvider } from './polygon.js';
import { capabilities, type MarketDataProvider } from './provider.js';
import {
  createProviderChain,
  createProviders,
  parseProviderList,
  providerEnvFromConfig,
  type ProviderFactory,
} from './registry.js';
import { YahooProvider } from './yahoo.js';

const KEYS = { POLYGON_API_KEY: 'p', FMP_API_KEY: 'f', EODHD_API_KEY: 'e' };

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('provider registry', () => {
  it('parses the list, trimming and lower-casing', () => {
    expect(parseProviderList(' Polygon, fmp ,,YAHOO ')).toEqual(['polygon', 'fmp', 'yahoo']);
    expect(parseProviderList(['eodhd'])).toEqual(['eodhd']);
  });

  it('builds the listed providers in order', () => {
    const ps = createProviders({ providers: 'polygon,fmp,eodhd,yahoo', env: KEYS });
    expect(ps.map((p) => p.name)).toEqual(['polygon', 'fmp', 'eodhd', 'yahoo']);
    expect(ps[0]).toBeInstanceOf(PolygonProvider);
    expect(ps[1]).toBeInstanceOf(FmpProvider);
    expect(ps[2]).toBeInstanceOf(EodhdProvider);
    expect(ps[3]).toBeInstanceOf(YahooProvider);
  });

  it('names the key variable when a listed provider has no key', () => {
    const e = configError(() => createProviders({ providers: 'yahoo,fmp', env: { POLYGON_API_KEY: 'p' } }));
    expect(e.variable).toBe('FMP_API_KEY');
    expect(e.message).toContain('MARKET_DATA_PROVIDERS lists "fmp"');
    expect(e.message).toContain('FMP_API_KEY');
    // A blank value counts as missing.
    expect(configError(() => createProviders({ providers: 'eodhd', env: { EODHD_API_KEY: '  ' } })).variable).toBe(
      'EODHD_API_KEY',
    );
  });

  it('names MARKET_DATA_PROVIDERS for an unknown, repeated or empty list', () => {
    const unknown = configError(() => createProviders({ providers: 'polygon,bloomberg', env: KEYS }));
    expect(unknown.variable).toBe('MARKET_DATA_PROVIDERS');
    expect(unknown.message).toContain('unknown provider "bloomberg"');
    expect(unknown.message).toContain('eodhd, fmp, polygon, yahoo');
    expect(configError(() => createProviders({ providers: 'fmp,fmp', env: KEYS })).message).toContain('twice');
    expect(configError(() => createProviders({ providers: ' , ' })).variable).toBe('MARKET_DATA_PROVIDERS');
  });

  it('rejects a base-URL override that is not a URL, naming it', () => {
    const e = configError(() => createProviders({ providers: 'yahoo', env: { YAHOO_BASE_URL: 'localhost:1' } }));
    expect(e.variable).toBe('YAHOO_BASE_URL');
  });

  it('accepts extra factories by name (e.g. a synthetic provider)', () => {
    const synthetic: MarketDataProvider = {
      name: 'synthetic',
      capabilities: capabilities('dailyBars'),
      isAvailable: () => true,
      dailyBars: async () => [],
      quote: async () => {
        throw new Error('unused');
      },
      profile: async () => {
        throw new Error('unused');
      },
      corporateActions: async () => ({ splits: [], dividends: [] }),
    };
    const seen: string[] = [];
    const factory: ProviderFactory = {
      create: (ctx) => {
        seen.push(ctx.name);
        return synthetic;
      },
    };
    const ps = createProviders({ providers: 'synthetic,yahoo', factories: { synthetic: factory } });
    expect(ps.map((p) => p.name)).toEqual(['synthetic', 'yahoo']);
    expect(seen).toEqual(['synthetic']);
  });

  it('maps config keys to the variable names', () => {
    expect(providerEnvFromConfig({ polygonApiKey: 'a', fmpApiKey: undefined, eodhdApiKey: 'c' })).toEqual({
      POLYGON_API_KEY: 'a',
      FMP_API_KEY: undefined,
      EODHD_API_KEY: 'c',
    });
  });
});

describe('createProviderChain end to end', () => {
  let polygon: FakeServer;
  let fmp: FakeServer;
  beforeAll(async () => {
    [polygon, fmp] = await Promise.all([startPolygonFake('pk'), startFmpFake('fk')]);
  });
  afterAll(async () => {
    await Promise.all([polygon.close(), fmp.close()]);
  });

  it('builds a working chain from names, keys and base-URL overrides', async () => {
    const clock = testClock();
    const chain = createProviderChain({
      providers: 'polygon,fmp',
      env: { POLYGON_API_KEY: 'pk', POLYGON_BASE_URL: polygon.url, FMP_API_KEY: 'fk', FMP_BASE_URL: fmp.url },
      shared: { now: clock.now, sleep: clock.sleep, retry: { maxRetries: 0 }, rateLimits: { polygon: null, fmp: null } },
    });
    expect(chain.name).toBe('chain(polygon,fmp)');
    polygon.inject({ status: 500, body: 'down' });
    const r = await chain.quote('AAPL');
    expect(r.dataSource).toBe('fmp');
  });

  it('points Yahoo\'s API and session hosts at YAHOO_BASE_URL and YAHOO_SESSION_URL', async () => {
    const yahoo = await startYahooFake();
    try {
      const chain = createProviderChain({
        providers: 'yahoo',
        env: { YAHOO_BASE_URL: yahoo.url, YAHOO_SESSION_URL: yahoo.url },
        shared: { retry: { maxRetries: 0 }, rateLimits: { yahoo: null } },
      });
      const r = await chain.profile('AAPL');
      expect(r.dataSource).toBe('yahoo');
      expect(r.data.sector).toBe('Technology');
    } finally {
      await yahoo.close();
    }
  });
});
