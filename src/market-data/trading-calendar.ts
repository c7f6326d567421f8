/**
 * The US equity trading calendar (NYSE/Nasdaq full-day closures), computed by rule so it holds for
 * any year: New Year's Day, Martin Luther King Jr. Day (3rd Monday of January, from 1998),
 * Washington's Birthday (3rd Monday of February), Good Friday, Memorial Day (last Monday of May),
 * Juneteenth (June 19, from 2022), Independence Day, Labor Day (1st Monday of September),
 * Thanksgiving (4th Thursday of November) and Christmas. A holiday on a Saturday is observed on the
 * Friday before and one on a Sunday on the Monday after, except that New Year's Day on a Saturday
 * is not observed (NYSE rule 7.2). One-off closures (9/11 2001, Hurricane Sandy 2012, national days
 * of mourning) are listed explicitly. Dates are ISO 'YYYY-MM-DD' strings in the exchange's calendar.
 */

import { addDays, dayNumber, isoFromDayNumber } from '../iso-date.js';

export { addDays, dayNumber, isoFromDayNumber };

const MS_PER_DAY = 86_400_000;

const SPECIAL_CLOSURES = new Set([
  '2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', // September 11 attacks
  '2004-06-11', // President Reagan's funeral
  '2007-01-02', // President Ford's funeral
  '2012-10-29', '2012-10-30', // Hurricane Sandy
  '2018-12-05', // President G. H. W. Bush's funeral
  '2025-01-09', // President Carter's funeral
]);

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function weekday(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last. */
function nthWeekday(y: number, m: number, dow: number, n: number): string {
  if (n > 0) {
    const first = weekday(y, m, 1);
    return ymd(y, m, 1 + ((dow - first + 7) % 7) + (n - 1) * 7);
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday(y, m, lastDay);
  return ymd(y, m, lastDay - ((last - dow + 7) % 7));
}

/** Easter Sunday (Gregorian), by the anonymous Meeus/Jones/Butcher algorithm. */
function easter(y: number): string {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

function observed(y: number, m: number, d: number): string | null {
  const dow = weekday(y, m, d);
  if (dow === 6) return m === 1 && d === 1 ? null : addDays(ymd(y, m, d), -1);
  if (dow === 0) return addDays(ymd(y, m, d), 1);
  return ymd(y, m, d);
}

const holidayCache = new Map<number, Set<string>>();

/** The full-day market holidays of a year (observed dates). */
export function marketHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = [
    observed(year, 1, 1),
    year >= 1998 ? nthWeekday(year, 1, 1, 3) : null,
    nthWeekday(year, 2, 1, 3),
    addDays(easter(year), -2),
    nthWeekday(year, 5, 1, -1),
    year >= 2022 ? observed(year, 6, 19) : null,
    observed(year, 7, 4),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 11, 4, 4),
    observed(year, 12, 25),
  ].filter((d): d is string => d !== null);
  // New Year's Day of next year falling on a Saturday is not observed on Dec 31 (handled in observed()).
  const set = new Set(days);
  holidayCache.set(year, set);
  return set;
}

/** True on a weekday that is not a market holiday or special closure. */
export function isTradingDay(iso: string): boolean {
  const dow = new Date(dayNumber(iso) * MS_PER_DAY).getUTCDay();
  if (dow === 0 || dow === 6) return false;
  if (SPECIAL_CLOSURES.has(iso)) return false;
  return !marketHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** Trading days in [from, to], inclusive, in order. */
export function tradingDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) {
    const iso = isoFromDayNumber(d);
    if (isTradingDay(iso)) out.push(iso);
  }
  return out;
}

/** The last trading day on or before `iso`. */
export function previousOrSameTradingDay(iso: string): string {
  let d = dayNumber(iso);
  while (!isTradingDay(isoFromDayNumber(d))) d--;
  return isoFromDayNumber(d);
}

/**
 * Trading days strictly after `from` up to and including `to`: how many sessions a price dated
 * `from` is behind when it is `to` (0 when `to` is not after `from`).
 */
export function tradingDaysBetween(from: string, to: string): number {
  if (dayNumber(to) <= dayNumber(from)) return 0;
  return tradingDays(addDays(from, 1), to).length;
}
