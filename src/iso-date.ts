/**
 * The project's one date type: an ISO calendar date 'YYYY-MM-DD' held as a string (the database
 * returns DATE columns this way on both engines). Arithmetic is on UTC day numbers, so no time zone
 * or daylight-saving shift can move a date.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `s` is a real calendar date written as `YYYY-MM-DD` (2024-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** Day number (days since 1970-01-01) of an ISO date; throws RangeError on anything else. */
export function dayNumber(iso: IsoDate): number {
  if (!isIsoDate(iso)) throw new RangeError(`not an ISO date: ${iso}`);
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** ISO date of a day number. */
export function isoFromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Adds `days` calendar days (negative to go back). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoFromDayNumber(dayNumber(iso) + days);
}

/** The UTC calendar date of an epoch-milliseconds instant. */
export function isoDateFromEpochMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date in an IANA time zone of an epoch-milliseconds instant: the exchange's date
 * ('America/New_York') differs from the UTC date in the evening.
 */
export function isoDateInZone(ms: number, timeZone: string): IsoDate {
  let fmt = DATE_FORMATS.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DATE_FORMATS.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
