import { describe, expect, it } from 'vitest';
import { isTradingDay, marketHolidays, tradingDays, tradingDaysBetween, previousOrSameTradingDay } from './trading-calendar.js';
import { readFileSync } from 'node:fs';
import { marketFile } from '../../test/support/market-fixtures.js';

describe('US trading calendar', () => {
  it('lists the NYSE holidays of 2024 and 2025 as published by the exchange', () => {
    expect([...marketHolidays(2024)].sort()).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19',
      '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25',
    ]);
    expect([...marketHolidays(2025)].sort()).toEqual([
      '2025-01-01', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19',
      '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25',
    ]);
  });

  it('observes Saturday holidays on Friday and Sunday ones on Monday, but not New Year on a Saturday', () => {
    expect(marketHolidays(2021).has('2021-07-05')).toBe(true); // July 4 2021 was a Sunday
    expect(marketHolidays(2020).has('2020-07-03')).toBe(true); // July 4 2020 was a Saturday
    expect(isTradingDay('2021-12-31')).toBe(true); // Jan 1 2022 was a Saturday: no closure
    expect(isTradingDay('2022-12-26')).toBe(false); // Christmas 2022 was a Sunday
  });

  it('matches every date of the real S&P 500 file (2000-2020): the index traded exactly on trading days', () => {
    const csv = readFileSync(marketFile('sp500_daily_ohlcv_2000_2020.csv'), 'utf8');
    const dates = csv.trim().split('\n').slice(1).map((l) => l.slice(0, 10));
    expect(tradingDays(dates[0], dates[dates.length - 1])).toEqual(dates);
  });

  it('counts staleness in trading days across a weekend and a holiday', () => {
    expect(tradingDaysBetween('2024-11-27', '2024-11-29')).toBe(1); // Thanksgiving in between
    expect(tradingDaysBetween('2024-11-22', '2024-11-25')).toBe(1); // weekend
    expect(tradingDaysBetween('2024-11-25', '2024-11-25')).toBe(0);
    expect(previousOrSameTradingDay('2024-11-24')).toBe('2024-11-22');
  });
});
