-- Factor definitions and factor exposures at three levels (symbol, position, portfolio), plus the
-- factor covariance the stress tests and the factor VaR use.
--
-- Factors are proxied by ETF returns. Interest Rate (TLT) carries the proxy's modified duration so a
-- yield shock maps to a proxy return (dP/P = -D dy). Short Interest has no ETF: it is computed from
-- short_selling_metrics.

create table factor_definitions (
    id uuid primary key default gen_random_uuid(),
    name varchar(50) not null,
    display_name varchar(100) not null,
    description text not null,
    etf_proxy varchar(10),
    factor_type varchar(20) not null,
    calculation_method text not null,
    -- Modified duration of the proxy, in years; only for rate factors.
    proxy_duration_years numeric(8, 4),
    display_order integer not null,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    constraint factor_definitions_name_key unique (name),
    constraint factor_definitions_display_order_key unique (display_order),
    constraint factor_definitions_type check (factor_type in ('macro', 'style', 'sector', 'commodity', 'rates', 'custom')),
    constraint factor_definitions_proxy check (etf_proxy is not null or factor_type = 'custom'),
    constraint factor_definitions_duration check (proxy_duration_years is null or proxy_duration_years > 0)
);

insert into factor_definitions (name, display_name, description, etf_proxy, factor_type, calculation_method, proxy_duration_years, display_order) values
('market', 'Market', 'Exposure to overall equity market movements', 'SPY', 'macro', 'OLS beta of daily returns on SPY returns', null, 1),
('momentum', 'Momentum', 'Exposure to recent price momentum', 'MTUM', 'style', 'OLS beta on MTUM returns; spread form MTUM - SPY', null, 2),
('value', 'Value', 'Exposure to value characteristics', 'VTV', 'style', 'OLS beta on VTV returns; spread form Growth-Value = VUG - VTV', null, 3),
('growth', 'Growth', 'Exposure to growth characteristics', 'VUG', 'style', 'OLS beta on VUG returns; spread form Growth-Value = VUG - VTV', null, 4),
('quality', 'Quality', 'Exposure to quality metrics', 'QUAL', 'style', 'OLS beta on QUAL returns; spread form QUAL - SPY', null, 5),
('size', 'Size', 'Exposure to small-cap stocks', 'IWM', 'style', 'OLS beta on IWM returns; spread form IWM - SPY', null, 6),
('low_volatility', 'Low Volatility', 'Exposure to low volatility stocks', 'SPLV', 'style', 'OLS beta on SPLV returns', null, 7),
('interest_rate', 'Interest Rate', 'Exposure to long Treasury prices (rates down = TLT up)', 'TLT', 'rates', 'OLS beta on TLT returns; a yield shock dy maps to a TLT return of -duration x dy', 16.5, 8),
('oil', 'Oil', 'Exposure to crude oil prices', 'USO', 'commodity', 'OLS beta on USO returns', null, 9),
('short_interest', 'Short Interest', 'Exposure to heavily shorted stocks', null, 'custom', 'Computed from short_selling_metrics: days to cover and borrow cost of the holdings', null, 10);

create table symbol_factor_exposures (
    id uuid primary key default gen_random_uuid(),
    symbol varchar(32) not null,
    factor_id uuid not null references factor_definitions(id),
    calculation_date date not null,
    beta_value numeric(14, 8) not null,
    std_error numeric(14, 8),
    t_stat numeric(14, 6),
    r_squared numeric(10, 8),
    observations integer not null,
    window_days integer not null,
    calculation_method varchar(30) not null,
    created_at timestamptz not null default now(),
    constraint symbol_factor_exposures_key unique (symbol, factor_id, calculation_date, calculation_method, window_days),
    constraint symbol_factor_exposures_method check (calculation_method in ('ols_multifactor', 'ols_single', 'ridge', 'spread_ols')),
    constraint symbol_factor_exposures_r2 check (r_squared is null or (r_squared >= 0 and r_squared <= 1)),
    constraint symbol_factor_exposures_obs check (observations > 0 and window_days > 0)
);
create index idx_symbol_factor_exposures_symbol_date on symbol_factor_exposures (symbol, calculation_date desc);
create index idx_symbol_factor_exposures_date on symbol_factor_exposures (calculation_date);

create table position_factor_exposures (
    id uuid primary key default gen_random_uuid(),
    position_id uuid not null references positions(id) on delete cascade,
    factor_id uuid not null references factor_definitions(id),
    calculation_date date not null,
    -- Beta of the position's underlying to the factor.
    exposure_value numeric(14, 8) not null,
    -- Dollar exposure: for stocks market value x beta; for options delta dollars x the underlying's beta.
    exposure_dollar numeric(18, 2) not null,
    created_at timestamptz not null default now(),
    constraint position_factor_exposures_key unique (position_id, factor_id, calculation_date)
);
create index idx_position_factor_exposures_date on position_factor_exposures (calculation_date);

create table portfolio_factor_exposures (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    factor_id uuid not null references factor_definitions(id),
    calculation_date date not null,
    -- Portfolio beta: sum of position weights x betas (weights on portfolio equity).
    exposure_value numeric(14, 8) not null,
    exposure_dollar numeric(18, 2) not null,
    -- This factor's share of portfolio variance, b_k (Sigma b)_k, in dollars squared per day.
    variance_contribution numeric(24, 6),
    created_at timestamptz not null default now(),
    constraint portfolio_factor_exposures_key unique (portfolio_id, factor_id, calculation_date)
);
create index idx_portfolio_factor_exposures_portfolio_date on portfolio_factor_exposures (portfolio_id, calculation_date desc);

-- Upper triangle of the factor covariance of daily returns (factor1_id <= factor2_id).
-- decay_lambda = 1 is the equal-weighted sample covariance; < 1 is EWMA.
create table factor_covariance (
    id uuid primary key default gen_random_uuid(),
    calculation_date date not null,
    factor1_id uuid not null references factor_definitions(id),
    factor2_id uuid not null references factor_definitions(id),
    covariance numeric(24, 14) not null,
    correlation numeric(12, 10) not null,
    lookback_days integer not null,
    decay_lambda numeric(6, 4) not null default 1,
    observations integer not null,
    created_at timestamptz not null default now(),
    constraint factor_covariance_key unique (calculation_date, lookback_days, decay_lambda, factor1_id, factor2_id),
    constraint factor_covariance_triangle check (factor1_id <= factor2_id),
    constraint factor_covariance_decay check (decay_lambda > 0 and decay_lambda <= 1),
    constraint factor_covariance_correlation check (correlation >= -1 and correlation <= 1),
    constraint factor_covariance_lookback check (lookback_days > 1 and observations > 1)
);
