/**
 * Data freshness: how many US trading days the newest prices and factor exposures are behind the
 * last completed session, and what that means.
 *
 * - Latest dates are seed 000's queries: max(date) of market_data_cache and max(calculation_date)
 *   of symbol_factor_exposures.
 * - The expected date is the last completed session: today in New York once the market has closed
 *   (16:00) on a trading day, otherwise the trading day before. Weekends, NYSE holidays and special
 *   closures are skipped (trading-calendar.ts), so Monday morning data from Friday is fresh.
 * - Staleness = trading days after the latest date up to the expected date. Level: 0 'ok',
 *   1 'warning', 2 or more 'critical'. No data at all is 'critical' (seed 000 answered "today" for
 *   an empty table, which would call an empty database fresh).
 * - A historical data set (the real-data demo, freshness.repository.ts historicalDataset) is judged
 *   against its own end date, not today: the expected date is its last trading date, days behind
 *   are counted up to it, and the level is 'historical' ("historical data ending YYYY-MM-DD"), never
 *   stale. Only a dataset with no data at all is still 'critical'.
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { historicalDataset, latestFactorDate, latestPriceDate } from './freshness.repository.js';
import { isTradingDay, previousOrSameTradingDay, tradingDaysBetween, addDays } from './trading-calendar.js';
import { isoDateInZone } from './types.js';

/** How fresh a dataset is; 'historical' for a historical data set that has its data (never stale). */
export type FreshnessLevel = 'ok' | 'warning' | 'critical' | 'historical';

/** Freshness of one dataset. */
export interface DatasetFreshness {
  latestDate: IsoDate | null;
  expectedDate: IsoDate;
  /** Trading days behind the expected date; null when there is no data. */
  tradingDaysBehind: number | null;
  level: FreshnessLevel;
}

/** Freshness of prices and factors, and the worse of the two. */
export interface DataFreshness {
  /** The last completed session, or a historical data set's end date. */
  expectedDate: IsoDate;
  prices: DatasetFreshness;
  factors: DatasetFreshness;
  level: FreshnessLevel;
  /** Set when the database holds a historical data set: its end date is `expectedDate`. */
  historical: { endDate: IsoDate; description: string | null } | null;
}

const EXCHANGE_TIME_ZONE = 'America/New_York';
const CLOSE_MINUTE = 16 * 60;
const LEVEL_ORDER: readonly FreshnessLevel[] = ['ok', 'historical', 'warning', 'critical'];

/** Minutes since midnight in New York at `now`. */
function minutesInNewYork(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: EXCHANGE_TIME_ZONE, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/**
 * The last US session that has closed at `now`.
 *
 * @example
 * lastCompletedSession(new Date('2024-07-05T14:00:00Z')); // '2024-07-03' (10:00 in New York; July 4 is a holiday)
 */
export function lastCompletedSession(now: Date): IsoDate {
  const today = isoDateInZone(now.getTime(), EXCHANGE_TIME_ZONE);
  if (isTradingDay(today) && minutesInNewYork(now) >= CLOSE_MINUTE) return today;
  return previousOrSameTradingDay(addDays(today, -1));
}

/** The level for a number of trading days behind (null = no data). */
export function stalenessLevel(tradingDaysBehind: number | null): FreshnessLevel {
  if (tradingDaysBehind === null || tradingDaysBehind >= 2) return 'critical';
  return tradingDaysBehind === 1 ? 'warning' : 'ok';
}

/** Freshness of a dataset whose newest date is `latestDate`, against `expectedDate`. */
export function assessFreshness(latestDate: IsoDate | null, expectedDate: IsoDate): DatasetFreshness {
  const behind = latestDate === null ? null : tradingDaysBetween(latestDate, expectedDate);
  return { latestDate, expectedDate, tradingDaysBehind: behind, level: stalenessLevel(behind) };
}

/**
 * Freshness of a historical data set's dataset whose newest date is `latestDate`, against the data
 * set's `endDate`: 'historical' when there is data (days behind counted up to the end date), else
 * 'critical'.
 */
export function assessHistorical(latestDate: IsoDate | null, endDate: IsoDate): DatasetFreshness {
  if (latestDate === null) return assessFreshness(null, endDate);
  return { latestDate, expectedDate: endDate, tradingDaysBehind: tradingDaysBetween(latestDate, endDate), level: 'historical' };
}

/**
 * Freshness of stored prices and factor exposures. A historical data set is judged against its own
 * end date (see the module comment). `expectedDate` overrides the last completed session computed
 * from `now` (and a historical data set's end date).
 *
 * @example
 * const f = await dataFreshness(db);
 * if (f.prices.level !== 'ok') logger.warn(f.prices, 'prices are stale');
 */
export async function dataFreshness(db: Kysely<DB>, options: { now?: Date; expectedDate?: IsoDate } = {}): Promise<DataFreshness> {
  const [p, f, h] = await Promise.all([latestPriceDate(db), latestFactorDate(db), options.expectedDate ? null : historicalDataset(db)]);
  const expectedDate = options.expectedDate ?? h?.endDate ?? lastCompletedSession(options.now ?? new Date());
  const assess = h ? assessHistorical : assessFreshness;
  const prices = assess(p, expectedDate);
  const factors = assess(f, expectedDate);
  const level = LEVEL_ORDER[Math.max(LEVEL_ORDER.indexOf(prices.level), LEVEL_ORDER.indexOf(factors.level))];
  return { expectedDate, prices, factors, level, historical: h && { endDate: h.endDate, description: h.description } };
}
