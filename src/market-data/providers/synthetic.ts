/**
 * The synthetic provider: the deterministic demo market (src/demo/synthetic-market.ts) behind the
 * provider interface, so the whole pipeline (sync, quotes, freshness) runs with no key and no network.
 *
 * - dailyBars: the generator's bars for demo symbols (SPY, the factor ETFs, the demo stocks), from
 *   the generator's epoch (2018-01-02) up to today; none before the epoch. Prices are as traded
 *   (`adjustment: 'raw'`); the demo has no corporate actions, so `adjClose` equals `close`.
 * - quote: the close of the last session on or before today, with the change against the session
 *   before; stamped 16:00 New York time of that session.
 * - profile: name, sector, industry, exchange and asset type from demo-universe.ts.
 * - corporateActions: always empty (the demo has no splits or dividends).
 * - shortSellingMetrics (see short-selling.ts): deterministic borrow cost and short interest per
 *   symbol and date, for demos of the short-squeeze analytics.
 * Any other symbol is NOT_FOUND.
 *
 * "Today" is the New York calendar date of `now()` (injectable for tests). The market is generated
 * once and extended only when a later date is asked for; generating later never changes an earlier
 * bar (see GENERATOR_EPOCH), so every answer is reproducible.
 */
import { createRng, seedFromString } from '../../analytics/random.js';
import { classification, demoSymbols, stockProfile } from '../../demo/demo-universe.js';
import { GENERATOR_EPOCH, generateMarket, type SyntheticMarket } from '../../demo/synthetic-market.js';
import { SYNTHETIC_DATA_SOURCE } from '../synthetic-source.js';
import type { ShortSellingMetric, ShortSellingSource } from '../short-selling.js';
import { previousOrSameTradingDay } from '../trading-calendar.js';
import {
  MarketDataError,
  isIsoDate,
  isoDateInZone,
  type CorporateActions,
  type DailyBar,
  type IsoDate,
  type MarketDataOperation,
  type Profile,
  type Quote,
} from '../types.js';
import { capabilities, type MarketDataProvider, type ProviderCapabilities } from './provider.js';
import type { ProviderFactory } from './registry.js';

/** The provider's name, recorded as data_source (the demo seed writes the same). */
export const SYNTHETIC_PROVIDER_NAME = SYNTHETIC_DATA_SOURCE;

/** Settings for {@link SyntheticProvider}. */
export interface SyntheticProviderOptions {
  /** Clock in epoch milliseconds; default Date.now. Today is its New York date. */
  now?: () => number;
}

const DEMO_SYMBOLS: ReadonlySet<string> = new Set(demoSymbols());
const EXCHANGE_TIME_ZONE = 'America/New_York';

/** The synthetic demo market as a {@link MarketDataProvider} (and a {@link ShortSellingSource}). */
export class SyntheticProvider implements MarketDataProvider, ShortSellingSource {
  readonly name = SYNTHETIC_PROVIDER_NAME;
  readonly capabilities: ProviderCapabilities = capabilities('dailyBars', 'quote', 'profile', 'corporateActions');
  private readonly now: () => number;
  private market: { through: IsoDate; data: SyntheticMarket; index: Map<string, Map<IsoDate, number>> } | null = null;

  constructor(options: SyntheticProviderOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Always true: there is no circuit to open. */
  isAvailable(): boolean {
    return true;
  }

  /** Today in the exchange's time zone. */
  today(): IsoDate {
    return isoDateInZone(this.now(), EXCHANGE_TIME_ZONE);
  }

  /** See {@link MarketDataProvider.dailyBars}. */
  async dailyBars(symbol: string, from: IsoDate, to: IsoDate): Promise<DailyBar[]> {
    const s = this.known(symbol, 'dailyBars');
    checkRange(from, to, s);
    const last = to < this.today() ? to : this.today();
    if (last < GENERATOR_EPOCH || last < from) return [];
    const bars = this.marketThrough(last).bars.get(s)!;
    const out: DailyBar[] = [];
    for (const b of bars) {
      if (b.date < from) continue;
      if (b.date > last) break;
      out.push({
        symbol: s, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close,
        adjClose: b.adjustedClose, volume: b.volume, adjustment: 'raw',
      });
    }
    return out;
  }

  /** See {@link MarketDataProvider.quote}. */
  async quote(symbol: string): Promise<Quote> {
    const s = this.known(symbol, 'quote');
    const session = previousOrSameTradingDay(this.today());
    if (session < GENERATOR_EPOCH) throw notFound(s, 'quote', `no synthetic price before ${GENERATOR_EPOCH}`);
    const bars = this.marketThrough(session).bars.get(s)!;
    const i = this.market!.index.get(s)!.get(session)!;
    const bar = bars[i];
    const prev = i > 0 ? bars[i - 1].close : null;
    const change = prev === null ? null : round(bar.close - prev, 6);
    return {
      symbol: s,
      price: bar.close,
      change,
      changePercent: prev === null ? null : round(((bar.close - prev) / prev) * 100, 6),
      volume: bar.volume,
      timestamp: sessionClose(session),
      currency: 'USD',
    };
  }

  /** See {@link MarketDataProvider.profile}. */
  async profile(symbol: string): Promise<Profile> {
    const s = this.known(symbol, 'profile');
    const c = classification(s)!;
    const stock = stockProfile(s);
    return {
      symbol: s,
      name: c.name,
      sector: c.sector,
      industry: c.industry,
      marketCap: null,
      peRatio: null,
      exchange: stock?.exchange ?? 'NYSE Arca',
      assetType: c.assetType === 'etf' ? 'etf' : 'stock',
      currency: 'USD',
    };
  }

  /** See {@link MarketDataProvider.corporateActions}: the demo has none. */
  async corporateActions(symbol: string, from: IsoDate, to: IsoDate): Promise<CorporateActions> {
    const s = this.known(symbol, 'corporateActions');
    checkRange(from, to, s);
    return { splits: [], dividends: [] };
  }

  /**
   * Deterministic short-selling figures for the last session on or before `asOf`: borrow cost
   * 0.3-30 % a year (log-uniform per symbol, drifting by date), short interest 1-25 % of the float.
   * Null for symbols outside the demo.
   */
  async shortSellingMetrics(symbol: string, asOf: IsoDate): Promise<ShortSellingMetric | null> {
    const s = symbol.trim().toUpperCase();
    if (!DEMO_SYMBOLS.has(s) || !isIsoDate(asOf)) return null;
    const date = previousOrSameTradingDay(asOf < this.today() ? asOf : this.today());
    const base = createRng(seedFromString(`short:${s}`));
    const day = createRng(seedFromString(`short:${s}:${date}`));
    const borrow = Math.exp(Math.log(0.3) + (Math.log(30) - Math.log(0.3)) * base.uniform()) * (0.9 + 0.2 * day.uniform());
    const ratio = 1 + 24 * base.uniform() * (0.9 + 0.2 * day.uniform());
    const volume = stockProfile(s)?.volume ?? 5_000_000;
    const floatShares = volume * 150;
    const shortInterest = Math.round((ratio / 100) * floatShares);
    return {
      symbol: s,
      metricDate: date,
      costToBorrowRate: round(borrow, 4),
      shortInterest,
      shortInterestRatio: round(ratio, 4),
      daysToCover: round(shortInterest / volume, 4),
      sharesAvailable: Math.round(floatShares * 0.02 * base.uniform()),
    };
  }

  private known(symbol: string, operation: MarketDataOperation): string {
    const s = symbol.trim().toUpperCase();
    if (!DEMO_SYMBOLS.has(s)) throw notFound(symbol, operation, 'not a symbol of the synthetic demo market');
    return s;
  }

  private marketThrough(date: IsoDate): SyntheticMarket {
    if (!this.market || this.market.through < date) {
      const data = generateMarket(date);
      const index = new Map<string, Map<IsoDate, number>>();
      for (const [symbol, bars] of data.bars) index.set(symbol, new Map(bars.map((b, i) => [b.date, i])));
      this.market = { through: date, data, index };
    }
    return this.market.data;
  }
}

function notFound(symbol: string, operation: MarketDataOperation, why: string): MarketDataError {
  return new MarketDataError('NOT_FOUND', `${SYNTHETIC_PROVIDER_NAME}: ${symbol}: ${why}`, {
    provider: SYNTHETIC_PROVIDER_NAME,
    operation,
    symbol,
  });
}

function checkRange(from: IsoDate, to: IsoDate, symbol: string): void {
  if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
    throw new RangeError(`${SYNTHETIC_PROVIDER_NAME}(${symbol}): need ISO dates with from <= to, got ${from}..${to}`);
  }
}

/** 16:00 New York on `date`, as UTC (20:00Z in daylight time, 21:00Z otherwise). */
function sessionClose(date: IsoDate): string {
  const at20 = Date.parse(`${date}T20:00:00Z`);
  const hourInNewYork = Number(new Intl.DateTimeFormat('en-US', { timeZone: EXCHANGE_TIME_ZONE, hour: 'numeric', hourCycle: 'h23' }).format(at20));
  return new Date(at20 + (16 - hourInNewYork) * 3_600_000).toISOString();
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The registry factory: pass `{ synthetic: SYNTHETIC_PROVIDER_FACTORY }` as `factories` (or use
 * createConfiguredChain) so `MARKET_DATA_PROVIDERS=synthetic` builds this provider.
 */
export const SYNTHETIC_PROVIDER_FACTORY: ProviderFactory = {
  create: (ctx) => new SyntheticProvider(ctx.shared.now ? { now: ctx.shared.now } : {}),
};
