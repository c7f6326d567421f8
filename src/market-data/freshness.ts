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
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { latestFactorDate, latestPriceDate } from './freshness.repository.js';
import { isTradingDay, previousOrSameTradingDay, tradingDaysBetween, addDays } from './trading-calendar.js';
import { isoDateInZone } from './types.js';

/** How fresh a dataset is. */
export type FreshnessLevel = 'ok' | 'warning' | 'critical';

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
  expectedDate: IsoDate;
  prices: DatasetFreshness;
  factors: DatasetFreshness;
  level: FreshnessLevel;
}

const EXCHANGE_TIME_ZONE = 'America/New_York';
const CLOSE_MINUTE = 16 * 60;
const LEVEL_ORDER: readonly FreshnessLevel[] = ['ok', 'warning', 'critical'];

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
 * Freshness of stored prices and factor exposures. `expectedDate` overrides the last completed
 * session computed from `now`.
 *
 * @example
 * const f = await dataFreshness(db);
 * if (f.prices.level !== 'ok') logger.warn(f.prices, 'prices are stale');
 */
export async function dataFreshness(db: Kysely<DB>, options: { now?: Date; expectedDate?: IsoDate } = {}): Promise<DataFreshness> {
  const expectedDate = options.expectedDate ?? lastCompletedSession(options.now ?? new Date());
  const [p, f] = await Promise.all([latestPriceDate(db), latestFactorDate(db)]);
  const prices = assessFreshness(p, expectedDate);
  const factors = assessFreshness(f, expectedDate);
  const level = LEVEL_ORDER[Math.max(LEVEL_ORDER.indexOf(prices.level), LEVEL_ORDER.indexOf(factors.level))];
  return { expectedDate, prices, factors, level };
}
