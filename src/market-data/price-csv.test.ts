import { describe, expect, it } from 'vitest';
import { parsePriceCsv, PriceFileError, symbolFromFileName } from './price-csv.js';

const YAHOO = `Date,Open,High,Low,Close,Adj Close,Volume
2024-01-02,187.149994,188.440002,183.889999,185.639999,184.532089,82488700
2024-01-03,184.220001,185.880005,183.429993,184.250000,183.150360,58414500
2024-01-04,null,null,null,null,null,null
2024-01-05,181.990005,182.759995,180.169998,181.179993,abc,62303300
`;

describe('price CSV parsing', () => {
  it('reads a Yahoo per-symbol file, taking the symbol from the file name', () => {
    const r = parsePriceCsv(YAHOO, { file: '/tmp/data/aapl.csv' });
    expect(r.layout).toBe('per-symbol');
    expect(r.bars).toEqual([
      { line: 2, symbol: 'AAPL', date: '2024-01-02', open: 187.149994, high: 188.440002, low: 183.889999, close: 185.639999, adjClose: 184.532089, volume: 82488700 },
      { line: 3, symbol: 'AAPL', date: '2024-01-03', open: 184.220001, high: 185.880005, low: 183.429993, close: 184.25, adjClose: 183.15036, volume: 58414500 },
    ]);
    expect(r.rejected).toEqual([
      { line: 4, symbol: 'AAPL', date: '2024-01-04', reason: 'open is missing; high is missing; low is missing; close is missing; volume is missing.' },
      { line: 5, symbol: 'AAPL', date: '2024-01-05', reason: 'adj close "abc" is not a number.' },
    ]);
  });

  it('lets --symbol override the file name and accepts files without Adj Close, in any column order', () => {
    const r = parsePriceCsv('volume,close,low,high,open,date\n100,10.5,10,11,10.2,2001-09-27\n', { file: 'export.csv', symbol: 'brk.b' });
    expect(r.bars).toEqual([{ line: 2, symbol: 'BRK.B', date: '2001-09-27', open: 10.2, high: 11, low: 10, close: 10.5, adjClose: null, volume: 100 }]);
  });

  it('reads the long layout with several symbols and reports bad rows by line', () => {
    const text = 'symbol,date,open,high,low,close,adj_close,volume\r\nmsft,2024-01-02,1,2,0.5,1.5,1.4,10\r\n\r\nSPY,2024-01-02,1,2,0.5,1.5,,10\r\nSPY,01/03/2024,1,2,0.5,1.5,1.5,10\r\n,2024-01-04,1,2,0.5,1.5,1.5,10\r\n';
    const r = parsePriceCsv(text, { file: 'prices.csv' });
    expect(r.layout).toBe('long');
    expect(r.bars.map((b) => [b.line, b.symbol, b.date, b.adjClose])).toEqual([[2, 'MSFT', '2024-01-02', 1.4], [4, 'SPY', '2024-01-02', null]]);
    expect(r.rejected).toEqual([
      { line: 5, symbol: 'SPY', date: '01/03/2024', reason: 'date "01/03/2024" is not a YYYY-MM-DD date.' },
      { line: 6, symbol: '', date: '2024-01-04', reason: 'symbol "" is not a valid ticker.' },
    ]);
  });

  it('rejects the whole file when it is malformed', () => {
    const bad = (text: string, file = 'MSFT.csv', symbol?: string) => {
      try {
        parsePriceCsv(text, { file, ...(symbol ? { symbol } : {}) });
      } catch (e) {
        expect(e).toBeInstanceOf(PriceFileError);
        return (e as Error).message;
      }
      throw new Error('expected a PriceFileError');
    };
    expect(bad('')).toBe('MSFT.csv: is empty (no header row)');
    expect(bad('Date,Open,High,Low,Close\n2024-01-02,1,2,1,1\n')).toMatch(/^MSFT\.csv line 1: the header lacks volume; expected Date,Open,High,Low,Close,Adj Close,Volume/);
    expect(bad('Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,1,1,5\n2024-01-03,1,2\n')).toMatch(/^MSFT\.csv: not a readable CSV file: Invalid Record Length: expect 6, got 3 on line 3/);
    expect(bad('Date,Open,High,Low,Close,Volume,date\n')).toMatch(/names column "date" twice/);
    expect(bad('Date,Open,High,Low,Close,Volume\n', 'my prices (2).csv')).toMatch(/its name gives no valid symbol/);
    expect(bad('symbol,date,open,high,low,close,volume\n', 'x.csv', 'MSFT')).toMatch(/--symbol does not apply/);
  });

  it('takes symbols from file names', () => {
    expect(symbolFromFileName('data/MSFT.csv')).toBe('MSFT');
    expect(symbolFromFileName('brk.b.csv')).toBe('BRK.B');
    expect(symbolFromFileName('^GSPC.CSV')).toBe('^GSPC');
    expect(symbolFromFileName('two words.csv')).toBeNull();
  });
});
