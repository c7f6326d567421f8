/**
 * An in-process provider for sync tests: serves the bars and corporate actions it is given, records
 * every call with its range, and can be told to fail a symbol or to add bars a real provider should
 * never send (outside the range). Used through the real fallback chain.
 */
import { capabilities, unsupported, type MarketDataProvider } from '../../src/market-data/providers/provider.js';
import { tradingDays } from '../../src/market-data/trading-calendar.js';
import {
  MarketDataError,
  type CorporateActions,
  type DailyBar,
  type MarketDataErrorCode,
  type MarketDataOperation,
  type Profile,
  type Quote,
} from '../../src/market-data/types.js';

/** One recorded call. */
export interface RecordedCall {
  op: MarketDataOperation;
  symbol: string;
  from?: string;
  to?: string;
}

export class ScriptedProvider implements MarketDataProvider {
  readonly capabilities = capabilities('dailyBars', 'quote', 'corporateActions');
  readonly calls: RecordedCall[] = [];
  /** Bars per symbol, ascending by date. */
  readonly bars = new Map<string, DailyBar[]>();
  readonly actions = new Map<string, CorporateActions>();
  /** Bars sent whatever the range (to test validation of a misbehaving provider). */
  readonly extra = new Map<string, DailyBar[]>();
  private readonly failures = new Map<string, { code: MarketDataErrorCode; remaining: number; ops: MarketDataOperation[] }>();

  constructor(readonly name = 'scripted') {}

  /** Makes the next `times` calls of `ops` for `symbol` fail with `code`. */
  failWith(symbol: string, code: MarketDataErrorCode, times = Infinity, ops: MarketDataOperation[] = ['dailyBars', 'quote']): void {
    this.failures.set(symbol, { code, remaining: times, ops });
  }

  /** Stops failing `symbol`. */
  heal(symbol: string): void {
    this.failures.delete(symbol);
  }

  /** The dailyBars calls, as `SYMBOL from..to`. */
  barCalls(): string[] {
    return this.calls.filter((c) => c.op === 'dailyBars').map((c) => `${c.symbol} ${c.from}..${c.to}`);
  }

  isAvailable(): boolean {
    return true;
  }

  private check(op: MarketDataOperation, symbol: string): void {
    const f = this.failures.get(symbol);
    if (f && f.remaining > 0 && f.ops.includes(op)) {
      f.remaining--;
      throw new MarketDataError(f.code, `${this.name}: injected ${f.code} for ${symbol}`, { provider: this.name, operation: op, symbol });
    }
    if (!this.bars.has(symbol)) throw new MarketDataError('NOT_FOUND', `${this.name}: unknown symbol ${symbol}`, { provider: this.name, operation: op, symbol });
  }

  async dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]> {
    this.calls.push({ op: 'dailyBars', symbol, from, to });
    await Promise.resolve();
    this.check('dailyBars', symbol);
    const inRange = this.bars.get(symbol)!.filter((b) => b.date >= from && b.date <= to);
    return [...inRange, ...(this.extra.get(symbol) ?? [])].map((b) => ({ ...b }));
  }

  async corporateActions(symbol: string, from: string, to: string): Promise<CorporateActions> {
    this.calls.push({ op: 'corporateActions', symbol, from, to });
    this.check('corporateActions', symbol);
    const a = this.actions.get(symbol) ?? { splits: [], dividends: [] };
    return {
      splits: a.splits.filter((s) => s.exDate >= from && s.exDate <= to),
      dividends: a.dividends.filter((d) => d.exDate >= from && d.exDate <= to),
    };
  }

  async quote(symbol: string): Promise<Quote> {
    this.calls.push({ op: 'quote', symbol });
    this.check('quote', symbol);
    const last = this.bars.get(symbol)!.at(-1)!;
    return { symbol, price: last.close, change: null, changePercent: null, volume: last.volume, timestamp: `${last.date}T20:00:00.000Z`, currency: 'USD' };
  }

  profile(symbol: string): Promise<Profile> {
    return Promise.reject(unsupported(this.name, 'profile', symbol));
  }
}

/**
 * Deterministic bars on the US trading days of [from, to]: a smooth path (+0.1 % a day with a
 * small wave) starting at `start`, as traded.
 */
export function makeBars(symbol: string, from: string, to: string, start = 100): DailyBar[] {
  return tradingDays(from, to).map((date, i) => {
    const close = Math.round(start * (1.001 ** i) * (1 + 0.01 * Math.sin(i / 3)) * 100) / 100;
    return { symbol, date, open: close, high: Math.round(close * 101) / 100, low: Math.round(close * 99) / 100, close, adjClose: close, volume: 1_000 + i, adjustment: 'raw' };
  });
}
