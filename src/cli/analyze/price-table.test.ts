import { describe, expect, it } from 'vitest';
import { DataError } from './common.js';
import { formatNumber, printJson } from './output.js';
import {
  alignedReturnTable,
  findSeries,
  lastRows,
  parseCsvText,
  parsePriceSpec,
  symbolFromFileName,
  unionReturnTable,
  type LoadedSeries,
  type PriceTable,
} from './price-table.js';

function table(...series: LoadedSeries[]): PriceTable {
  return { files: [...new Set(series.map((s) => s.file))], series };
}

function dataError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('parseCsvText: the three layouts', () => {
  it('long symbol,date,close: one series per symbol, rows in any order, missing cells NaN', () => {
    const s = parseCsvText('symbol,date,close\nB,2024-01-03,11\nA,2024-01-02,100\nB,2024-01-02,10\nA,2024-01-03,\n', 'long.csv');
    expect(s.map((x) => x.name)).toEqual(['B', 'A']);
    expect(s[0].dates).toEqual(['2024-01-02', '2024-01-03']);
    expect(Array.from(s[0].values)).toEqual([10, 11]);
    expect(Number.isNaN(s[1].values[1])).toBe(true);
    expect(s[0].kind).toBe('price');
  });

  it('a per-symbol OHLCV file is one series from adj_close, named by the file name or SYMBOL=', () => {
    const text = 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,1,1,10,5,100\n2024-01-03,1,1,1,11,6,100\n';
    const [s] = parseCsvText(text, '/data/aapl_daily_2024.csv');
    expect([s.name, s.column, s.namedByFile]).toEqual(['AAPL', 'adj_close', true]);
    expect(s.aliases).toEqual(['aapl_daily_2024']);
    expect(Array.from(s.values)).toEqual([5, 6]);
    const [named] = parseCsvText(text, '/data/aapl_daily_2024.csv', { name: 'X', column: 'close' });
    expect([named.name, named.column, named.namedByFile]).toEqual(['X', 'close', false]);
    expect(Array.from(named.values)).toEqual([10, 11]);
  });

  it('wide date,SYM1,SYM2: prices, or returns with --returns; a return column means returns', () => {
    const text = 'date,X,Y\n2024-01-31,0.01,\n2024-02-29,-0.02,0.03\n';
    expect(parseCsvText(text, 'w.csv', { returns: true }).map((s) => [s.name, s.kind])).toEqual([['X', 'return'], ['Y', 'return']]);
    // Without --returns the file holds prices, and a negative one is caught.
    expect(dataError(() => parseCsvText(text, 'w.csv'))).toBe('w.csv line 3: X price -0.02 is not positive (if the file holds returns, add --returns)');
    expect(parseCsvText('symbol,date,return\nA,2024-01-31,-0.5\n', 'r.csv')[0].kind).toBe('return');
  });

  it('--from and --to keep the rows in range', () => {
    const [s] = parseCsvText('date,close\n2024-01-02,1\n2024-01-03,2\n2024-01-04,3\n', 'c.csv', { from: '2024-01-03', to: '2024-01-03' });
    expect(s.dates).toEqual(['2024-01-03']);
  });

  it('rejects bad data with the file and line', () => {
    expect(dataError(() => parseCsvText('symbol,date,close\nX,2024-01-31,-1\n', 'l.csv'))).toBe('l.csv line 2: X price -1 is not positive');
    expect(dataError(() => parseCsvText('when,X\n2024-01-31,1\n', 'w.csv'))).toMatch(/no "date" column/);
    expect(dataError(() => parseCsvText('date,X\n01/31/2024,1\n', 'w.csv'))).toBe('w.csv line 2: date "01/31/2024" is not a date YYYY-MM-DD');
    expect(dataError(() => parseCsvText('date,X,X\n2024-01-31,1,2\n', 'w.csv'))).toBe('w.csv line 1: column "X" appears twice');
    expect(dataError(() => parseCsvText('date,close\n\n2024-01-31,1\n2024-02-01,1,2\n', 'c.csv'))).toBe('c.csv line 4: malformed CSV: 3 fields where the header has 2');
    expect(dataError(() => parseCsvText('symbol,date,close\n', 'c.csv'))).toMatch(/no data rows/);
    expect(dataError(() => parseCsvText('date,close\n2024-01-31,1\n', 'c.csv', { returns: true }))).toMatch(/--returns was given but the values come from the price column "close"/);
  });
});

describe('symbols', () => {
  const a = parseCsvText('date,adj_close\n2024-01-02,1\n2024-01-03,2\n', 'aapl_x.csv')[0];
  const wide = parseCsvText('date,HAM1,ham2\n2024-01-02,1,1\n2024-01-03,2,2\n', 'm.csv');

  it('parses SYMBOL=path and names files by their first word', () => {
    expect(parsePriceSpec('SPX=/d/sp.csv')).toEqual({ name: 'SPX', path: '/d/sp.csv' });
    expect(parsePriceSpec('./a=b.csv')).toEqual({ path: './a=b.csv' });
    expect(symbolFromFileName('/x/sp500_daily_ohlcv_2000_2020.csv')).toBe('SP500');
  });

  it('finds by exact name, case-insensitive name, or file name; reports unknown symbols with the list', () => {
    const t = table(a, ...wide);
    expect(findSeries(t, 'HAM1')).toBe(wide[0]);
    expect(findSeries(t, 'ham1')).toBe(wide[0]);
    expect(findSeries(t, 'aapl_x')).toBe(a);
    expect(dataError(() => findSeries(t, 'ZZZ'))).toBe('unknown symbol "ZZZ": aapl_x.csv, m.csv hold AAPL, HAM1, ham2');
  });

  it('a lone per-symbol file takes the --symbol name', () => {
    const lone = parseCsvText('date,close\n2024-01-02,1\n2024-01-03,2\n', 'whatever.csv')[0];
    expect(findSeries(table(lone), 'MSFT').name).toBe('MSFT');
    const other = parseCsvText('date,close\n2024-01-02,1\n2024-01-03,2\n', 'whatever.csv')[0];
    expect(() => findSeries(table(other), 'MSFT', { nameSingleFile: false })).toThrow(/unknown symbol/);
  });
});

describe('return tables', () => {
  const [p, q] = parseCsvText('date,P,Q\n2024-01-01,100,10\n2024-01-02,110,\n2024-01-03,99,12\n2024-01-04,99,12\n', 'p.csv');

  it('aligned: inner join on prices first, then returns over the same dates', () => {
    const t = alignedReturnTable([p, q]);
    expect(t.dates).toEqual(['2024-01-03', '2024-01-04']);
    expect(t.baseDate).toBe('2024-01-01');
    expect(t.columns[0][0]).toBeCloseTo(-0.01, 15);
    expect(t.columns[1][0]).toBeCloseTo(0.2, 15);
    const last = lastRows(t, 1);
    expect([last.dates, last.baseDate]).toEqual([['2024-01-04'], '2024-01-03']);
    expect(() => lastRows(t, 3)).toThrow(/--window 3 needs 3 returns/);
  });

  it('union (pairwise): a return needs prices on its date and the previous date of the axis', () => {
    const t = unionReturnTable([p, q]);
    expect(t.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(Array.from(t.columns[0], (v) => +v.toFixed(12))).toEqual([0.1, -0.1, 0]);
    expect(Number.isNaN(t.columns[1][0]) && Number.isNaN(t.columns[1][1])).toBe(true);
    expect(t.columns[1][2]).toBe(0);
  });

  it('mixing prices and returns turns each price series into returns on its own dates', () => {
    const [r] = parseCsvText('date,R\n2024-01-03,0.5\n2024-01-04,0.25\n', 'r.csv', { returns: true });
    const t = alignedReturnTable([q, r]);
    expect(t.dates).toEqual(['2024-01-03', '2024-01-04']);
    expect(Array.from(t.columns[0], (v) => +v.toFixed(12))).toEqual([0.2, 0]);
    expect(t.baseDate).toBeNull();
  });
});

describe('output', () => {
  it('prints full precision JSON with typed arrays as arrays and non-finite numbers as null', () => {
    const out: string[] = [];
    printJson({ out: (t) => out.push(t), err: () => {} }, { a: 0.1 + 0.2, b: Float64Array.of(1, Infinity), c: -Infinity });
    expect(JSON.parse(out[0])).toEqual({ a: 0.30000000000000004, b: [1, null], c: null });
  });

  it('formats table numbers with significant digits', () => {
    expect(formatNumber(0.99339171878)).toBe('0.993392');
    expect(formatNumber(0.000711955807, 4)).toBe('0.000712');
    expect(formatNumber(1234.5, 4)).toBe('1235');
    expect(formatNumber(null)).toBe('-');
    expect(formatNumber(1e-9)).toBe('1.00000e-9');
  });
});
