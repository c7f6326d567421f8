import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { callerOf } from '../auth/auth.routes.js';
import { isIsoDate } from '../../iso-date.js';
import { ErrorBody } from '../errors.js';
import type { PortfolioReadCache } from '../read-cache.js';
import { correlations, exposures, factorExposures, history, overview, riskMetrics, stressResults } from './risk.service.js';
import { customStress, STRESS_FACTORS } from './stress-custom.service.js';

const N = z.number().nullable();
const IsoDate = z.string().refine(isIsoDate, 'must be a calendar date YYYY-MM-DD');
const Params = z.object({ id: z.string().max(100) });
const AsOf = z.object({ date: IsoDate.optional() });
const Provenance = z.object({ inputs_date: z.string().nullable(), synthetic: z.boolean(), stale: z.boolean(), risk_free_rate: N, history_observations: N }).nullable();
const PositionRef = { position_id: z.uuid(), symbol: z.string() };
const Method = z.enum(['historical', 'gaussian', 'modified', 'monte_carlo']);

const Overview = z.object({
  portfolio_id: z.uuid(), name: z.string(), currency: z.string(), as_of: z.string().nullable(), provenance: Provenance, positions: N,
  value: z.object({ equity: N, market_value: z.number(), cash: z.number() }).nullable(),
  pnl: z.object({ daily: N, daily_return: N, total: N, cumulative: N, realized: N, unrealized: N, cash_flows: N, time_weighted_return: N }).nullable(),
  exposures: z.object({ long: z.number(), short: z.number(), gross: z.number(), net: z.number(), delta_adjusted: N }).nullable(),
  risk: z.object({
    beta: z.object({ value: N, method: z.string() }), volatility: z.object({ daily: N, annualized: N, method: z.string() }),
    sharpe: N, sortino: N, max_drawdown: N, average_correlation: N, diversification_score: N,
    var: z.object({ value: z.number(), cvar: N, method: Method.nullable(), confidence: N, horizon_days: N }).nullable(),
  }).nullable(),
  greeks: z.object({ delta_dollars: N, gamma_dollars_per_1pct: N, theta_per_day: N, vega_per_vol_point: N }).nullable(),
});
const Risk = z.object({
  as_of: z.string().nullable(), provenance: Provenance,
  volatility: z.object({ daily: N, annualized: N, sharpe: N, sortino: N, max_drawdown: N }).nullable(),
  var: z.array(z.object({ method: Method, confidence: z.number(), horizon_days: z.number(), var: z.number(), cvar: z.number(), var_return: z.number(), cvar_return: z.number(), portfolio_value: z.number(), sample_size: z.number() })),
  component_var: z.array(z.object({
    method: z.string(), confidence: z.number(), horizon_days: z.number(),
    positions: z.array(z.object({ ...PositionRef, component_var: N, component_cvar: N, marginal_var: N, percent_of_var: N })),
  })),
});
const Stress = z.object({
  as_of: z.string().nullable(), provenance: Provenance,
  scenarios: z.array(z.object({
    scenario_id: z.uuid(), name: z.string(), type: z.string(), portfolio_value: z.number(), direct_pnl: z.number(), correlated_pnl: z.number(), direct_return: N, correlated_return: N,
    factors: z.array(z.object({ factor: z.string(), shock: N, correlated_shock: N, direct_pnl: N, correlated_pnl: N })),
    positions: z.array(z.object({ ...PositionRef, direct_pnl: N, correlated_pnl: N })),
  })),
});
const Factors = z.object({
  as_of: z.string().nullable(), provenance: Provenance,
  portfolio: z.array(z.object({ factor: z.string(), beta: z.number(), dollars: z.number(), variance_contribution: N })),
  positions: z.array(z.object({ ...PositionRef, exposures: z.array(z.object({ factor: z.string(), beta: N, dollars: N })) })),
});
const Correlations = z.object({
  as_of: z.string().nullable(), provenance: Provenance, observations: N, average: N, diversification_score: N,
  positions: z.array(z.object(PositionRef)), matrix: z.array(z.array(N)),
});
const Group = z.object({ key: z.string(), positions: z.number(), long: N, short: N, gross: N, net: N, deltaLong: N, deltaShort: N, deltaGross: N, deltaNet: N });
const Exposures = z.object({
  as_of: z.string().nullable(), provenance: Provenance,
  by: z.record(z.string(), z.array(Group)).nullable(), concentration: z.record(z.string(), z.unknown()).nullable(),
  greeks_by_underlying: z.array(z.record(z.string(), z.unknown())), short_squeeze: z.array(z.record(z.string(), z.unknown())), warnings: z.array(z.string()),
});
const History = z.object({
  items: z.array(z.object({
    date: z.string(), equity: N, market_value: z.number(), daily_pnl: N, daily_return: N, total_pnl: N, time_weighted_return: N, gross: z.number(), net: z.number(), beta: N,
    var: N, var_method: Method.nullable(), var_confidence: N, var_horizon_days: N, synthetic: z.boolean(), stale: z.boolean(),
  })),
});
const FactorReturn = z.number().min(-1).max(1);
const CustomStressBody = z.object({
  factor_shocks: z.object(Object.fromEntries(STRESS_FACTORS.map((f) => [f, FactorReturn.optional()])) as Record<(typeof STRESS_FACTORS)[number], z.ZodOptional<typeof FactorReturn>>).strict()
    .describe('factor returns as decimals by factor name (0.10 = +10%); interest_rate is the return of its bond-ETF proxy (-duration x yield change). Factors not given follow the given ones in the correlated P&L; a factor given as 0 is held at 0.'),
  spot_shock: z.number().min(-0.99).max(1).optional().describe('a return (decimal) added to the factor-implied move of every underlying; default 0'),
  vol_shock: z.number().min(-1).max(1).optional().describe('absolute change of every option\'s volatility, decimal: 0.05 = +5 vol points; default 0'),
}).strict();
const Money = N;
const CustomStress = z.object({
  as_of: z.string().nullable(), provenance: Provenance, portfolio_value: N,
  shocks: z.object({ factor_shocks: z.record(z.string(), z.number()), spot_shock: z.number(), vol_shock: z.number() }),
  direct_pnl: Money.describe('dollars, only the given factor shocks (plus the spot and vol moves)'),
  correlated_pnl: Money.describe('dollars, the other factors at their conditional expectation; null without a stored factor covariance'),
  direct_return: N, correlated_return: N,
  nonlinear_pnl: z.object({ direct: z.number(), correlated: N }).nullable().describe('total minus first-order P&L: the options\' gamma, vega and higher-order terms'),
  factors: z.array(z.object({ factor: z.string(), display_name: z.string(), duration: N.describe('modified duration of a rate factor\'s proxy, years'), shock: z.number(), correlated_shock: N, direct_pnl: Money, correlated_pnl: Money })),
  positions: z.array(z.object({ ...PositionRef, direct_pnl: z.number(), correlated_pnl: N })),
  warnings: z.array(z.string()),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody };
const secured = { tags: ['risk'], security: [{ bearer: [] }] };

/** Read-only risk results of the caller's portfolios, as the batch stored them. */
export function riskRoutes(ctx: AppContext, cache: PortfolioReadCache): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/v1/portfolios/:id/overview', { schema: { ...secured, summary: 'Value, P&L, exposures, beta, volatility and VaR on the latest computed day (or date)', params: Params, querystring: AsOf, response: { 200: Overview, ...errors } } },
      async (req, reply) => {
        // The dashboard's most frequent read: answered from memory until the portfolio or its snapshot changes (read-cache.ts).
        const caller = await callerOf(req);
        const key = `overview|${caller.id}|${req.query.date ?? ''}`; // the cache compares portfolio ids in lower case
        let body = cache.get(req.params.id, key);
        if (body === undefined) {
          const version = cache.versionOf(req.params.id);
          body = reply.serialize(await overview(db, caller, req.params.id, req.query.date)) as string;
          cache.set(req.params.id, key, body, version);
        }
        return reply.type('application/json; charset=utf-8').send(body as never);
      });
    app.get('/api/v1/portfolios/:id/risk', { schema: { ...secured, summary: 'VaR and CVaR by method, confidence and horizon; component VaR per position', params: Params, querystring: AsOf, response: { 200: Risk, ...errors } } },
      async (req) => riskMetrics(db, await callerOf(req), req.params.id, req.query.date));
    app.get('/api/v1/portfolios/:id/stress', { schema: { ...secured, summary: 'Stress scenarios: direct and correlated P&L, per factor and per position', params: Params, querystring: AsOf, response: { 200: Stress, ...errors } } },
      async (req) => stressResults(db, await callerOf(req), req.params.id, req.query.date));
    app.post('/api/v1/portfolios/:id/stress/custom', {
      schema: {
        ...secured, summary: 'P&L of a custom stress scenario (factor shocks, a spot move, a vol move) on the stored day, as the stored scenarios are computed',
        description: 'Computed on the request from the stored results of the snapshot day (the latest, or `date`): the open positions, their closes and stored option volatilities, '
          + 'the symbol batch\'s single-factor betas (market, interest_rate, oil) and the stored factor covariance. Units: shocks are decimals (0.10 = +10% factor return; '
          + 'spot_shock is a return added to every underlying\'s factor-implied move; vol_shock 0.05 = +5 vol points); money in dollars, rounded to cents. '
          + 'Direct P&L = the given shocks only (stocks: delta dollars x move; options revalued in full with Black-Scholes-Merton); correlated P&L moves the factors not given '
          + 'by E[f_o | f_s = s] = S_os S_ss^-1 s. Given exactly a stored scenario\'s factor shocks it answers that scenario\'s stored direct and correlated P&L.',
        params: Params, querystring: AsOf, body: CustomStressBody, response: { 200: CustomStress, ...errors, 422: ErrorBody },
      },
    }, async (req) => customStress(db, await callerOf(req), req.params.id, req.body, req.query.date));
    app.get('/api/v1/portfolios/:id/factor-exposures', { schema: { ...secured, summary: 'Factor exposures of the portfolio and of each position, in beta and dollars', params: Params, querystring: AsOf, response: { 200: Factors, ...errors } } },
      async (req) => factorExposures(db, await callerOf(req), req.params.id, req.query.date));
    app.get('/api/v1/portfolios/:id/correlations', { schema: { ...secured, summary: 'Correlations between the open positions, and the diversification score', params: Params, querystring: AsOf, response: { 200: Correlations, ...errors } } },
      async (req) => correlations(db, await callerOf(req), req.params.id, req.query.date));
    app.get('/api/v1/portfolios/:id/exposures', { schema: { ...secured, summary: 'Exposures by sector, industry, tag, type and underlying; concentration; Greeks by underlying', params: Params, querystring: AsOf, response: { 200: Exposures, ...errors } } },
      async (req) => exposures(db, await callerOf(req), req.params.id, req.query.date));
    app.get('/api/v1/portfolios/:id/history', {
      schema: { ...secured, summary: 'Daily snapshots over a date range (at most 5,000)', params: Params, querystring: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }), response: { 200: History, ...errors } },
    }, async (req) => history(db, await callerOf(req), req.params.id, req.query));
  };
}
