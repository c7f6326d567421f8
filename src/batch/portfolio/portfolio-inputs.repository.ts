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
import type { DB, IsoDate } from '../../db/schema.js';
import { adjustedCloses } from '../../market-data/adjusted-prices.repository.js';
import { SYNTHETIC_DATA_SOURCE } from '../../market-data/synthetic-source.js';
import { DEFAULT_BETA_WINDOW, SINGLE_FACTORS, STYLE_FACTORS, calendarReturns, loadFactorWindow } from '../symbol/factor-exposures.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The portfolio's positions that exist on D (not deleted, entered on or before D), with tags and classification. */
export async function loadPositions(db: Db, portfolioId: string, date: IsoDate): Promise<PortfolioPosition[]> {
  const rows = await db
    .selectFrom('positions as p')
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
async function factorEtfs(db: Db): Promise<{ names: string[]; etfs: string[]; durations: Record<string, number> }> {
  const rows = await db.selectFrom('factor_definitions').select(['name', 'etf_proxy', 'proxy_duration_years'])
    .where('is_active', '=', true).where('etf_proxy', 'is not', null).orderBy('display_order').execute();
  const durations: Record<string, number> = {};
  for (const r of rows) if (r.proxy_duration_years !== null) durations[r.name] = r.proxy_duration_years;
  return { names: rows.map((r) => r.name), etfs: rows.map((r) => r.etf_proxy as string), durations };
}

/**
 * What every portfolio of one day shares: the factor ETFs and durations, the factor calendar, the
 * factor covariance and the scenarios. A chunk of portfolios reads them once ({@link sharedInputs}).
 */
export interface SharedInputs {
  date: IsoDate;
  etfs: Awaited<ReturnType<typeof factorEtfs>>;
  window: Awaited<ReturnType<typeof loadFactorWindow>>;
  covariance: Awaited<ReturnType<typeof loadFactorCovariance>>;
  scenarios: ScenarioInput[];
}

/** Reads the inputs shared by every portfolio of D. */
export async function sharedInputs(db: Db, date: IsoDate): Promise<SharedInputs> {
  const etfs = await factorEtfs(db);
  return {
    date, etfs, window: await loadFactorWindow(db as Kysely<DB>, etfs.etfs, date, DEFAULT_BETA_WINDOW),
    covariance: await loadFactorCovariance(db, date), scenarios: await loadScenarios(db),
  };
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

/** The latest daily snapshot before D, as the roll-forward continues from it. */
export async function loadPreviousSnapshot(db: Db, portfolioId: string, date: IsoDate): Promise<PreviousSnapshot | null> {
  const r = await db
    .selectFrom('portfolio_snapshots')
    .select(['snapshot_date', 'equity_value', 'total_pnl', 'cumulative_pnl', 'time_weighted_return'])
    .where('portfolio_id', '=', portfolioId)
    .where('frequency', '=', 'daily')
    .where('snapshot_date', '<', date)
    .orderBy('snapshot_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!r || r.equity_value === null || r.total_pnl === null) return null;
  return {
    date: r.snapshot_date, equity: r.equity_value, totalPnl: r.total_pnl, cumulativePnl: r.cumulative_pnl ?? r.total_pnl,
    timeWeightedReturn: r.time_weighted_return ?? 0,
  };
}

/** Sum of the cash flows after `after` (exclusive; null = only D's) up to D. */
export async function sumCashFlows(db: Db, portfolioId: string, after: IsoDate | null, date: IsoDate): Promise<number> {
  let q = db.selectFrom('portfolio_cash_flows').select(sql<number | null>`sum(amount)`.as('total'))
    .where('portfolio_id', '=', portfolioId).where('flow_date', '<=', date);
  q = after === null ? q.where('flow_date', '=', date) : q.where('flow_date', '>', after);
  const r = await q.executeTakeFirst();
  return Number(r?.total ?? 0);
}

/** Everything the refresh of one portfolio on D reads, as {@link PortfolioRiskInput}. */
export async function loadPortfolioRiskInput(
  db: Db,
  portfolio: { id: string; equityBalance: number | null },
  date: IsoDate,
  settings: { riskFreeRate: number },
  shared?: SharedInputs,
): Promise<{ input: PortfolioRiskInput; historyReason: string | null }> {
  if (shared && shared.date !== date) throw new Error(`shared inputs of ${shared.date} used for ${date}`);
  const day = shared ?? await sharedInputs(db, date);
  const positions = await loadPositions(db, portfolio.id, date);
  const underlyings = [...new Set(positions.map((p) => p.underlying ?? p.symbol))].sort();
  const symbols = [...new Set([...underlyings, ...positions.map((p) => p.symbol)])];
  const { covariance: cov, etfs: { durations }, scenarios } = day;
  const [prices, { history, reason }, betas, shortSelling, previous] = await Promise.all([
    lastCloses(db, symbols, date),
    loadHistory(db, underlyings, date, day.window),
    loadBetas(db, underlyings, date),
    loadShortSelling(db, positions.filter((p) => p.positionType === 'SHORT').map((p) => p.symbol), date),
    loadPreviousSnapshot(db, portfolio.id, date),
  ]);
  const cashFlows = await sumCashFlows(db, portfolio.id, previous?.date ?? null, date);
  return {
    input: {
      asOf: date, riskFreeRate: settings.riskFreeRate, positions, prices, history, betas,
      factors: { style: STYLE_FACTORS, single: SINGLE_FACTORS, market: 'market', names: cov.names, covariance: cov.covariance, durations },
      scenarios, shortSelling, previous, statedEquity: portfolio.equityBalance, cashFlows,
    },
    historyReason: reason,
  };
}
