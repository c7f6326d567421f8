/**
 * An in-process market-data provider serving fixed close series (e.g. the real DJ30 closes) as
 * daily bars, for onboarding tests and benchmarks. It implements the provider interface, so it is
 * used through the real fallback chain. It counts dailyBars calls per symbol, can be told to fail a
 * symbol with a given error code, and can wait a little per call so concurrent callers interleave.
 */
import { capabilities, unsupported, type MarketDataProvider } from '../../src/market-data/providers/provider.js';
import { MarketDataError, type CorporateActions, type DailyBar, type MarketDataErrorCode, type Profile, type Quote } from '../../src/market-data/types.js';

/** A close series: dates ascending. */
export interface CloseSeriesInput {
  dates: readonly string[];
  values: ArrayLike<number>;
}

export class SeriesProvider implements MarketDataProvider {
  readonly capabilities;
  /** dailyBars calls per symbol (failed calls included). */
  readonly fetches = new Map<string, number>();
  private readonly failures = new Map<string, { code: MarketDataErrorCode; remaining: number }>();

  constructor(
    private readonly series: ReadonlyMap<string, CloseSeriesInput>,
    private readonly options: { name?: string; delayMs?: number; adjClose?: boolean; profiles?: Record<string, Profile> } = {},
  ) {
    this.capabilities = options.profiles ? capabilities('dailyBars', 'profile') : capabilities('dailyBars');
  }

  get name(): string {
    return this.options.name ?? 'fake-series';
  }

  /** Makes the next `times` dailyBars calls for `symbol` fail with `code` (Infinity = always). */
  failWith(symbol: string, code: MarketDataErrorCode, times = Infinity): void {
    this.failures.set(symbol, { code, remaining: times });
  }

  isAvailable(): boolean {
    return true;
  }

  async dailyBars(symbol: string, from: string, to: string): Promise<DailyBar[]> {
    this.fetches.set(symbol, (this.fetches.get(symbol) ?? 0) + 1);
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    else await Promise.resolve();
    const failure = this.failures.get(symbol);
    if (failure && failure.remaining > 0) {
      failure.remaining--;
      throw new MarketDataError(failure.code, `${this.name}: injected ${failure.code} for ${symbol}`, { provider: this.name, operation: 'dailyBars', symbol });
    }
    const s = this.series.get(symbol);
    if (!s) throw new MarketDataError('NOT_FOUND', `${this.name}: unknown symbol ${symbol}`, { provider: this.name, operation: 'dailyBars', symbol });
    const out: DailyBar[] = [];
    for (let i = 0; i < s.dates.length; i++) {
      const date = s.dates[i];
      const close = s.values[i];
      if (date < from || date > to || !Number.isFinite(close)) continue;
      out.push({ symbol, date, open: close, high: close, low: close, close, adjClose: this.options.adjClose ? close : null, volume: 0, adjustment: 'split' });
    }
    return out;
  }

  quote(symbol: string): Promise<Quote> {
    return Promise.reject(unsupported(this.name, 'quote', symbol));
  }
  profile(symbol: string): Promise<Profile> {
    const p = this.options.profiles?.[symbol];
    return p ? Promise.resolve(p) : Promise.reject(unsupported(this.name, 'profile', symbol));
  }
  corporateActions(symbol: string): Promise<CorporateActions> {
    return Promise.reject(unsupported(this.name, 'corporateActions', symbol));
  }
}
