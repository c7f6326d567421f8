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
import { conflictingPriceSources, type StoredPriceSource } from './prices.repository.js';
import { lockSymbols } from './symbol-lock.repository.js';
import { isSyntheticSource } from './synthetic-source.js';


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

/** One symbol's bars about to be written, and their data_source. */
export interface SymbolWrite {
  symbol: string;
  dataSource: string;
}

/**
 * The first statement of every transaction that writes bars: takes the symbols' locks
 * ({@link lockSymbols}), then {@link checkPriceSources}. Pass each (symbol, data_source) pair the
 * transaction will write.
 */
export async function beginSymbolWrite(trx: Transaction<DB>, writes: Iterable<SymbolWrite>): Promise<void> {
  const list = [...writes];
  await lockSymbols(trx, list.map((w) => w.symbol));
  await checkPriceSources(trx, list);
}

/**
 * Throws a {@link PriceSourceConflictError} (for the first conflicting symbol, in symbol order) when
 * writing these (symbol, data_source) pairs would mix synthetic and real prices in a symbol. Run it
 * in the transaction that writes, after the symbols' locks.
 */
export async function checkPriceSources(trx: Transaction<DB>, writes: Iterable<SymbolWrite>): Promise<void> {
  const bySymbol = new Map<string, Set<string>>();
  for (const w of writes) {
    const set = bySymbol.get(w.symbol) ?? new Set<string>();
    set.add(w.dataSource);
    bySymbol.set(w.symbol, set);
  }
  if (bySymbol.size === 0) return;
  const incoming = [...bySymbol.entries()].map(([symbol, sources]) => {
    const list = [...sources];
    if (list.some(isSyntheticSource) && !list.every(isSyntheticSource)) {
      throw new RangeError(`${symbol}: one write holds both synthetic and real bars (${list.join(', ')}); synthetic and real prices never mix in one symbol`);
    }
    return { symbol, dataSource: list[0] };
  });
  const conflicts = await conflictingPriceSources(trx, incoming.map((w) => ({ symbol: w.symbol, synthetic: isSyntheticSource(w.dataSource) })));
  for (const w of incoming.sort((a, b) => (a.symbol < b.symbol ? -1 : 1))) {
    const held = conflicts.get(w.symbol);
    if (held) throw new PriceSourceConflictError(w.symbol, w.dataSource, held);
  }
}
