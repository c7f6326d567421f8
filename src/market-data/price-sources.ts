/**
 * Synthetic prices never mix with real ones. The demo market (data_source 'synthetic') is made up;
 * a synthetic bar stored for a symbol whose other bars are real (from a provider, a file or the
 * real-data demo) would be a bad price inherited silently by every return, beta and VaR. So a
 * symbol's bars are either all synthetic or all real, and every path that writes bars (sync,
 * onboarding, file import, the demo seeds) starts its transaction with {@link beginSymbolWrite}:
 * the symbol's lock first, then this check, which refuses the write naming the symbol and both
 * sources. Real sources may mix among themselves (a provider chain falls back from one to another).
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { storedPriceSources, type StoredPriceSource } from './prices.repository.js';
import { lockSymbols } from './symbol-lock.repository.js';

/** data_source of every price of the synthetic demo market (its provider and the demo seed). */
export const SYNTHETIC_DATA_SOURCE = 'synthetic';

/** True for the synthetic demo market's data_source. */
export function isSyntheticSource(dataSource: string): boolean {
  return dataSource === SYNTHETIC_DATA_SOURCE;
}

/** A write refused because it would mix synthetic and real prices in one symbol. */
export class PriceSourceConflictError extends Error {
  override readonly name = 'PriceSourceConflictError';
  constructor(
    readonly symbol: string,
    readonly incomingSource: string,
    readonly stored: readonly StoredPriceSource[],
  ) {
    const kind = (s: string) => (isSyntheticSource(s) ? 'synthetic demo prices' : `real prices from ${s}`);
    const held = stored.map((s) => `${s.dataSource} (${s.bars} bar(s), ${s.firstDate} to ${s.lastDate})`).join(', ');
    super(
      `${symbol}: refusing ${kind(incomingSource)}: its stored bars come from ${held}; ` +
        'synthetic and real prices never mix in one symbol (use another database for the demo market)',
    );
  }
}

/**
 * The conflict of writing bars from `incoming` for a symbol whose stored bars come from `stored`,
 * or null when they may be written: all synthetic, or all real.
 *
 * @example
 * sourceConflict('MSFT', 'synthetic', [{ symbol: 'MSFT', dataSource: 'import', bars: 501, firstDate: '2000-01-03', lastDate: '2001-12-31' }]);
 * // PriceSourceConflictError: MSFT: refusing synthetic demo prices: its stored bars come from import (...)
 */
export function sourceConflict(symbol: string, incoming: string, stored: readonly StoredPriceSource[]): PriceSourceConflictError | null {
  const other = stored.filter((s) => isSyntheticSource(s.dataSource) !== isSyntheticSource(incoming));
  return other.length === 0 ? null : new PriceSourceConflictError(symbol, incoming, other);
}

/** One symbol's bars about to be written, and their data_source. */
export interface SymbolWrite {
  symbol: string;
  dataSource: string;
}

/**
 * The first statement of every transaction that writes bars: takes the symbols' locks
 * ({@link lockSymbols}), then throws a {@link PriceSourceConflictError} (for the first conflicting
 * symbol, in symbol order) when a write would mix synthetic and real prices. Pass each
 * (symbol, data_source) pair the transaction will write.
 */
export async function beginSymbolWrite(trx: Transaction<DB>, writes: Iterable<SymbolWrite>): Promise<void> {
  const bySymbol = new Map<string, Set<string>>();
  for (const w of writes) {
    const set = bySymbol.get(w.symbol) ?? new Set<string>();
    set.add(w.dataSource);
    bySymbol.set(w.symbol, set);
  }
  if (bySymbol.size === 0) return;
  await lockSymbols(trx, bySymbol.keys());
  const stored = await storedPriceSources(trx, [...bySymbol.keys()]);
  for (const symbol of [...bySymbol.keys()].sort()) {
    const incoming = [...bySymbol.get(symbol)!];
    if (incoming.some(isSyntheticSource) && !incoming.every(isSyntheticSource)) {
      throw new RangeError(`${symbol}: one write holds both synthetic and real bars (${incoming.join(', ')}); synthetic and real prices never mix in one symbol`);
    }
    const conflict = sourceConflict(symbol, incoming[0], stored.get(symbol) ?? []);
    if (conflict) throw conflict;
  }
}
