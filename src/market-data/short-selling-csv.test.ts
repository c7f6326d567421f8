import { describe, expect, it } from 'vitest';
import { PriceFileError } from './price-csv.js';
import { parseShortSellingCsv } from './short-selling-csv.js';

describe('short-selling CSV parsing', () => {
  it('reads rows, with an optional shares_available column and empty cells as unknown', () => {
    const text = `symbol,date,cost_to_borrow_rate,short_interest,short_interest_ratio,days_to_cover,shares_available
gme,2021-01-27,25.5,71196885,140.5,5.2,100000
AMC,2021-01-27,,1000,,0.4,
`;
    const r = parseShortSellingCsv(text, { file: 'si.csv', today: '2021-01-29' });
    expect(r.rejected).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, symbol: 'GME', metricDate: '2021-01-27', costToBorrowRate: 25.5, shortInterest: 71196885, shortInterestRatio: 140.5, daysToCover: 5.2, sharesAvailable: 100000 },
      { line: 3, symbol: 'AMC', metricDate: '2021-01-27', costToBorrowRate: null, shortInterest: 1000, shortInterestRatio: null, daysToCover: 0.4, sharesAvailable: null },
    ]);
  });

  it('rejects bad rows with the line and the field', () => {
    const text = `symbol,date,cost_to_borrow_rate,short_interest,short_interest_ratio,days_to_cover
GME,2021-01-27,-1,100,1,1
GME,2021-02-30,1,100,1,1
GME,2021-01-28,1,100.5,1,1
GME,2021-01-28,high,100,1,1
GME,2021-03-01,1,100,1,1
GME,2021-01-26,,,,
`;
    const r = parseShortSellingCsv(text, { file: 'si.csv', today: '2021-01-29' });
    expect(r.rows).toEqual([]);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, 'cost_to_borrow_rate -1 is not a non-negative number.'],
      [3, 'date "2021-02-30" is not a valid YYYY-MM-DD date.'],
      [4, 'short_interest 100.5 is not a whole number of shares.'],
      [5, 'cost_to_borrow_rate "high" is not a number.'],
      [6, 'date 2021-03-01 is after today (2021-01-29).'],
      [7, 'no figure is given.'],
    ]);
  });

  it('refuses a file without the required columns', () => {
    expect(() => parseShortSellingCsv('symbol,date,short_interest\n', { file: 'si.csv', today: '2021-01-29' })).toThrow(PriceFileError);
    expect(() => parseShortSellingCsv('symbol,date,short_interest\n', { file: 'si.csv', today: '2021-01-29' })).toThrow(/lacks cost_to_borrow_rate, short_interest_ratio, days_to_cover/);
  });
});
