/**
 * The real market-data CSVs the golden and integration tests read, all inside the repository:
 * - `data/real/` holds the three series the `--real` demo ships (DJ30 closes, NYSE Composite, S&P 500);
 * - `test/fixtures/market/` holds the others the tests need (AAPL, MSFT, monthly prices, managers, EDHEC).
 * Each folder's README gives every file's source, license and shape. A file is found in exactly one of them.
 *
 * The files are simple: a header row, `,` separators, no quoting, ISO dates, and an empty field for a
 * missing value, so plain string splitting is enough. Missing values become NaN.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FOLDERS = [new URL('../../data/real/', import.meta.url), new URL('../fixtures/market/', import.meta.url)];

/** Absolute path of one market-data file, from data/real/ or test/fixtures/market/. */
export function marketFile(file: string): string {
  for (const folder of FOLDERS) {
    const candidate = fileURLToPath(new URL(file, folder));
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`market fixture ${file} is in neither data/real/ nor test/fixtures/market/`);
}

/** Parsed CSV: header names and the raw string cells of each row. */
export interface MarketCsv {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A dated numeric series, dates ascending (ISO strings), NaN for missing. */
export interface DatedValues {
  readonly dates: string[];
  readonly values: Float64Array;
}

const cache = new Map<string, MarketCsv>();

/** Reads and splits one market-data file (cached per file). */
export function readMarketCsv(file: string): MarketCsv {
  const hit = cache.get(file);
  if (hit) return hit;
  const text = readFileSync(marketFile(file), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const rows = lines.slice(1).map((l) => l.split(','));
  const csv = { header, rows };
  cache.set(file, csv);
  return csv;
}

function toNumber(cell: string | undefined): number {
  return cell === undefined || cell === '' ? NaN : Number(cell);
}

/** One numeric column of a wide file keyed by `date` (e.g. `adj_close` of the AAPL file). */
export function readColumn(file: string, column: string): DatedValues {
  const { header, rows } = readMarketCsv(file);
  const d = header.indexOf('date');
  const c = header.indexOf(column);
  if (d < 0 || c < 0) throw new Error(`${file} has no column ${column}`);
  return { dates: rows.map((r) => r[d]), values: Float64Array.from(rows, (r) => toNumber(r[c])) };
}

/** One symbol of a long file `symbol,date,<valueColumn>` (the DJ30 and monthly price files). */
export function readSymbol(file: string, symbol: string, valueColumn: string): DatedValues {
  const { header, rows } = readMarketCsv(file);
  const s = header.indexOf('symbol'), d = header.indexOf('date'), v = header.indexOf(valueColumn);
  const picked = rows.filter((r) => r[s] === symbol);
  if (picked.length === 0) throw new Error(`${file} has no symbol ${symbol}`);
  picked.sort((a, b) => (a[d] < b[d] ? -1 : a[d] > b[d] ? 1 : 0));
  return { dates: picked.map((r) => r[d]), values: Float64Array.from(picked, (r) => toNumber(r[v])) };
}

/**
 * DJ30 closes for one symbol with the known quirk removed: the 1990-12-31 row repeats the
 * 1991-01-02 values, so it is dropped (see data/real/README.md).
 */
export function readDj30(symbol: string): DatedValues {
  const all = readSymbol('dj30_daily_close_1990_2001.csv', symbol, 'close');
  const keep = all.dates.map((date, i) => (date === '1990-12-31' ? -1 : i)).filter((i) => i >= 0);
  return { dates: keep.map((i) => all.dates[i]), values: Float64Array.from(keep, (i) => all.values[i]) };
}

/** The managers file (monthly returns, decimal) as named columns plus dates. */
export function readManagers(): { dates: string[]; columns: Record<string, Float64Array> } {
  const { header, rows } = readMarketCsv('managers_monthly_returns_1996_2006.csv');
  const columns: Record<string, Float64Array> = {};
  header.forEach((name, j) => {
    if (name !== 'date') columns[name] = Float64Array.from(rows, (r) => toNumber(r[j]));
  });
  return { dates: rows.map((r) => r[header.indexOf('date')]), columns };
}

/**
 * Real series standing in for the nine factor ETFs, 1991-2000: the NYSE Composite for SPY, and Dow
 * stocks for the others (AXP, BA, CAT, DD, DIS, MMM, MO, PG: distinct series, so the symbol batch's
 * style regressions are well posed). For tests that onboard other Dow stocks against them.
 */
export function factorEtfStandIns(): Record<string, DatedValues> {
  return {
    SPY: readColumn('nyse_composite_daily_1966_2002.csv', 'close'), MTUM: readDj30('AXP'), VTV: readDj30('BA'), VUG: readDj30('CAT'), QUAL: readDj30('DD'),
    IWM: readDj30('DIS'), SPLV: readDj30('MMM'), TLT: readDj30('MO'), USO: readDj30('PG'),
  };
}

/** The stand-ins of {@link factorEtfStandIns} as stored bars (close only). */
export function factorEtfBars(): { symbol: string; date: string; open: null; high: null; low: null; close: number; adjustedClose: null; volume: null; dataSource: string }[] {
  return Object.entries(factorEtfStandIns()).flatMap(([symbol, s]) => s.dates.map((date, i) => ({
    symbol, date, open: null, high: null, low: null, close: s.values[i], adjustedClose: null, volume: null, dataSource: 'real-fixture',
  })));
}
