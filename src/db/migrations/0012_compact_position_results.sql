-- Per-position results as arrays, one row per portfolio and date (issue 8's storage and speed budget).
-- Row per position and factor (position_factor_exposures) and per position, confidence and horizon
-- (position_var_contributions), with per-position JSON in stress_test_results, cost about 250 kB and
-- 400 written rows per 30-position portfolio and day: 2.5 GB a day for 10,000 portfolios, measured by
-- bench/portfolio-refresh.bench.ts, and most of the refresh's time. The results are recomputed by
-- the batch, so the old rows are dropped rather than converted.
--
-- The order of every per-position array of a portfolio's day is portfolio_snapshots.position_ids
-- (the open positions; portfolio_correlation_matrices.position_ids holds the same order). A null
-- element means the result is not defined for that position (no betas, no return history).

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

-- Covered by the unique keys, which lead with (portfolio_id, calculation_date).
drop index idx_var_results_portfolio_date;

-- The refresh rewrites each open position's valuation columns every day: room in each page lets
-- PostgreSQL update the row in place (a HOT update, no index entries) instead of moving it.
alter table positions set (fillfactor = 80);
