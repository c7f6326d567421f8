-- Stress, VaR, component VaR and portfolio factor results as one row per portfolio and date, and no
-- index that no query needs (issue 8's storage and speed budget). Per scenario (12), per VaR method,
-- confidence and horizon (16), per factor (9) and per confidence and horizon of component VaR (4),
-- with a row header, the (portfolio_id, calculation_date) key, a created_at and a primary-key entry
-- each, cost about 22 kB and 41 written rows per portfolio and day, measured by
-- bench/results-storage.bench.ts; the same figures as arrays in one row of each table cost about
-- 13 kB (a row over 2 kB is compressed by TOAST, which the rows of about 1 kB never reached).
--
-- Every figure keeps its column's type (the numeric arrays keep their precision and scale, so the
-- stored numbers are the same digits); the arrays of a row are aligned: element i of each is one
-- scenario, one VaR estimate, one factor. Rows stored before this migration are converted, not dropped.

-- VaR: element i of each array is one (method, confidence, horizon), in that order.
create table portfolio_var_results_new (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    portfolio_value numeric(18, 2) not null,
    method varchar(20)[] not null,
    confidence numeric(6, 5)[] not null,
    horizon_days integer[] not null,
    -- Positive dollar losses; the return columns are the (negative) quantiles they come from.
    var_value numeric(18, 2)[] not null,
    cvar_value numeric(18, 2)[] not null,
    var_return numeric(24, 10)[] not null,
    cvar_return numeric(24, 10)[] not null,
    -- History dates (historical, parametric) or simulations (Monte Carlo).
    sample_size integer[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date),
    constraint portfolio_var_results_shape check (
        cardinality(confidence) = cardinality(method) and cardinality(horizon_days) = cardinality(method)
        and cardinality(var_value) = cardinality(method) and cardinality(cvar_value) = cardinality(method)
        and cardinality(var_return) = cardinality(method) and cardinality(cvar_return) = cardinality(method)
        and cardinality(sample_size) = cardinality(method)),
    constraint portfolio_var_results_complete check (
        array_position(method, null) is null and array_position(confidence, null) is null and array_position(horizon_days, null) is null
        and array_position(var_value, null) is null and array_position(cvar_value, null) is null and array_position(var_return, null) is null
        and array_position(cvar_return, null) is null and array_position(sample_size, null) is null),
    constraint portfolio_var_results_method check (method <@ array['historical', 'gaussian', 'modified', 'monte_carlo']::varchar(20)[]),
    constraint portfolio_var_results_confidence check (0.5 < all (confidence) and 1 > all (confidence)),
    constraint portfolio_var_results_horizon check (0 < all (horizon_days)),
    constraint portfolio_var_results_sample check (1 < all (sample_size))
);
insert into portfolio_var_results_new (portfolio_id, calculation_date, portfolio_value, method, confidence, horizon_days,
    var_value, cvar_value, var_return, cvar_return, sample_size)
select portfolio_id, calculation_date,
    (array_agg(portfolio_value order by method, confidence, horizon_days))[1],
    array_agg(method order by method, confidence, horizon_days),
    array_agg(confidence order by method, confidence, horizon_days),
    array_agg(horizon_days order by method, confidence, horizon_days),
    array_agg(var_value order by method, confidence, horizon_days),
    array_agg(cvar_value order by method, confidence, horizon_days),
    array_agg(var_return order by method, confidence, horizon_days),
    array_agg(cvar_return order by method, confidence, horizon_days),
    array_agg(sample_size order by method, confidence, horizon_days)
from portfolio_var_results
group by portfolio_id, calculation_date;
drop table portfolio_var_results;
alter table portfolio_var_results_new rename to portfolio_var_results;
alter index portfolio_var_results_new_pkey rename to portfolio_var_results_pkey;
alter table portfolio_var_results rename constraint portfolio_var_results_new_portfolio_id_fkey to portfolio_var_results_portfolio_id_fkey;

-- Portfolio factor exposures: element i of each array is factor_ids[i].
create table portfolio_factor_exposures_new (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    factor_ids uuid[] not null,
    -- Portfolio beta: sum of position weights x betas (weights on portfolio equity).
    exposure_value numeric(14, 8)[] not null,
    exposure_dollar numeric(18, 2)[] not null,
    -- The factor's share of portfolio variance, b_k (Sigma b)_k, in dollars squared per day; null when not defined.
    variance_contribution numeric(24, 6)[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date),
    constraint portfolio_factor_exposures_shape check (
        cardinality(exposure_value) = cardinality(factor_ids) and cardinality(exposure_dollar) = cardinality(factor_ids)
        and cardinality(variance_contribution) = cardinality(factor_ids)),
    constraint portfolio_factor_exposures_complete check (
        array_position(factor_ids, null) is null and array_position(exposure_value, null) is null and array_position(exposure_dollar, null) is null)
);
insert into portfolio_factor_exposures_new (portfolio_id, calculation_date, factor_ids, exposure_value, exposure_dollar, variance_contribution)
select e.portfolio_id, e.calculation_date,
    array_agg(e.factor_id order by f.display_order, f.name),
    array_agg(e.exposure_value order by f.display_order, f.name),
    array_agg(e.exposure_dollar order by f.display_order, f.name),
    array_agg(e.variance_contribution order by f.display_order, f.name)
from portfolio_factor_exposures e join factor_definitions f on f.id = e.factor_id
group by e.portfolio_id, e.calculation_date;
drop table portfolio_factor_exposures;
alter table portfolio_factor_exposures_new rename to portfolio_factor_exposures;
alter index portfolio_factor_exposures_new_pkey rename to portfolio_factor_exposures_pkey;
alter table portfolio_factor_exposures rename constraint portfolio_factor_exposures_new_portfolio_id_fkey to portfolio_factor_exposures_portfolio_id_fkey;

-- Component VaR: element k of confidence and horizon_days is one estimate; the matrices are
-- estimate-major, [k * n + p] for position p of the snapshot's n positions (position_ids), in
-- (confidence, horizon) order.
create table position_var_contributions_new (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    confidence numeric(6, 5)[] not null,
    horizon_days integer[] not null,
    -- In dollars: positive = adds to the loss; a hedge is negative.
    component_var double precision[] not null,
    component_cvar double precision[] not null,
    -- Change of VaR (a positive loss) per dollar of delta exposure.
    marginal_var double precision[] not null,
    -- component / total; null when the total is too close to zero for a share to mean anything.
    percent_of_var double precision[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date),
    constraint position_var_contributions_shape check (
        cardinality(horizon_days) = cardinality(confidence)
        and cardinality(component_cvar) = cardinality(component_var) and cardinality(marginal_var) = cardinality(component_var)
        and cardinality(percent_of_var) = cardinality(component_var)
        and cardinality(component_var) % greatest(cardinality(confidence), 1) = 0),
    constraint position_var_contributions_complete check (array_position(confidence, null) is null and array_position(horizon_days, null) is null)
);
insert into position_var_contributions_new (portfolio_id, calculation_date, confidence, horizon_days, component_var, component_cvar, marginal_var, percent_of_var)
select g.portfolio_id, g.calculation_date, g.confidence, g.horizon_days,
    array(select u.x from position_var_contributions v cross join unnest(v.component_var) with ordinality as u(x, i)
          where v.portfolio_id = g.portfolio_id and v.calculation_date = g.calculation_date order by v.confidence, v.horizon_days, u.i),
    array(select u.x from position_var_contributions v cross join unnest(v.component_cvar) with ordinality as u(x, i)
          where v.portfolio_id = g.portfolio_id and v.calculation_date = g.calculation_date order by v.confidence, v.horizon_days, u.i),
    array(select u.x from position_var_contributions v cross join unnest(v.marginal_var) with ordinality as u(x, i)
          where v.portfolio_id = g.portfolio_id and v.calculation_date = g.calculation_date order by v.confidence, v.horizon_days, u.i),
    array(select u.x from position_var_contributions v cross join unnest(v.percent_of_var) with ordinality as u(x, i)
          where v.portfolio_id = g.portfolio_id and v.calculation_date = g.calculation_date order by v.confidence, v.horizon_days, u.i)
from (
    select portfolio_id, calculation_date,
        array_agg(confidence order by confidence, horizon_days) as confidence,
        array_agg(horizon_days order by confidence, horizon_days) as horizon_days
    from position_var_contributions
    group by portfolio_id, calculation_date
) g;
drop table position_var_contributions;
alter table position_var_contributions_new rename to position_var_contributions;
alter index position_var_contributions_new_pkey rename to position_var_contributions_pkey;
alter table position_var_contributions rename constraint position_var_contributions_new_portfolio_id_fkey to position_var_contributions_portfolio_id_fkey;

-- Stress results: element i of the per-scenario arrays is scenario_ids[i]; the matrices are
-- scenario-major. factor_impacts holds, for scenario i and factor j of `factors`, the four numbers
-- [shock, correlated shock, direct P&L, correlated P&L] at [(i * cardinality(factors) + j) * 4 ..];
-- all four null when the scenario has no figure for that factor. `factors` is in the order the API
-- lists them (jsonb's key order: by length, then bytes), as the per-scenario jsonb objects had it.
-- The per-position P&L is [i * n + p] for position p of the snapshot's n positions (position_ids).
create table stress_test_results_new (
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    portfolio_value numeric(18, 2) not null,
    scenario_ids uuid[] not null,
    -- P&L from the scenario's own shocks only.
    direct_pnl numeric(18, 2)[] not null,
    -- P&L after carrying the shocks to the other factors by conditional expectation.
    correlated_pnl numeric(18, 2)[] not null,
    direct_pnl_pct numeric(12, 8)[] not null,
    correlated_pnl_pct numeric(12, 8)[] not null,
    factors text[] not null,
    factor_impacts double precision[] not null,
    position_direct_pnl double precision[] not null,
    position_correlated_pnl double precision[] not null,
    created_at timestamptz not null default now(),
    primary key (portfolio_id, calculation_date),
    constraint stress_test_results_shape check (
        cardinality(direct_pnl) = cardinality(scenario_ids) and cardinality(correlated_pnl) = cardinality(scenario_ids)
        and cardinality(direct_pnl_pct) = cardinality(scenario_ids) and cardinality(correlated_pnl_pct) = cardinality(scenario_ids)
        and cardinality(factor_impacts) = cardinality(scenario_ids) * cardinality(factors) * 4
        and cardinality(position_correlated_pnl) = cardinality(position_direct_pnl)
        and cardinality(position_direct_pnl) % greatest(cardinality(scenario_ids), 1) = 0),
    constraint stress_test_results_complete check (
        array_position(scenario_ids, null) is null and array_position(direct_pnl, null) is null and array_position(correlated_pnl, null) is null)
);
insert into stress_test_results_new (portfolio_id, calculation_date, portfolio_value, scenario_ids, direct_pnl, correlated_pnl,
    direct_pnl_pct, correlated_pnl_pct, factors, factor_impacts, position_direct_pnl, position_correlated_pnl)
select g.portfolio_id, g.calculation_date, g.portfolio_value, g.scenario_ids, g.direct_pnl, g.correlated_pnl, g.direct_pnl_pct, g.correlated_pnl_pct,
    f.names,
    array(select (r.factor_impacts -> n.name ->> k.k)::float8
          from stress_test_results r
          cross join unnest(f.names) with ordinality as n(name, j)
          cross join generate_series(0, 3) as k(k)
          where r.portfolio_id = g.portfolio_id and r.calculation_date = g.calculation_date
          order by r.scenario_id, n.j, k.k),
    array(select u.x from stress_test_results r cross join unnest(r.position_direct_pnl) with ordinality as u(x, i)
          where r.portfolio_id = g.portfolio_id and r.calculation_date = g.calculation_date order by r.scenario_id, u.i),
    array(select u.x from stress_test_results r cross join unnest(r.position_correlated_pnl) with ordinality as u(x, i)
          where r.portfolio_id = g.portfolio_id and r.calculation_date = g.calculation_date order by r.scenario_id, u.i)
from (
    select portfolio_id, calculation_date,
        (array_agg(portfolio_value order by scenario_id))[1] as portfolio_value,
        array_agg(scenario_id order by scenario_id) as scenario_ids,
        array_agg(direct_pnl order by scenario_id) as direct_pnl,
        array_agg(correlated_pnl order by scenario_id) as correlated_pnl,
        array_agg(direct_pnl_pct order by scenario_id) as direct_pnl_pct,
        array_agg(correlated_pnl_pct order by scenario_id) as correlated_pnl_pct
    from stress_test_results
    group by portfolio_id, calculation_date
) g
cross join lateral (
    select coalesce(array_agg(x.name order by octet_length(x.name), convert_to(x.name, 'UTF8')), '{}') as names
    from (select distinct jsonb_object_keys(r.factor_impacts) as name from stress_test_results r
          where r.portfolio_id = g.portfolio_id and r.calculation_date = g.calculation_date) x
) f;
drop table stress_test_results;
alter table stress_test_results_new rename to stress_test_results;
alter index stress_test_results_new_pkey rename to stress_test_results_pkey;
alter table stress_test_results rename constraint stress_test_results_new_portfolio_id_fkey to stress_test_results_portfolio_id_fkey;

-- The analytics cache is read by its key only: the key becomes the primary key, and the surrogate
-- id, the index on portfolio_id (the key's first column) and the one on valid_until (no reader) go.
alter table portfolio_analytics_cache drop column id;
drop index idx_cache_portfolio;
drop index idx_cache_valid;
alter table portfolio_analytics_cache drop constraint portfolio_analytics_cache_key;
alter table portfolio_analytics_cache add primary key (portfolio_id, cache_type, cache_key);

-- Greeks are read by position (and date): the same for position_greeks.
alter table position_greeks drop column id;
drop index idx_position_greeks_date;
alter table position_greeks drop constraint position_greeks_key;
alter table position_greeks add primary key (position_id, calculation_date);
-- get_active_positions (migration 0010) told "no Greeks" by the id: the same function, by the key.
create or replace function get_active_positions(p_portfolio_id uuid)
returns table (
    position_id uuid,
    symbol varchar,
    position_type varchar,
    quantity numeric,
    entry_price numeric,
    current_price numeric,
    market_value numeric,
    unrealized_pnl numeric,
    greeks jsonb
)
language sql
stable
as $$
    select
        p.id,
        p.symbol,
        p.position_type::varchar,
        p.quantity,
        p.entry_price,
        p.last_price,
        p.market_value,
        p.unrealized_pnl,
        case when pg.position_id is null then null else jsonb_build_object(
            'delta', pg.delta, 'gamma', pg.gamma, 'theta', pg.theta, 'vega', pg.vega, 'rho', pg.rho,
            'calculation_date', pg.calculation_date, 'is_estimated', pg.is_estimated) end
    from positions p
    left join lateral (
        select g.* from position_greeks g
        where g.position_id = p.id
        order by g.calculation_date desc
        limit 1
    ) pg on true
    where p.portfolio_id = p_portfolio_id
      and p.deleted_at is null
      and p.exit_date is null
    order by p.symbol, p.id
$$;

-- Snapshots are read by portfolio and date: the unique key (portfolio_id, snapshot_date, frequency)
-- serves every read, in either direction; the second index on (portfolio_id, snapshot_date desc) goes.
drop index idx_snapshots_portfolio_date;
