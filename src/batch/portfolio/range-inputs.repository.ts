/**
 * The inputs of one portfolio's refresh over a range of trading days, read once for the range (a
 * backfill, a recompute after a back-dated cash flow, the first start's history) instead of once per
 * day: the factor ETFs' and the underlyings' adjusted closes over the range and its first window, the
 * closes, betas, factor covariances and short-selling metrics of every day of the range. Each day's
 * {@link SharedInputs} is then built in memory and equals, value for value, what
 * {@link sharedInputs} and {@link loadSymbolInputs} read for that day alone (test/batch/portfolio-range.test.ts).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { createMatrix } from '../../analytics/linear-algebra.js';
import type { PortfolioPosition, PreviousSnapshot, PriceInput } from '../../analytics/portfolio-risk.js';
import type { ShortSellingMetrics } from '../../analytics/short-squeeze.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { addDays } from '../../iso-date.js';
import { adjustedCloses, type AdjustedCloseSeries } from '../../market-data/adjusted-prices.repository.js';
import { SYNTHETIC_DATA_SOURCE } from '../../market-data/synthetic-source.js';
import { DEFAULT_BETA_WINDOW, calendarReturns, commonDates, factorWindowOf, factorWindowStart, lowerBound } from '../symbol/factor-exposures.js';
import { factorEtfs, lastCloses, loadScenarios, loadShortSelling, type SharedInputs } from './portfolio-inputs.repository.js';
import { asStoredNumeric, factorIdsByName, rollForwardColumns, type RollForwardFigures } from './portfolio-results.repository.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Values of one symbol by date, ascending, as read for a range. */
interface Dated<T> {
  dates: IsoDate[];
  values: T[];
}

/** The latest value dated on or before D of an ascending series, or undefined. */
function asOf<T>(series: Dated<T> | undefined, date: IsoDate): T | undefined {
  if (!series) return undefined;
  const i = lowerBound(series.dates, `${date}\uffff`) - 1;
  return i >= 0 ? series.values[i] : undefined;
}

/** Appends a value to a symbol's series in a map of series. */
function push<T>(into: Map<string, Dated<T>>, symbol: string, date: IsoDate, value: T): void {
  let s = into.get(symbol);
  if (!s) into.set(symbol, (s = { dates: [], values: [] }));
  s.dates.push(date);
  s.values.push(value);
}

/**
 * What a range refresh reads once for its days: plain data (maps, arrays, typed arrays) that a worker
 * thread can receive whole; {@link dayInputsOf} builds a day's inputs from it.
 */
export interface RangeData {
  first: IsoDate;
  last: IsoDate;
  symbols: string[];
  etfs: SharedInputs['etfs'];
  factorIds: Map<string, string>;
  scenarios: SharedInputs['scenarios'];
  etfPrices: Map<string, AdjustedCloseSeries>;
  common: IsoDate[];
  history: Map<string, AdjustedCloseSeries>;
  closesBefore: Record<string, PriceInput>;
  closes: Map<string, Dated<PriceInput>>;
  betas: Map<string, { single?: Record<string, number>; style?: Record<string, number> }>;
  covariances: Map<IsoDate, SharedInputs['covariance']>;
  shortBefore: Record<string, ShortSellingMetrics>;
  shorts: Map<string, Dated<ShortSellingMetrics>>;
}

/** Reads the range data of `symbols` (positions' symbols and underlyings) for the ascending trading days `days`. */
export async function loadRangeData(db: Db, days: readonly IsoDate[], symbols: readonly string[]): Promise<RangeData> {
  const first = days[0], last = days.at(-1)!;
  const all = [...new Set(symbols)].sort();
  const from = factorWindowStart(first, DEFAULT_BETA_WINDOW);
  const etfs = await factorEtfs(db);
  const [factorIds, scenarios, etfPrices, history, closesBefore, closes, betas, covariances, shortBefore, shorts] = await Promise.all([
    factorIdsByName(db),
    loadScenarios(db),
    adjustedCloses(db as Kysely<DB>, etfs.etfs, from, last),
    adjustedCloses(db as Kysely<DB>, all, from, last),
    lastCloses(db, all, first),
    closesBetween(db, all, first, last),
    betasBetween(db, all, first, last),
    covariancesBetween(db, first, last),
    loadShortSelling(db, all, first),
    shortSellingBetween(db, all, first, last),
  ]);
  return {
    first, last, symbols: all, etfs, factorIds, scenarios, etfPrices, common: commonDates(etfs.etfs, etfPrices), history, closesBefore, closes,
    betas, covariances, shortBefore, shorts,
  };
}

/** D's {@link SharedInputs} from the range's data, holding exactly the range's symbols. */
export function dayInputsOf(data: RangeData, date: IsoDate): SharedInputs {
  if (date < data.first || date > data.last) throw new Error(`${date} is outside the range read (${data.first}..${data.last})`);
  const onCommon = commonReturns(data);
  const window = factorWindowOf(data.etfs.etfs, data.etfPrices, date, DEFAULT_BETA_WINDOW, data.common,
    (etf, start, count) => onCommon(`etf ${etf}`, data.etfPrices.get(etf)).subarray(start, start + count));
  const start = 'reason' in window ? 0 : lowerBound(data.common, window.dates[0]);
  const single: Record<string, Record<string, number>> = {}, style: Record<string, Record<string, number>> = {};
  const day: SharedInputs = {
    date, etfs: data.etfs, window, covariance: data.covariances.get(date) ?? { names: [], covariance: createMatrix(0, 0) }, scenarios: data.scenarios,
    factorIds: data.factorIds, symbols: { loaded: new Set(), prices: {}, returns: {}, betas: { single, style }, shortSelling: {} },
  };
  const into = day.symbols;
  for (const x of data.symbols) {
    const price = asOf(data.closes.get(x), date) ?? data.closesBefore[x];
    if (price) into.prices[x] = price;
    // loadHistory's rule: a symbol with a price in the window's span has returns on its calendar.
    const series = data.history.get(x);
    if (!('reason' in window) && series && hasPriceBetween(series, window.dates[0], date)) into.returns[x] = onCommon(x, series).subarray(start, start + window.dates.length - 1);
    const b = data.betas.get(`${x}|${date}`);
    if (b?.single) single[x] = b.single;
    if (b?.style) style[x] = b.style;
    const short = asOf(data.shorts.get(x), date) ?? data.shortBefore[x];
    if (short) into.shortSelling[x] = short;
    into.loaded.add(x);
  }
  return day;
}

const onCommonCalendar = new WeakMap<RangeData, Map<string, Float64Array>>();

/**
 * A reader of each symbol's {@link calendarReturns} on the range's whole factor calendar (`common`),
 * computed once per range and series (keyed by the caller): return t is from common[t] to common[t + 1], so a day's window
 * starting at common[s] has returns t = s .. s + windowDays - 1, the same numbers calendarReturns
 * gives on the window's dates (each return depends only on its two consecutive calendar dates).
 * A day's windows are views of these arrays (subarray, no copy): the analytics only read them.
 */
function commonReturns(data: RangeData): (key: string, series: AdjustedCloseSeries | undefined) => Float64Array {
  let cache = onCommonCalendar.get(data);
  if (!cache) onCommonCalendar.set(data, (cache = new Map()));
  const into = cache;
  return (key, series) => {
    let r = into.get(key);
    if (!r) into.set(key, (r = calendarReturns(data.common, series)));
    return r;
  };
}

function hasPriceBetween(series: AdjustedCloseSeries, from: IsoDate, to: IsoDate): boolean {
  const i = lowerBound(series.dates, from);
  return i < series.dates.length && series.dates[i] <= to;
}

/** Closes of `symbols` dated in (from, to], by symbol, ascending. */
async function closesBetween(db: Db, symbols: readonly string[], from: IsoDate, to: IsoDate): Promise<Map<string, Dated<PriceInput>>> {
  const out = new Map<string, Dated<PriceInput>>();
  if (symbols.length === 0 || from >= to) return out;
  const rows = await sql<{ symbol: string; dates: IsoDate[]; closes: number[]; sources: string[] }>`
    select symbol, array_agg(date order by date) as dates, array_agg(close order by date) as closes, json_agg(data_source order by date) as sources
    from market_data_cache
    where symbol = any(${[...symbols]}::varchar[]) and date > ${from}::date and date <= ${to}::date
    group by symbol`.execute(db);
  for (const r of rows.rows) {
    out.set(r.symbol, { dates: r.dates, values: r.dates.map((date, i) => ({ close: Number(r.closes[i]), date, synthetic: r.sources[i] === SYNTHETIC_DATA_SOURCE })) });
  }
  return out;
}

/** Betas of `symbols` on each day in [from, to] (loadBetas' rows), keyed `symbol|date`. */
async function betasBetween(db: Db, symbols: readonly string[], from: IsoDate, to: IsoDate): Promise<Map<string, { single?: Record<string, number>; style?: Record<string, number> }>> {
  const out = new Map<string, { single?: Record<string, number>; style?: Record<string, number> }>();
  if (symbols.length === 0) return out;
  // One row per symbol with its rows as arrays (about 10 per symbol and day), not one object per row;
  // text as JSON arrays (parsed natively, where a text[] literal is parsed character by character).
  const rows = await sql<{ symbol: string; dates: IsoDate[]; names: string[]; betas: number[]; methods: string[] }>`
    select e.symbol, array_agg(e.calculation_date) as dates, json_agg(f.name) as names, array_agg(e.beta_value) as betas,
      json_agg(e.calculation_method) as methods
    from symbol_factor_exposures e join factor_definitions f on f.id = e.factor_id
    where e.symbol = any(${[...symbols]}::varchar[]) and e.calculation_date between ${from}::date and ${to}::date
      and e.window_days = ${DEFAULT_BETA_WINDOW} and e.calculation_method in ('ols_single', 'ridge')
    group by e.symbol`.execute(db);
  for (const r of rows.rows) {
    for (let i = 0; i < r.dates.length; i++) {
      const key = `${r.symbol}|${r.dates[i]}`;
      let b = out.get(key);
      if (!b) out.set(key, (b = {}));
      (r.methods[i] === 'ridge' ? (b.style ??= {}) : (b.single ??= {}))[r.names[i]] = Number(r.betas[i]);
    }
  }
  return out;
}

/** The sample factor covariance (lookback 252) of each day in [from, to], as loadFactorCovariance reads one day's. */
async function covariancesBetween(db: Db, from: IsoDate, to: IsoDate): Promise<Map<IsoDate, SharedInputs['covariance']>> {
  const rows = await sql<{ date: IsoDate; a: string[]; b: string[]; c: number[] }>`
    select c.calculation_date as date, json_agg(f1.name) as a, json_agg(f2.name) as b, array_agg(c.covariance) as c
    from factor_covariance c join factor_definitions f1 on f1.id = c.factor1_id join factor_definitions f2 on f2.id = c.factor2_id
    where c.calculation_date between ${from}::date and ${to}::date and c.lookback_days = ${DEFAULT_BETA_WINDOW} and c.decay_lambda = 1
    group by c.calculation_date`.execute(db);
  const out = new Map<IsoDate, SharedInputs['covariance']>();
  for (const r of rows.rows) {
    const names = [...new Set([...r.a, ...r.b])].sort();
    const n = names.length;
    const at = new Map(names.map((f, i) => [f, i]));
    const covariance = createMatrix(n, n, new Float64Array(n * n).fill(NaN));
    for (let k = 0; k < r.c.length; k++) {
      const i = at.get(r.a[k]) as number, j = at.get(r.b[k]) as number;
      covariance.data[i * n + j] = Number(r.c[k]);
      covariance.data[j * n + i] = Number(r.c[k]);
    }
    out.set(r.date, { names, covariance });
  }
  return out;
}

/** Short-selling metrics of `symbols` dated in (from, to] that have both fields, by symbol, ascending. */
async function shortSellingBetween(db: Db, symbols: readonly string[], from: IsoDate, to: IsoDate): Promise<Map<string, Dated<ShortSellingMetrics>>> {
  const out = new Map<string, Dated<ShortSellingMetrics>>();
  if (symbols.length === 0 || from >= to) return out;
  const rows = await sql<{ symbol: string; metric_date: IsoDate; cost_to_borrow_rate: number; days_to_cover: number }>`
    select symbol, metric_date, cost_to_borrow_rate, days_to_cover from short_selling_metrics
    where symbol = any(${[...symbols]}::varchar[]) and metric_date > ${from}::date and metric_date <= ${to}::date
      and cost_to_borrow_rate is not null and days_to_cover is not null
    order by symbol, metric_date`.execute(db);
  for (const r of rows.rows) push(out, r.symbol, r.metric_date, { costToBorrowRate: Number(r.cost_to_borrow_rate), daysToCover: Number(r.days_to_cover) });
  return out;
}

/** A stored daily snapshot's roll-forward fields, as loadRollForward reads them (null where the column is). */
export interface StoredRollForward {
  date: IsoDate;
  equity: number | null;
  totalPnl: number | null;
  cumulativePnl: number | null;
  timeWeightedReturn: number | null;
}

/**
 * One portfolio's roll-forward over a range, in memory: the stored daily snapshots the range starts
 * from and the cash flows of the range, then each computed day as it will be stored (money in cents,
 * the return at the column's 10 decimals), so day D + 1 continues from exactly what a refresh of
 * D + 1 alone would read (loadRollForward).
 */
export class RangeRollForward {
  private readonly snapshotDates: IsoDate[];

  private constructor(
    private readonly snapshots: StoredRollForward[],
    private readonly flows: Dated<number>,
  ) {
    this.snapshotDates = snapshots.map((s) => s.date);
  }

  /** Reads the portfolio's snapshots from the last one before `first` up to `last`, and its cash flows after it up to `last`. */
  static async load(db: Db, portfolioId: string, first: IsoDate, last: IsoDate): Promise<RangeRollForward> {
    const snaps = await sql<{ snapshot_date: IsoDate; equity_value: string | null; total_pnl: string | null; cumulative_pnl: string | null; time_weighted_return: string | null }>`
      select snapshot_date, equity_value, total_pnl, cumulative_pnl, time_weighted_return from portfolio_snapshots
      where portfolio_id = ${portfolioId}::uuid and frequency = 'daily' and snapshot_date <= ${last}::date
        and snapshot_date >= coalesce((select max(snapshot_date) from portfolio_snapshots
          where portfolio_id = ${portfolioId}::uuid and frequency = 'daily' and snapshot_date < ${first}::date), ${first}::date)
      order by snapshot_date`.execute(db);
    const num = (x: string | null) => (x === null ? null : Number(x));
    const snapshots = snaps.rows.map((r) => ({
      date: r.snapshot_date, equity: num(r.equity_value), totalPnl: num(r.total_pnl), cumulativePnl: num(r.cumulative_pnl), timeWeightedReturn: num(r.time_weighted_return),
    }));
    const since = snapshots[0] && snapshots[0].date < first ? snapshots[0].date : first;
    const flows = await sql<{ flow_date: IsoDate; cents: string }>`
      select flow_date, sum(round(amount * 100))::text as cents from portfolio_cash_flows
      where portfolio_id = ${portfolioId}::uuid and flow_date >= ${since}::date and flow_date <= ${last}::date
      group by flow_date order by flow_date`.execute(db);
    return new RangeRollForward(snapshots, { dates: flows.rows.map((r) => r.flow_date), values: flows.rows.map((r) => Number(r.cents)) });
  }

  /**
   * D's previous snapshot and cash flows, as loadRollForward would read them with every day before D
   * stored: the latest snapshot before D (null without equity or P&L), and the flows after it up to D
   * (only D's without one), summed in cents as the database sums NUMERIC(18, 2).
   */
  at(date: IsoDate): { previous: PreviousSnapshot | null; cashFlows: number } {
    const i = lowerBound(this.snapshotDates, date) - 1;
    const prev = i >= 0 ? this.snapshots[i] : null;
    const usable = prev !== null && prev.equity !== null && prev.totalPnl !== null;
    const previous = !usable ? null : {
      date: prev.date, equity: prev.equity!, totalPnl: prev.totalPnl!, cumulativePnl: prev.cumulativePnl ?? prev.totalPnl!,
      timeWeightedReturn: prev.timeWeightedReturn ?? 0,
    };
    const after = usable ? prev.date : addDays(date, -1);
    let cents = 0;
    for (let k = lowerBound(this.flows.dates, `${after}\uffff`); k < this.flows.dates.length && this.flows.dates[k] <= date; k++) cents += this.flows.values[k];
    return { previous, cashFlows: cents / 100 };
  }

  /** Records D's snapshot as stored (replacing a stored one of D). */
  record(s: StoredRollForward): void {
    const at = lowerBound(this.snapshotDates, s.date);
    if (this.snapshots[at]?.date === s.date) this.snapshots[at] = s;
    else {
      this.snapshots.splice(at, 0, s);
      this.snapshotDates.splice(at, 0, s.date);
    }
  }

  /** The dates of the snapshots it holds, ascending. */
  dates(): IsoDate[] {
    return [...this.snapshotDates];
  }
}

/** Positions on D (entered on or before D) of the range's positions (ascending by entry date, then id), in the same order. */
export function positionsOn(positions: readonly PortfolioPosition[], date: IsoDate): PortfolioPosition[] {
  return positions.filter((p) => p.entryDate <= date);
}

/** A day's roll-forward as stored (rollForwardColumns) and as the database returns it. */
export function storedRollForward(date: IsoDate, r: RollForwardFigures): StoredRollForward {
  const c = rollForwardColumns(r);
  return {
    date, equity: asStoredNumeric(c.equity_value, 2), totalPnl: asStoredNumeric(c.total_pnl, 2),
    cumulativePnl: asStoredNumeric(c.cumulative_pnl, 2), timeWeightedReturn: asStoredNumeric(c.time_weighted_return, 10),
  };
}
