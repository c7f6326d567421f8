-- Per-position results as arrays, one row per portfolio and date (issue 8's storage and speed budget).
-- Row per position and factor (position_factor_exposures) and per position, confidence and horizon
-- (position_var_contributions), with per-position JSON in stress_test_results, cost about 250 kB and
-- 400 written rows per 30-position portfolio and day: 2.5 GB a day for 10,000 portfolios, measured by
-- bench/portfolio-refresh.bench.ts, and most of the refresh's time. The results are recomputed by
-- the batch, so the old rows are dropped rather than converted.
--
-- The order of every per-position array of a portfolio's day is portfolio_snapshots.position_ids
-- (the open positions), written in the same transaction. A null element means the result is not
-- defined for that position (no betas, no return history).

alter table portfolio_snapshots add column position_ids uuid[];

drop table position_factor_exposures;
create table position_factor_exposures (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    -- The factors of the matrix's columns (the style model's, then the single factors it lacks).
    factor_ids uuid[] not null,
    -- Position-major matrices: element [i * cardinality(factor_ids) + j] is position i, factor j.
    -- Beta of the position's underlying to the factor, and dollars (delta dollars x beta).
    betas double precision[] not null,
    dollars double precision[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date),
    constraint position_factor_exposures_shape check (
        cardinality(betas) = cardinality(dollars) and cardinality(betas) % greatest(cardinality(factor_ids), 1) = 0)
);

drop table position_var_contributions;
create table position_var_contributions (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    confidence numeric(6, 5) not null,
    horizon_days integer not null,
    -- Per position, in dollars: positive = adds to the loss; a hedge is negative.
    component_var double precision[] not null,
    component_cvar double precision[] not null,
    -- Change of VaR (a positive loss) per dollar of delta exposure.
    marginal_var double precision[] not null,
    -- component / total; null when the total is too close to zero for a share to mean anything.
    percent_of_var double precision[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date, confidence, horizon_days),
    constraint position_var_contributions_shape check (
        cardinality(component_cvar) = cardinality(component_var) and cardinality(marginal_var) = cardinality(component_var)
        and cardinality(percent_of_var) = cardinality(component_var))
);

-- Stress P&L per position: direct and correlated, in the snapshot's position order.
alter table stress_test_results
    drop column position_impacts,
    add column position_direct_pnl double precision[] not null default '{}',
    add column position_correlated_pnl double precision[] not null default '{}';
alter table stress_test_results
    alter column position_direct_pnl drop default,
    alter column position_correlated_pnl drop default;
-- factor_impacts: {"<factor name>": [shock, correlated shock, direct P&L, correlated P&L], ...} (was
-- one object per factor with the names repeated: 470 of a row's 1,100 bytes).
comment on column stress_test_results.factor_impacts is
    '{"<factor>": [shock, correlated shock, direct P&L, correlated P&L]} per single factor of the stress model';

-- The correlation matrix follows the snapshot's position order too: its own copy of the ids and
-- symbols (about 930 bytes a row) goes. n(n-1)/2 correlations for the snapshot's n positions.
alter table portfolio_correlation_matrices drop constraint portfolio_correlation_matrices_shape;
alter table portfolio_correlation_matrices drop column position_ids, drop column symbols, drop column id,
    drop constraint portfolio_correlation_matrices_key;
drop index idx_correlation_matrices_portfolio_date;
alter table portfolio_correlation_matrices add primary key (portfolio_id, calculation_date);

-- The results tables of many rows per portfolio and day are keyed by what identifies a row, leading
-- with (portfolio_id, calculation_date) as every read does: no surrogate id, one index instead of three.
alter table stress_test_results drop column id, drop constraint stress_test_results_key;
drop index idx_stress_results_portfolio_date;
alter table stress_test_results add primary key (portfolio_id, calculation_date, scenario_id);

alter table portfolio_var_results drop column id, drop constraint portfolio_var_results_key;
drop index idx_var_results_portfolio_date;
alter table portfolio_var_results add primary key (portfolio_id, calculation_date, method, confidence, horizon_days);

alter table portfolio_factor_exposures drop column id, drop constraint portfolio_factor_exposures_key;
drop index idx_portfolio_factor_exposures_portfolio_date;
alter table portfolio_factor_exposures add primary key (portfolio_id, calculation_date, factor_id);

-- The refresh rewrites each open position's valuation columns every day: room in each page lets
-- PostgreSQL update the row in place (a HOT update, no index entries) instead of moving it.
alter table positions set (fillfactor = 80);

-- The latest change among a portfolio's positions (the refresh's watermark and the change sweep)
-- reads deleted positions too, which the partial index leaves out: it scanned the whole table.
drop index idx_positions_portfolio_id;
create index idx_positions_portfolio_id on positions (portfolio_id);
