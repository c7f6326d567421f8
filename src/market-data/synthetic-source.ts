/**
 * The data_source of the synthetic demo market's prices (its provider and the demo seed write it).
 * Synthetic prices never mix with real ones in a symbol (price-sources.ts); every number derived
 * from them says so. No imports: providers, seeds and the status page all read it.
 */
export const SYNTHETIC_DATA_SOURCE = 'synthetic';

/** True for the synthetic demo market's data_source. */
export function isSyntheticSource(dataSource: string): boolean {
  return dataSource === SYNTHETIC_DATA_SOURCE;
}
