import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, isIsoDate, isoDateInZone, isoFromDayNumber } from './iso-date.js';

describe('ISO dates', () => {
  it('accept only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-2-01')).toBe(false);
    expect(() => dayNumber('2024-02-30')).toThrow(RangeError);
  });

  it('do arithmetic across month, year and daylight-saving boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11'); // US DST starts
    expect(addDays('2024-11-03', -365)).toBe('2023-11-04');
    expect(isoFromDayNumber(dayNumber('1987-10-19'))).toBe('1987-10-19');
  });

  it('give the exchange date, not the UTC date, in the New York evening', () => {
    const evening = Date.parse('2026-11-21T02:30:00Z'); // 21:30 on Nov 20 in New York
    expect(isoDateInZone(evening, 'America/New_York')).toBe('2026-11-20');
    expect(isoDateInZone(evening, 'UTC')).toBe('2026-11-21');
  });
});
