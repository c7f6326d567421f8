-- Results of the nightly batch: Greeks, snapshots, correlations, stress tests and the analytics cache.

create table position_greeks (
    id uuid primary key default gen_random_uuid(),
    position_id uuid not null references positions(id) on delete cascade,
    calculation_date date not null,
    -- Per share of the underlying (one option on one share), Black-Scholes-Merton:
    -- vega and rho per 1.00 of volatility / rate; theta per calendar day.
    delta numeric(14, 8) not null,
    gamma numeric(14, 8) not null,
    theta numeric(14, 8) not null,
    vega numeric(14, 8) not null,
    rho numeric(14, 8) not null,
    -- Position totals in dollars (signed quantity x multiplier applied):
    -- delta dollars; gamma dollars for a 1% move; theta per day; vega per vol point.
    delta_dollars numeric(18, 2) not null,
    gamma_dollars numeric(18, 2) not null,
    theta_dollars numeric(18, 2) not null,
    vega_dollars numeric(18, 2) not null,
    underlying_price numeric(16, 6),
    option_price numeric(16, 6),
    implied_volatility numeric(10, 6),
    time_to_expiry_years numeric(10, 6),
    -- True when no market price was available and the option was priced with the underlying's realized volatility.
    is_estimated boolean not null default false,
    pricing_model varchar(30) not null default 'black_scholes_merton',
    created_at timestamptz not null default now(),
    constraint position_greeks_key unique (position_id, calculation_date)
);
create index idx_position_greeks_date on position_greeks (calculation_date);

-- Every column of the addendum's 1.6 and of the design's PortfolioSnapshot interface, plus VaR/CVaR.
create table portfolio_snapshots (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    snapshot_date date not null,
    frequency varchar(10) not null default 'daily',
    total_value numeric(18, 2) not null,
    cash_value numeric(18, 2) not null default 0,
    long_value numeric(18, 2) not null,
    short_value numeric(18, 2) not null,
    long_exposure numeric(18, 2) not null,
    short_exposure numeric(18, 2) not null,
    gross_exposure numeric(18, 2) not null,
    net_exposure numeric(18, 2) not null,
    delta_adjusted_exposure numeric(18, 2),
    position_count integer not null default 0,
    daily_pnl numeric(18, 2),
    daily_pnl_pct numeric(12, 8),
    cumulative_pnl numeric(18, 2),
    total_pnl numeric(18, 2),
    portfolio_beta numeric(12, 6),
    portfolio_volatility numeric(12, 8),
    annualized_volatility numeric(12, 8),
    sharpe_ratio numeric(12, 6),
    max_drawdown numeric(12, 8),
    position_correlation numeric(12, 8),
    diversification_score numeric(12, 8),
    total_delta numeric(20, 4),
    total_gamma numeric(20, 4),
    total_theta numeric(20, 4),
    total_vega numeric(20, 4),
    -- Value at risk and conditional VaR (expected shortfall), positive dollar losses.
    var_value numeric(18, 2),
    cvar_value numeric(18, 2),
    var_method varchar(20),
    var_confidence numeric(6, 5),
    var_horizon_days integer,
    created_at timestamptz not null default now(),
    constraint portfolio_snapshots_key unique (portfolio_id, snapshot_date, frequency),
    constraint portfolio_snapshots_frequency check (frequency in ('daily', 'weekly', 'monthly')),
    constraint portfolio_snapshots_exposures check (gross_exposure >= 0 and long_exposure >= 0 and short_exposure <= 0),
    constraint portfolio_snapshots_var_method check (var_method is null or var_method in ('historical', 'gaussian', 'modified', 'monte_carlo')),
    constraint portfolio_snapshots_var_confidence check (var_confidence is null or (var_confidence > 0 and var_confidence < 1)),
    constraint portfolio_snapshots_var_horizon check (var_horizon_days is null or var_horizon_days > 0),
    constraint portfolio_snapshots_var_complete check (
        (var_value is null) or (var_method is not null and var_confidence is not null and var_horizon_days is not null))
);
create index idx_snapshots_portfolio_date on portfolio_snapshots (portfolio_id, snapshot_date desc);

create table position_correlations (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    window_days integer not null,
    position1_id uuid not null references positions(id) on delete cascade,
    position2_id uuid not null references positions(id) on delete cascade,
    symbol1 varchar(32) not null,
    symbol2 varchar(32) not null,
    correlation numeric(12, 10) not null,
    observations integer not null,
    created_at timestamptz not null default now(),
    constraint position_correlations_key unique (portfolio_id, calculation_date, window_days, position1_id, position2_id),
    constraint position_correlations_order check (position1_id < position2_id),
    constraint position_correlations_range check (correlation >= -1 and correlation <= 1),
    constraint position_correlations_window check (window_days > 1 and observations > 1)
);

create table stress_scenarios (
    id uuid primary key default gen_random_uuid(),
    name varchar(100) not null,
    description text not null,
    scenario_type varchar(20) not null,
    category varchar(20) not null,
    -- Historical replays: the window whose actual factor returns are applied when the data is held.
    window_start date,
    window_end date,
    display_order integer not null,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    constraint stress_scenarios_name_key unique (name),
    constraint stress_scenarios_type check (scenario_type in ('sensitivity', 'historical', 'hypothetical')),
    constraint stress_scenarios_category check (category in ('market', 'rates', 'commodity', 'crisis', 'volatility')),
    -- Both ends or neither, in order; a historical replay needs its window.
    constraint stress_scenarios_window check (
        (window_start is null) = (window_end is null) and coalesce(window_start < window_end, true)),
    constraint stress_scenarios_historical_window check (scenario_type <> 'historical' or window_start is not null)
);

-- A shock is one of: a factor return (0.10 = +10%), a yield change in decimal (0.0025 = +25 bp,
-- mapped through the factor's proxy duration), or a spot / volatility shock on one underlying.
create table stress_scenario_shocks (
    id uuid primary key default gen_random_uuid(),
    scenario_id uuid not null references stress_scenarios(id) on delete cascade,
    shock_kind varchar(20) not null,
    factor_id uuid references factor_definitions(id),
    underlying_symbol varchar(32),
    shock_value numeric(12, 8) not null,
    source text,
    constraint stress_shocks_kind check (shock_kind in ('factor_return', 'yield_change', 'spot', 'volatility')),
    constraint stress_shocks_target check (
        case when shock_kind in ('factor_return', 'yield_change') then factor_id is not null and underlying_symbol is null
             else factor_id is null and underlying_symbol is not null end),
    constraint stress_shocks_return_floor check (shock_value <> 'NaN' and (shock_kind not in ('factor_return', 'spot') or shock_value > -1))
);
create unique index stress_shocks_factor_key on stress_scenario_shocks (scenario_id, shock_kind, factor_id) where factor_id is not null;
create unique index stress_shocks_underlying_key on stress_scenario_shocks (scenario_id, shock_kind, underlying_symbol) where underlying_symbol is not null;

insert into stress_scenarios (name, description, scenario_type, category, window_start, window_end, display_order) values
('Market Up 10%', 'Equity market (SPY) rises 10%', 'sensitivity', 'market', null, null, 1),
('Market Down 10%', 'Equity market (SPY) falls 10%', 'sensitivity', 'market', null, null, 2),
('Rates Up 0.25%', 'Long Treasury yields rise 25 basis points', 'sensitivity', 'rates', null, null, 3),
('Rates Down 0.25%', 'Long Treasury yields fall 25 basis points', 'sensitivity', 'rates', null, null, 4),
('Oil Up 5%', 'Crude oil (USO) rises 5%', 'sensitivity', 'commodity', null, null, 5),
('Oil Down 5%', 'Crude oil (USO) falls 5%', 'sensitivity', 'commodity', null, null, 6),
('2008 Financial Crisis', 'Lehman month: S&P 500 close 2008-09-12 to 2008-10-10', 'historical', 'crisis', '2008-09-12', '2008-10-10', 7),
('COVID-19 Crash', 'S&P 500 peak 2020-02-19 to trough 2020-03-23', 'historical', 'crisis', '2020-02-19', '2020-03-23', 8),
('Black Monday 1987', 'NYSE Composite, 1987-10-16 close to 1987-10-19 close', 'historical', 'crisis', '1987-10-16', '1987-10-19', 9),
('Dot-com Bust', 'S&P 500 peak 2000-03-24 to trough 2002-10-09', 'historical', 'crisis', '2000-03-24', '2002-10-09', 10),
('2011 US Downgrade', 'S&P 500 close 2011-07-22 to 2011-08-08', 'historical', 'crisis', '2011-07-22', '2011-08-08', 11),
('2018 Q4 Selloff', 'S&P 500 close 2018-09-20 to 2018-12-24', 'historical', 'crisis', '2018-09-20', '2018-12-24', 12);

insert into stress_scenario_shocks (scenario_id, shock_kind, factor_id, shock_value, source)
select s.id, v.kind, f.id, v.shock, v.source
from (values
    ('Market Up 10%', 'factor_return', 'market', 0.10, 'design section 4'),
    ('Market Down 10%', 'factor_return', 'market', -0.10, 'design section 4'),
    ('Rates Up 0.25%', 'yield_change', 'interest_rate', 0.0025, 'design section 4'),
    ('Rates Down 0.25%', 'yield_change', 'interest_rate', -0.0025, 'design section 4'),
    ('Oil Up 5%', 'factor_return', 'oil', 0.05, 'design section 4'),
    ('Oil Down 5%', 'factor_return', 'oil', -0.05, 'design section 4'),
    ('2008 Financial Crisis', 'factor_return', 'market', -0.2816010177, 'S&P 500 price index 2008-09-12 -> 2008-10-10 (shared/data sp500)'),
    ('COVID-19 Crash', 'factor_return', 'market', -0.3392496001, 'S&P 500 price index 2020-02-19 -> 2020-03-23 (shared/data sp500)'),
    ('Black Monday 1987', 'factor_return', 'market', -0.1917300320, 'NYSE Composite 1987-10-16 -> 1987-10-19 (shared/data nyse)'),
    ('Dot-com Bust', 'factor_return', 'market', -0.4914694789, 'S&P 500 price index 2000-03-24 -> 2002-10-09 (shared/data sp500)'),
    ('2011 US Downgrade', 'factor_return', 'market', -0.1677001499, 'S&P 500 price index 2011-07-22 -> 2011-08-08 (shared/data sp500)'),
    ('2018 Q4 Selloff', 'factor_return', 'market', -0.1977821042, 'S&P 500 price index 2018-09-20 -> 2018-12-24 (shared/data sp500)')
) as v(scenario, kind, factor, shock, source)
join stress_scenarios s on s.name = v.scenario
join factor_definitions f on f.name = v.factor;

create table stress_test_results (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    scenario_id uuid not null references stress_scenarios(id) on delete cascade,
    calculation_date date not null,
    portfolio_value numeric(18, 2) not null,
    -- P&L from the scenario's own shocks only.
    direct_pnl numeric(18, 2) not null,
    -- P&L after carrying the shocks to the other factors by conditional expectation.
    correlated_pnl numeric(18, 2) not null,
    direct_pnl_pct numeric(12, 8),
    correlated_pnl_pct numeric(12, 8),
    -- [{factor, shock, direct_pnl, correlated_pnl}] and [{position_id, symbol, pnl}].
    factor_impacts jsonb not null,
    position_impacts jsonb not null,
    created_at timestamptz not null default now(),
    constraint stress_test_results_key unique (portfolio_id, scenario_id, calculation_date)
);
create index idx_stress_results_portfolio_date on stress_test_results (portfolio_id, calculation_date desc);

-- Seed 001: cached portfolio computations keyed by a hash of the positions.
create table portfolio_analytics_cache (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    cache_type varchar(50) not null,
    cache_key varchar(255) not null,
    cached_data jsonb not null,
    valid_until timestamptz not null,
    created_at timestamptz not null default now(),
    constraint portfolio_analytics_cache_key unique (portfolio_id, cache_type, cache_key)
);
create index idx_cache_portfolio on portfolio_analytics_cache (portfolio_id);
create index idx_cache_valid on portfolio_analytics_cache (valid_until);
