/**
 * A custom stress scenario on one portfolio's stored day: the P&L of factor shocks the caller
 * chooses (and optionally one spot move of every underlying and one volatility move), computed on
 * the request from what the batch stored for that day, with the model of the stored stress tests
 * (src/analytics/stress-test.ts, docs/portfolio-risk.md "Stress tests"), so the same shocks give
 * the same P&L as a stored scenario, to the cent.
 *
 * Inputs, all stored for the snapshot's day D (the latest, or `date`): the snapshot's open positions
 * (`position_ids`), equity and risk-free rate; the last closes on or before D (stocks' delta dollars
 * q x S and the options' spots); the options' base volatility as the batch valued them (implied from
 * the option's own close of D when it has one; otherwise its underlying's realized volatility,
 * recomputed from the stored closes on the factor calendar as the batch did, because the copy stored
 * in `position_greeks` has 6 decimals, which moves a P&L by up to a cent; that copy is the fallback);
 * the symbol batch's single-factor betas of D (market, interest rate, oil; window 252); the stored
 * factor covariance of D (sample, lookback 252) of those three factors.
 *
 * Units and conventions (the stored scenarios'):
 * - `factor_shocks`: factor returns as decimals by factor name (0.10 = the factor's proxy up 10%).
 *   The interest-rate factor is the return of its bond-ETF proxy (TLT): a yield change dy is the
 *   return -D dy with D its `proxy_duration_years` (answered in `factors[].duration` when known):
 *   +25bp at D = 17 is -0.0425.
 * - `spot_shock`: a return (decimal) added to the factor-implied move of every underlying: underlying
 *   u moves by r_u = sum_k beta_{u,k} f_k + spot_shock.
 * - `vol_shock`: an absolute change of every option's volatility, as a decimal (0.05 = +5 vol points).
 * - Stocks are linear: P&L = q S r_u. Options are revalued in full with Black-Scholes-Merton at the
 *   shocked spot S (1 + r_u) and volatility sigma + vol_shock, same time to expiry (instantaneous).
 * - Direct P&L: only the given factor shocks (the others 0). Correlated P&L: the factors not given
 *   move by their conditional expectation E[f_o | f_s = s] = S_os S_ss^-1 s under the stored
 *   covariance; a factor given with 0 is held at 0. An empty `factor_shocks` moves no factor.
 * - Per factor P&L: delta dollars x beta x factor return (first order); `nonlinear_pnl` = total -
 *   first-order P&L (the options' gamma and vega and higher-order terms). Money is rounded to cents.
 *
 * Positions whose underlying has no single-factor betas on D, or no price, are left out (named in
 * `warnings`), as the stored stress tests leave them out.
 */
import { sql, type Kysely } from 'kysely';
import { AnalyticsError } from '../../analytics/analytics-error.js';
import { conditionalFactorShocks, stressPnl, type StressContext } from '../../analytics/stress-test.js';
import { positionRisk, type MarketContext, type RiskPosition } from '../../analytics/option-positions.js';
import { riskPositionOf, underlyingOf } from '../../analytics/portfolio-risk.js';
import { createMatrix, type Matrix } from '../../analytics/linear-algebra.js';
import { sd } from '../../analytics/statistics.js';
import { TRADING_DAYS_PER_YEAR } from '../../analytics/volatility.js';
import { lastCloses, loadBetas, loadFactorCovariance, loadHistory, loadPositions, POSITIONS_CHANGED_AT } from '../../batch/portfolio/portfolio-inputs.repository.js';
import { DEFAULT_BETA_WINDOW, SINGLE_FACTORS, loadFactorWindow } from '../../batch/symbol/factor-exposures.js';
import type { DB, IsoDate } from '../../db/schema.js';
import { ownedPortfolio } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError } from '../errors.js';

/** The factors of the stress model (the stored scenarios' factors), in order. */
export const STRESS_FACTORS = SINGLE_FACTORS;
export type StressFactor = (typeof STRESS_FACTORS)[number];

export interface CustomShocks {
  factor_shocks: Partial<Record<StressFactor, number>>;
  spot_shock?: number | undefined;
  vol_shock?: number | undefined;
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/**
 * The realized volatility of `underlyings` on D as the portfolio refresh computes it (portfolio-risk.ts):
 * sample sd of the available daily returns on the factor calendar's window ending on D, x sqrt(252).
 * Only the underlyings it can compute are answered.
 */
async function realizedVolatilities(db: Kysely<DB>, underlyings: readonly string[], D: IsoDate): Promise<Record<string, number>> {
  const etfs = (await db.selectFrom('factor_definitions').select('etf_proxy').where('is_active', '=', true).where('etf_proxy', 'is not', null).orderBy('display_order').execute())
    .map((r) => r.etf_proxy as string);
  const window = await loadFactorWindow(db, etfs, D, DEFAULT_BETA_WINDOW);
  const { history } = await loadHistory(db, underlyings, D, window);
  const out: Record<string, number> = {};
  for (const [u, r] of Object.entries(history.returns)) {
    const x = new Float64Array(r.length);
    let k = 0;
    for (let t = 0; t < r.length; t++) if (Number.isFinite(r[t])) x[k++] = r[t];
    if (k >= 2) out[u] = sd(x.subarray(0, k)) * Math.sqrt(TRADING_DAYS_PER_YEAR);
  }
  return out;
}

/**
 * The custom scenario's direct and correlated P&L on the portfolio's stored day (conventions in the
 * module comment). A portfolio without a computed day answers `as_of: null` and null P&L.
 * @example customStress(db, caller, id, { factor_shocks: { market: -0.1 } }) // the stored "Market Down 10%" P&L
 */
export async function customStress(db: Kysely<DB>, caller: Caller, portfolioId: string, shocks: CustomShocks, date?: IsoDate) {
  await ownedPortfolio(db, caller, portfolioId);
  let q = db.selectFrom('portfolio_snapshots').select(['snapshot_date', 'position_ids', 'equity_value', 'risk_free_rate', 'inputs_date', 'inputs_synthetic', 'inputs_stale', 'history_observations',
    sql<string | null>`positions_changed_at::text`.as('changed')])
    .where('portfolio_id', '=', portfolioId).where('frequency', '=', 'daily');
  q = date ? q.where('snapshot_date', '=', date) : q.orderBy('snapshot_date', 'desc').limit(1);
  const s = await q.executeTakeFirst();
  const given = STRESS_FACTORS.filter((f) => shocks.factor_shocks[f] !== undefined);
  const echo = { factor_shocks: Object.fromEntries(given.map((f) => [f, shocks.factor_shocks[f] as number])), spot_shock: shocks.spot_shock ?? 0, vol_shock: shocks.vol_shock ?? 0 };
  const durations = Object.fromEntries((await db.selectFrom('factor_definitions').select(['name', 'display_name', 'proxy_duration_years'])
    .where('name', 'in', [...STRESS_FACTORS]).execute()).map((r) => [r.name, r]));
  const factorInfo = (f: StressFactor) => ({ factor: f, display_name: durations[f]?.display_name ?? f, duration: durations[f]?.proxy_duration_years ?? null });
  if (!s) {
    return {
      as_of: null, provenance: null, portfolio_value: null, shocks: echo, direct_pnl: null, correlated_pnl: null, direct_return: null, correlated_return: null,
      nonlinear_pnl: null, factors: STRESS_FACTORS.map((f) => ({ ...factorInfo(f), shock: echo.factor_shocks[f] ?? 0, correlated_shock: null, direct_pnl: null, correlated_pnl: null })),
      positions: [], warnings: ['the batch has not computed this portfolio yet'],
    };
  }
  const D = s.snapshot_date;
  // The day's book as the batch valued it: the positions are read as they are now, so they must not
  // have changed since (a change is refreshed within seconds; the stored results are of the old book).
  const now = await sql<{ changed: string | null; recompute_from: string | null }>`
    select ${POSITIONS_CHANGED_AT}::text as changed, f.recompute_from::text as recompute_from from portfolios f where f.id = ${portfolioId}::uuid`.execute(db);
  const current = now.rows[0];
  if (current && (current.recompute_from !== null || (s.changed !== null && current.changed !== s.changed))) {
    throw new ApiError('CONFLICT', `portfolio ${portfolioId} changed since its results of ${D} were computed; they are being refreshed: try again in a few seconds`);
  }
  const ids = s.position_ids ?? [];
  const rate = s.risk_free_rate ?? 0;
  const warnings: string[] = [];
  const positions = (await loadPositions(db, portfolioId, D)).filter((p) => ids.includes(p.id));
  positions.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
  const underlyings = [...new Set(positions.map(underlyingOf))].sort();
  const [closes, betas, cov, greeks] = await Promise.all([
    lastCloses(db, [...new Set([...underlyings, ...positions.map((p) => p.symbol)])], D),
    loadBetas(db, underlyings, D),
    loadFactorCovariance(db, D),
    ids.length === 0 ? [] : db.selectFrom('position_greeks').select(['position_id', 'implied_volatility', 'is_estimated']).where('calculation_date', '=', D).where('position_id', 'in', ids).execute(),
  ]);
  const storedVol = new Map(greeks.map((g) => [g.position_id, g]));

  // Value the positions as the batch did on D: spots = last closes; an option's own close of D implies its volatility,
  // else its underlying's realized volatility, which the batch stored with the option (position_greeks).
  const realizedVolatility: Record<string, number> = {};
  for (const p of positions) {
    const g = storedVol.get(p.id);
    if (g && g.is_estimated && g.implied_volatility !== null) realizedVolatility[underlyingOf(p)] ??= g.implied_volatility;
  }
  const estimated = Object.keys(realizedVolatility).sort();
  if (estimated.length > 0) Object.assign(realizedVolatility, await realizedVolatilities(db, estimated, D));
  const spots: Record<string, number> = {};
  const market: MarketContext = { valuationDate: D, rate, spots, realizedVolatility };
  // The positions the model can value (single-factor betas and a price of D), as analytics/stress-test.ts takes them.
  const book: RiskPosition[] = [];
  const betaVectors: Record<string, number[]> = {};
  const symbolOf = new Map<string, string>();
  for (const p of positions) {
    const u = underlyingOf(p);
    const b = betas.single[u];
    if (!b || !STRESS_FACTORS.every((f) => Number.isFinite(b[f]))) {
      warnings.push(`${p.symbol}: no single-factor betas of ${u} on ${D}; left out`);
      continue;
    }
    if (!closes[u]) {
      warnings.push(`${p.symbol}: no price of ${u} on or before ${D}; left out`);
      continue;
    }
    spots[u] = closes[u].close;
    const quote = p.symbol !== u ? closes[p.symbol] : undefined;
    try {
      const rp = riskPositionOf(p, quote && quote.date === D ? quote.close : null);
      positionRisk(rp, market); // values (or refuses) it as the stress test will
      book.push(rp);
      betaVectors[u] = STRESS_FACTORS.map((f) => b[f]);
      symbolOf.set(p.id, p.symbol);
    } catch (e) {
      warnings.push(`${p.symbol}: ${e instanceof Error ? e.message : String(e)}; left out`);
    }
  }

  // The stored covariance of the stress factors on D.
  const names = cov.names;
  const idx = STRESS_FACTORS.map((f) => names.indexOf(f));
  let sub: Matrix | null = null;
  if (idx.every((i) => i >= 0)) {
    const k = STRESS_FACTORS.length, n = names.length;
    sub = createMatrix(k, k);
    idx.forEach((a, i) => idx.forEach((b2, j) => { sub!.data[i * k + j] = cov.covariance.data[a * n + b2]; }));
    if (![...sub.data].every(Number.isFinite)) sub = null;
  }
  if (!sub) warnings.push(`no stored factor covariance of ${D}: the correlated P&L is not computed`);

  const directF = STRESS_FACTORS.map((f) => shocks.factor_shocks[f] ?? 0);
  let correlatedMap: Record<string, number> | null = null;
  if (sub) {
    try {
      correlatedMap = conditionalFactorShocks(STRESS_FACTORS, sub, echo.factor_shocks);
    } catch (e) {
      // A degenerate stored covariance (a factor without variance): the direct P&L still stands.
      if (!(e instanceof AnalyticsError)) throw e;
      warnings.push(`the stored factor covariance of ${D} cannot carry these shocks to the other factors (${e.message}): the correlated P&L is not computed`);
    }
  }
  const correlatedF = correlatedMap ? STRESS_FACTORS.map((f) => correlatedMap[f]) : null;
  // The stored scenarios' model (analytics/stress-test.ts), with the spot move added to every underlying's factor move.
  const context: StressContext = { factors: STRESS_FACTORS, factorCovariance: sub ?? createMatrix(STRESS_FACTORS.length, STRESS_FACTORS.length), betas: betaVectors, market };
  const moves = { spotMoves: { '*': shocks.spot_shock ?? 0 }, volShocks: { '*': shocks.vol_shock ?? 0 } };
  const direct = stressPnl(book, context, echo.factor_shocks, moves);
  const correlated = correlatedMap ? stressPnl(book, context, correlatedMap, moves) : null;
  const equity = s.equity_value;
  const ret = (x: number | undefined) => (x === undefined || equity === null || !(equity > 0) ? null : x / equity);
  return {
    as_of: D,
    provenance: { inputs_date: s.inputs_date, synthetic: s.inputs_synthetic, stale: s.inputs_stale, risk_free_rate: s.risk_free_rate, history_observations: s.history_observations },
    portfolio_value: equity,
    shocks: echo,
    direct_pnl: cents(direct.totalPnl),
    correlated_pnl: correlated ? cents(correlated.totalPnl) : null,
    direct_return: ret(direct.totalPnl),
    correlated_return: ret(correlated?.totalPnl),
    nonlinear_pnl: { direct: cents(direct.nonlinearPnl), correlated: correlated ? cents(correlated.nonlinearPnl) : null },
    factors: STRESS_FACTORS.map((f, j) => ({
      ...factorInfo(f), shock: directF[j], correlated_shock: correlatedF ? correlatedF[j] : null,
      direct_pnl: cents(direct.factorImpacts[f]), correlated_pnl: correlated ? cents(correlated.factorImpacts[f]) : null,
    })),
    positions: direct.positions.map((p, i) => ({ position_id: p.id, symbol: symbolOf.get(p.id) ?? '', direct_pnl: cents(p.pnl), correlated_pnl: correlated ? cents(correlated.positions[i].pnl) : null })),
    warnings,
  };
}
