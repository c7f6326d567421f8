/**
 * Reads one portfolio's inputs to the portfolio refresh for a trading day D from stored data only
 * (docs/portfolio-risk.md, "Inputs"): positions with tags and classification, last closes, the
 * factor calendar's return history, the symbol batch's betas and factor covariance, scenarios,
 * short-selling metrics, the previous snapshot and cash flows.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { createMatrix } from '../../analytics/linear-algebra.js';
import type { PortfolioPosition, PortfolioRiskInput, PreviousSnapshot, PriceInput, ScenarioInput } from '../../analytics/portfolio-risk.js';
import type { ShortSellingMetrics } from '../../analytics/short-squeeze.js';
import { PREPARED } from '../../db/raw-pg-client.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { adjustedCloses } from '../../market-data/adjusted-prices.repository.js';
import { factorIdsByName } from './portfolio-results.repository.js';
import { SYNTHETIC_DATA_SOURCE } from '../../market-data/synthetic-source.js';
import { DEFAULT_BETA_WINDOW, SINGLE_FACTORS, STYLE_FACTORS, calendarReturns, loadFactorWindow } from '../symbol/factor-exposures.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The latest change among a portfolio's positions (deleted ones included): the latest of their
 * created_at and updated_at (every writer of positions sets it) and of their tags' created_at; null
 * when it never had a position. The same expression the sweep compares (batch-service.ts).
 */
export const POSITIONS_CHANGED_AT = sql<Date | null>`(
  select max(greatest(p.updated_at, p.created_at, coalesce((select max(pt.created_at) from position_tags pt where pt.position_id = p.id), p.created_at)))
  from positions p where p.portfolio_id = f.id)`;

/** The portfolio's positions that exist on D (not deleted, entered on or before D), with tags and classification. */
export async function loadPositions(db: Db, portfolioId: string, date: IsoDate): Promise<PortfolioPosition[]> {
  const rows = await db
    .selectFrom('positions as p')
    .modifyFront(sql.raw(PREPARED))
    .leftJoin('symbol_universe as u', (j) => j.on(sql`u.symbol`, '=', sql`coalesce(p.underlying_symbol, p.symbol)`))
    .select([
      'p.id', 'p.symbol', 'p.position_type', 'p.quantity', 'p.entry_price', 'p.entry_date', 'p.exit_price', 'p.exit_date',
      'p.underlying_symbol', 'p.strike_price', 'p.expiration_date', 'u.sector', 'u.industry',
      sql<string[]>`coalesce((select array_agg(t.name order by t.name) from position_tags pt join tags t on t.id = pt.tag_id
        where pt.position_id = p.id and t.deleted_at is null), '{}')`.as('tags'),
    ])
    .where('p.portfolio_id', '=', portfolioId)
    .where('p.deleted_at', 'is', null)
    .where('p.entry_date', '<=', date)
    .orderBy('p.entry_date')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, symbol: r.symbol, positionType: r.position_type, quantity: r.quantity, entryPrice: r.entry_price, entryDate: r.entry_date,
    exitPrice: r.exit_price, exitDate: r.exit_date, underlying: r.underlying_symbol, strike: r.strike_price, expiry: r.expiration_date,
    sector: r.sector, industry: r.industry, tags: r.tags,
  }));
}

/** Last close on or before `date` of each symbol, with its date and whether it is synthetic. */
export async function lastCloses(db: Db, symbols: readonly string[], date: IsoDate): Promise<Record<string, PriceInput>> {
  const out: Record<string, PriceInput> = {};
  if (symbols.length === 0) return out;
  const rows = await sql<{ symbol: string; date: IsoDate; close: number; data_source: string }>`
    select distinct on (symbol) symbol, date, close, data_source
    from market_data_cache
    where symbol = any(${[...new Set(symbols)]}::varchar[]) and date <= ${date}::date
    order by symbol, date desc`.execute(db);
  for (const r of rows.rows) out[r.symbol] = { close: Number(r.close), date: r.date, synthetic: r.data_source === SYNTHETIC_DATA_SOURCE };
  return out;
}

/** The factor ETFs of the style and single-factor models, by factor name. */
export async function factorEtfs(db: Db): Promise<{ names: string[]; etfs: string[]; durations: Record<string, number> }> {
  const rows = await db.selectFrom('factor_definitions').select(['name', 'etf_proxy', 'proxy_duration_years'])
    .where('is_active', '=', true).where('etf_proxy', 'is not', null).orderBy('display_order').execute();
  const durations: Record<string, number> = {};
  for (const r of rows) if (r.proxy_duration_years !== null) durations[r.name] = r.proxy_duration_years;
  return { names: rows.map((r) => r.name), etfs: rows.map((r) => r.etf_proxy as string), durations };
}

/**
 * What every portfolio of one day shares: the factor ETFs and durations, the factor calendar, the
 * factor covariance, the scenarios and the factors' ids; and the symbol-level inputs (closes, return
 * history, betas, short-selling metrics), read for many symbols at once and kept for the day. These
 * are written by the symbol batch only, so a chunk of portfolios reads them once ({@link sharedInputs},
 * {@link loadSymbolInputs}) outside the portfolios' transactions.
 */
export interface SharedInputs {
  date: IsoDate;
  etfs: Awaited<ReturnType<typeof factorEtfs>>;
  window: Awaited<ReturnType<typeof loadFactorWindow>>;
  covariance: Awaited<ReturnType<typeof loadFactorCovariance>>;
  scenarios: ScenarioInput[];
  factorIds: Map<string, string>;
  symbols: SymbolInputs;
}

/** Symbol-level inputs of D by symbol, for the symbols read so far. */
export interface SymbolInputs {
  loaded: Set<string>;
  /** Symbols read and found without data, not read again while this set is kept (a chunk's own; see loadSymbolInputs). */
  absent?: Set<string>;
  prices: Record<string, PriceInput>;
  returns: Record<string, Float64Array>;
  betas: PortfolioRiskInput['betas'];
  shortSelling: Record<string, ShortSellingMetrics>;
}

/** Reads the inputs shared by every portfolio of D (symbol-level inputs are added by {@link loadSymbolInputs}). */
export async function sharedInputs(db: Db, date: IsoDate): Promise<SharedInputs> {
  const etfs = await factorEtfs(db);
  const factorIds = await factorIdsByName(db);
  return {
    date, etfs, window: await loadFactorWindow(db as Kysely<DB>, etfs.etfs, date, DEFAULT_BETA_WINDOW),
    covariance: await loadFactorCovariance(db, date), scenarios: await loadScenarios(db), factorIds,
    symbols: { loaded: new Set(), prices: {}, returns: {}, betas: { single: {}, style: {} }, shortSelling: {} },
  };
}

/** Adds the symbol-level inputs of D of `symbols` not read yet to `day.symbols`, in four queries. */
export async function loadSymbolInputs(db: Db, day: SharedInputs, symbols: Iterable<string>): Promise<void> {
  const absent = day.symbols.absent;
  const missing = [...new Set(symbols)].filter((x) => !day.symbols.loaded.has(x) && !absent?.has(x)).sort();
  if (missing.length === 0) return;
  const [prices, history, betas, shortSelling] = await Promise.all([
    lastCloses(db, missing, day.date),
    loadHistory(db, missing, day.date, day.window),
    loadBetas(db, missing, day.date),
    loadShortSelling(db, missing, day.date),
  ]);
  const into = day.symbols;
  Object.assign(into.prices, prices);
  Object.assign(into.returns, history.history.returns);
  Object.assign(into.betas.single, betas.single);
  Object.assign(into.betas.style, betas.style);
  Object.assign(into.shortSelling, shortSelling);
  // A symbol with nothing stored yet is not remembered as read (a symbol onboarded meanwhile is found
  // by the next read), except in `absent` where the holder keeps one (a chunk of the batch: an option
  // without quotes, held by a third of a large batch's portfolios, is not read again by each of them).
  for (const x of missing) {
    if (prices[x] || history.history.returns[x] || betas.single[x] || betas.style[x]) into.loaded.add(x);
    else absent?.add(x);
  }
}

/**
 * A version of D's symbol-level results: when D's symbol phase last completed (null before it ever
 * did). Inputs read for D can be reused while it is unchanged (a rerun or a price correction changes it).
 */
export async function symbolPhaseVersion(db: Db, date: IsoDate): Promise<string | null> {
  const r = await sql<{ v: string | null }>`select max(completed_at)::text as v from batch_jobs
    where job_type = 'symbol_batch' and status = 'completed' and metadata ->> 'date' = ${date}`.execute(db);
  return r.rows[0]?.v ?? null;
}

/**
 * Days' shared inputs kept for reuse (the what-if's requests, the chunks of one day's batch): an
 * entry is reused while D's symbol phase has not completed again ({@link symbolPhaseVersion}: a rerun
 * after a price correction reads anew) and for `maxAgeMs` at most (a symbol onboarded since shows
 * after); the `size` latest are kept.
 */
export class SharedInputsCache {
  private readonly entries = new Map<string, { day: SharedInputs; version: string | null; at: number }>();

  constructor(private readonly size: number, private readonly maxAgeMs = 60_000) {}

  /** D's shared inputs under `key` (default D), from the cache when still current, else read and kept. */
  async get(db: Db, date: IsoDate, key: string = date): Promise<SharedInputs> {
    const version = await symbolPhaseVersion(db, date);
    const hit = this.entries.get(key);
    if (hit && hit.day.date === date && hit.version === version && Date.now() - hit.at <= this.maxAgeMs) return hit.day;
    const day = await sharedInputs(db, date);
    this.entries.delete(key);
    while (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { day, version, at: Date.now() });
    return day;
  }
}

/** The symbols and underlyings of the positions of `portfolioIds` that exist on D, for {@link loadSymbolInputs}. */
export async function symbolsOfPortfolios(db: Db, portfolioIds: readonly string[], date: IsoDate): Promise<string[]> {
  if (portfolioIds.length === 0) return [];
  const rows = await sql<{ symbol: string }>`
    select distinct x.symbol from positions p
      cross join lateral (values (p.symbol), (p.underlying_symbol)) as x(symbol)
    where p.portfolio_id = any(${[...portfolioIds]}::uuid[]) and p.deleted_at is null and p.entry_date <= ${date}::date and x.symbol is not null`.execute(db);
  return rows.rows.map((r) => r.symbol);
}

/** The return history of `underlyings` on the factor calendar ending on D (empty with a reason when the ETFs lack it). */
export async function loadHistory(db: Db, underlyings: readonly string[], date: IsoDate, window: SharedInputs['window']): Promise<{ history: PortfolioRiskInput['history']; reason: string | null }> {
  if ('reason' in window) return { history: { dates: [], returns: {} }, reason: window.reason };
  const prices = await adjustedCloses(db as Kysely<DB>, underlyings, window.dates[0], date);
  const returns: Record<string, Float64Array> = {};
  for (const u of underlyings) if (prices.has(u)) returns[u] = calendarReturns(window.dates, prices.get(u));
  return { history: { dates: window.dates.slice(1), returns }, reason: null };
}

/** Betas of `underlyings` on D: single-factor OLS and the ridge style model, window 252. */
export async function loadBetas(db: Db, underlyings: readonly string[], date: IsoDate): Promise<PortfolioRiskInput['betas']> {
  const single: Record<string, Record<string, number>> = {};
  const style: Record<string, Record<string, number>> = {};
  if (underlyings.length === 0) return { single, style };
  const rows = await db
    .selectFrom('symbol_factor_exposures as e')
    .innerJoin('factor_definitions as f', 'f.id', 'e.factor_id')
    .select(['e.symbol', 'f.name', 'e.beta_value', 'e.calculation_method'])
    .where('e.symbol', 'in', [...new Set(underlyings)])
    .where('e.calculation_date', '=', date)
    .where('e.window_days', '=', DEFAULT_BETA_WINDOW)
    .where('e.calculation_method', 'in', ['ols_single', 'ridge'])
    .execute();
  for (const r of rows) {
    const into = r.calculation_method === 'ridge' ? style : single;
    (into[r.symbol] ??= {})[r.name] = r.beta_value;
  }
  return { single, style };
}

/** The sample factor covariance of D (lookback 252) over every factor it holds, by factor name. */
export async function loadFactorCovariance(db: Db, date: IsoDate): Promise<Pick<PortfolioRiskInput['factors'], 'names' | 'covariance'>> {
  const rows = await db
    .selectFrom('factor_covariance as c')
    .innerJoin('factor_definitions as f1', 'f1.id', 'c.factor1_id')
    .innerJoin('factor_definitions as f2', 'f2.id', 'c.factor2_id')
    .select(['f1.name as a', 'f2.name as b', 'c.covariance'])
    .where('c.calculation_date', '=', date)
    .where('c.lookback_days', '=', DEFAULT_BETA_WINDOW)
    .where('c.decay_lambda', '=', 1)
    .execute();
  const names = [...new Set(rows.flatMap((r) => [r.a, r.b]))].sort();
  const n = names.length;
  const at = new Map(names.map((f, i) => [f, i]));
  const covariance = createMatrix(n, n, new Float64Array(n * n).fill(NaN));
  for (const r of rows) {
    const i = at.get(r.a) as number, j = at.get(r.b) as number;
    covariance.data[i * n + j] = r.covariance;
    covariance.data[j * n + i] = r.covariance;
  }
  return { names, covariance };
}

/** Every active stress scenario with its shocks, factors by name, in display order. */
export async function loadScenarios(db: Db): Promise<ScenarioInput[]> {
  const rows = await db
    .selectFrom('stress_scenarios as s')
    .leftJoin('stress_scenario_shocks as k', 'k.scenario_id', 's.id')
    .leftJoin('factor_definitions as f', 'f.id', 'k.factor_id')
    .select(['s.id', 's.name', 's.scenario_type', 's.display_order', 'k.shock_kind', 'k.shock_value', 'k.underlying_symbol', 'f.name as factor'])
    .where('s.is_active', '=', true)
    .orderBy('s.display_order')
    .orderBy('s.name')
    .execute();
  const out = new Map<string, ScenarioInput & { factorShocks: Record<string, number>; yieldShocks: Record<string, number>; spotShocks: Record<string, number>; volShocks: Record<string, number> }>();
  for (const r of rows) {
    let s = out.get(r.id);
    if (!s) out.set(r.id, (s = { id: r.id, name: r.name, type: r.scenario_type, factorShocks: {}, yieldShocks: {}, spotShocks: {}, volShocks: {} }));
    if (r.shock_kind === null || r.shock_value === null) continue;
    if (r.shock_kind === 'factor_return') s.factorShocks[r.factor as string] = r.shock_value;
    else if (r.shock_kind === 'yield_change') s.yieldShocks[r.factor as string] = r.shock_value;
    else if (r.shock_kind === 'spot') s.spotShocks[r.underlying_symbol as string] = r.shock_value;
    else s.volShocks[r.underlying_symbol as string] = r.shock_value;
  }
  return [...out.values()];
}

/** The latest short-selling metrics on or before D of `symbols` that have both a borrow rate and days to cover. */
export async function loadShortSelling(db: Db, symbols: readonly string[], date: IsoDate): Promise<Record<string, ShortSellingMetrics>> {
  const out: Record<string, ShortSellingMetrics> = {};
  if (symbols.length === 0) return out;
  const rows = await sql<{ symbol: string; cost_to_borrow_rate: number; days_to_cover: number }>`
    select distinct on (symbol) symbol, cost_to_borrow_rate, days_to_cover
    from short_selling_metrics
    where symbol = any(${[...new Set(symbols)]}::varchar[]) and metric_date <= ${date}::date
      and cost_to_borrow_rate is not null and days_to_cover is not null
    order by symbol, metric_date desc`.execute(db);
  for (const r of rows.rows) out[r.symbol] = { costToBorrowRate: Number(r.cost_to_borrow_rate), daysToCover: Number(r.days_to_cover) };
  return out;
}

/**
 * The latest daily snapshot before D (the roll-forward continues from it; null without one that has
 * equity), the sum of the cash flows after it up to D (only D's without one), and the latest change
 * among the portfolio's positions (POSITIONS_CHANGED_AT, as text: a JS Date keeps milliseconds,
 * timestamptz microseconds, and the change sweep compares them exactly), in one query.
 */
export async function loadRollForward(db: Db, portfolioId: string, date: IsoDate): Promise<{ previous: PreviousSnapshot | null; cashFlows: number; changedAt: string | null; stored: StoredDays }> {
  const r = await sql<{ snapshot_date: IsoDate | null; equity_value: string | null; total_pnl: string | null; cumulative_pnl: string | null; time_weighted_return: string | null; flows: string | null; changed: string | null; on_date: boolean; after: boolean }>`${sql.raw(PREPARED)}
    with prev as (
      select snapshot_date, equity_value, total_pnl, cumulative_pnl, time_weighted_return from portfolio_snapshots
      where portfolio_id = ${portfolioId}::uuid and frequency = 'daily' and snapshot_date < ${date}::date
      order by snapshot_date desc limit 1)
    select prev.*,
      (select sum(amount) from portfolio_cash_flows where portfolio_id = ${portfolioId}::uuid and flow_date <= ${date}::date
         and flow_date > coalesce((select snapshot_date from prev where equity_value is not null and total_pnl is not null), ${date}::date - 1)) as flows,
      ${POSITIONS_CHANGED_AT}::text as changed,
      exists (select 1 from portfolio_snapshots where portfolio_id = ${portfolioId}::uuid and frequency = 'daily' and snapshot_date = ${date}::date) as on_date,
      exists (select 1 from portfolio_snapshots where portfolio_id = ${portfolioId}::uuid and frequency = 'daily' and snapshot_date > ${date}::date) as after
    from portfolios f left join prev on true where f.id = ${portfolioId}::uuid`.execute(db);
  const row = r.rows[0];
  if (!row) return { previous: null, cashFlows: 0, changedAt: null, stored: { onDate: false, after: false } };
  const previous = row.snapshot_date === null || row.equity_value === null || row.total_pnl === null ? null : {
    date: row.snapshot_date, equity: Number(row.equity_value), totalPnl: Number(row.total_pnl), cumulativePnl: Number(row.cumulative_pnl ?? row.total_pnl),
    timeWeightedReturn: Number(row.time_weighted_return ?? 0),
  };
  return { previous, cashFlows: Number(row.flows ?? 0), changedAt: row.changed, stored: { onDate: row.on_date, after: row.after } };
}

/** Whether the portfolio has a daily snapshot on D, and one after D, as a refresh reads them. */
export interface StoredDays {
  onDate: boolean;
  after: boolean;
}

/**
 * Everything the refresh of one portfolio on D reads, as {@link PortfolioRiskInput}, with the
 * positions' change watermark. The symbol-level inputs come from `shared` (read for the chunk) and
 * are read here only for symbols it lacks.
 */
export async function loadPortfolioRiskInput(
  db: Db,
  portfolio: { id: string; equityBalance: number | null },
  date: IsoDate,
  settings: { riskFreeRate: number },
  shared?: SharedInputs,
  /** Value these positions instead of the stored ones (a what-if session: the frozen book plus its trades). */
  positionsInstead?: readonly PortfolioPosition[],
): Promise<{ input: PortfolioRiskInput; historyReason: string | null; changedAt: string | null; stored: StoredDays }> {
  if (shared && shared.date !== date) throw new Error(`shared inputs of ${shared.date} used for ${date}`);
  const day = shared ?? await sharedInputs(db, date);
  const [positions, rollForward] = await Promise.all([
    positionsInstead ? [...positionsInstead] : loadPositions(db, portfolio.id, date), loadRollForward(db, portfolio.id, date),
  ]);
  await loadSymbolInputs(db, day, symbolsOf(positions));
  return { ...assembleRiskInput(day, portfolio, positions, rollForward, settings), changedAt: rollForward.changedAt, stored: rollForward.stored };
}

/** The symbols whose inputs the refresh of `positions` reads: their own and their underlyings. */
export function symbolsOf(positions: readonly PortfolioPosition[]): string[] {
  return [...new Set([...positions.map((p) => p.underlying ?? p.symbol), ...positions.map((p) => p.symbol)])];
}

/**
 * One portfolio's {@link PortfolioRiskInput} for D from D's shared inputs (holding every symbol of
 * {@link symbolsOf}), its positions on D and its roll-forward: pure, so the daily refresh and a range
 * refresh (which reads the range's inputs once) give the same input.
 */
export function assembleRiskInput(
  day: SharedInputs,
  portfolio: { equityBalance: number | null },
  positions: PortfolioPosition[],
  rollForward: { previous: PreviousSnapshot | null; cashFlows: number },
  settings: { riskFreeRate: number },
): { input: PortfolioRiskInput; historyReason: string | null } {
  const date = day.date;
  const underlyings = [...new Set(positions.map((p) => p.underlying ?? p.symbol))].sort();
  const symbols = symbolsOf(positions);
  const { covariance: cov, etfs: { durations }, scenarios, symbols: known } = day;
  const prices: Record<string, PriceInput> = {};
  for (const x of symbols) if (known.prices[x]) prices[x] = known.prices[x];
  const returns: Record<string, Float64Array> = {};
  const single: Record<string, Readonly<Record<string, number>>> = {}, style: Record<string, Readonly<Record<string, number>>> = {};
  for (const u of underlyings) {
    if (known.returns[u]) returns[u] = known.returns[u];
    if (known.betas.single[u]) single[u] = known.betas.single[u];
    if (known.betas.style[u]) style[u] = known.betas.style[u];
  }
  const betas = { single, style };
  const shortSelling: Record<string, ShortSellingMetrics> = {};
  for (const p of positions) if (p.positionType === 'SHORT' && known.shortSelling[p.symbol]) shortSelling[p.symbol] = known.shortSelling[p.symbol];
  const windowReason = 'reason' in day.window ? day.window.reason : null;
  return {
    input: {
      asOf: date, riskFreeRate: settings.riskFreeRate, positions, prices,
      history: { dates: windowReason === null && !('reason' in day.window) ? day.window.dates.slice(1) : [], returns }, betas,
      factors: { style: STYLE_FACTORS, single: SINGLE_FACTORS, market: 'market', names: cov.names, covariance: cov.covariance, durations },
      scenarios, shortSelling, previous: rollForward.previous, statedEquity: portfolio.equityBalance, cashFlows: rollForward.cashFlows,
    },
    historyReason: windowReason,
  };
}
