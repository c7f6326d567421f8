-- The portfolio refresh's results (issue 8, docs/portfolio-risk.md): every VaR method, confidence and
-- horizon; component VaR per position; the cash flows of the equity roll-forward; and the snapshot's
-- equity, time-weighted return, Sortino ratio and the provenance of its inputs.

-- Deposits (> 0) and withdrawals (< 0) of a portfolio: equity = previous equity + P&L + flows.
create table portfolio_cash_flows (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    flow_date date not null,
    amount numeric(18, 2) not null,
    description text,
    created_at timestamptz not null default now(),
    constraint portfolio_cash_flows_amount check (amount <> 0 and amount <> 'NaN')
);
create index idx_cash_flows_portfolio_date on portfolio_cash_flows (portfolio_id, flow_date);

-- Dollar figures are positive losses; the return columns are the (negative) quantiles they come from.
create table portfolio_var_results (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    method varchar(20) not null,
    confidence numeric(6, 5) not null,
    horizon_days integer not null,
    var_value numeric(18, 2) not null,
    cvar_value numeric(18, 2) not null,
    var_return numeric(24, 10) not null,
    cvar_return numeric(24, 10) not null,
    portfolio_value numeric(18, 2) not null,
    -- History dates (historical, parametric) or simulations (Monte Carlo).
    sample_size integer not null,
    created_at timestamptz not null default now(),
    constraint portfolio_var_results_key unique (portfolio_id, calculation_date, method, confidence, horizon_days),
    constraint portfolio_var_results_method check (method in ('historical', 'gaussian', 'modified', 'monte_carlo')),
    constraint portfolio_var_results_confidence check (confidence > 0.5 and confidence < 1),
    constraint portfolio_var_results_horizon check (horizon_days > 0),
    constraint portfolio_var_results_sample check (sample_size > 1)
);
create index idx_var_results_portfolio_date on portfolio_var_results (portfolio_id, calculation_date desc);

-- Euler decomposition of the Gaussian (delta) VaR across positions; components sum to the total.
create table position_var_contributions (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    position_id uuid not null references positions(id) on delete cascade,
    calculation_date date not null,
    confidence numeric(6, 5) not null,
    horizon_days integer not null,
    -- Positive = adds to the loss; a hedge is negative.
    component_var numeric(18, 2) not null,
    component_cvar numeric(18, 2) not null,
    -- Change of VaR (a positive loss) per dollar of delta exposure.
    marginal_var numeric(24, 10) not null,
    -- component / total; null when the total is too close to zero for a share to mean anything (a hedged book).
    percent_of_var numeric(24, 10),
    created_at timestamptz not null default now(),
    constraint position_var_contributions_key unique (position_id, calculation_date, confidence, horizon_days)
);
create index idx_var_contributions_portfolio_date on position_var_contributions (portfolio_id, calculation_date);

alter table portfolio_snapshots
    -- Equity of the roll-forward (docs/portfolio-risk.md) and the cumulative time-weighted return.
    add column equity_value numeric(18, 2),
    add column time_weighted_return numeric(24, 10),
    add column realized_pnl numeric(18, 2),
    add column unrealized_pnl numeric(18, 2),
    add column sortino_ratio numeric(12, 6),
    add column cash_flows numeric(18, 2),
    -- Provenance: the oldest price date used, the rate, the history length, and whether any input
    -- came from the synthetic demo market or was older than the snapshot date.
    add column inputs_date date,
    add column risk_free_rate numeric(8, 6),
    add column history_observations integer,
    add column inputs_synthetic boolean not null default false,
    add column inputs_stale boolean not null default false,
    -- Hash of the positions the results were computed from (the analytics cache's key), and the
    -- latest change among them as the refresh read them (the refresh-on-change sweep compares it).
    add column positions_hash varchar(64),
    add column positions_changed_at timestamptz;
