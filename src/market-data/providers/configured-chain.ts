/**
 * The provider chain as the configuration describes it: `MARKET_DATA_PROVIDERS` (config.providers.order,
 * default `synthetic`) with the keys from the typed config, and the synthetic provider registered
 * next to the four HTTP providers.
 */
import type { Config } from '../../config/config.js';
import type { FallbackChain } from './fallback-chain.js';
import { createProviderChain, providerEnvFromConfig, type ProviderFactory, type SharedProviderOptions } from './registry.js';
import { SYNTHETIC_PROVIDER_FACTORY } from './synthetic.js';

/** Factories beyond the registry's built-in HTTP providers. */
export const EXTRA_PROVIDER_FACTORIES: Readonly<Record<string, ProviderFactory>> = {
  synthetic: SYNTHETIC_PROVIDER_FACTORY,
};

/**
 * Builds the fallback chain from `config.providers`. Throws the registry's ConfigError naming the
 * variable at fault (an unknown provider, a missing key).
 *
 * @example
 * const chain = createConfiguredChain(loadConfig().providers, { logger });
 */
export function createConfiguredChain(providers: Config['providers'], shared: SharedProviderOptions = {}): FallbackChain {
  return createProviderChain({
    providers: providers.order,
    env: providerEnvFromConfig(providers),
    factories: EXTRA_PROVIDER_FACTORIES,
    shared,
  });
}
