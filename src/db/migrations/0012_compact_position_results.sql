-- Per-position results as arrays, one row per portfolio and date (issue 8's storage and speed budget).
-- Row per position and factor (position_factor_exposures) and per position, confidence and horizon
-- (position_var_contributions), with per-position JSON in stress_test_results, cost about 250 kB and
-- 400 written rows per 30-position portfolio and day: 2.5 GB a day for 10,000 portfolios, measured by
-- bench/portfolio-refresh.bench.ts, and most of the refresh's time.
--
-- The order of every per-position array of a portfolio's day is portfolio_snapshots.position_ids
-- (the open positions), written in the same transaction. A null element means the result is not
-- defined for that position (no betas, no return history).
--
-- Days stored before this migration are converted, not dropped: their order is the correlation
-- matrix's (the refresh's order of the open positions) or, for a day without a matrix, the positions
-- with per-position results that day by entry date and id.

alter table portfolio_snapshots add column position_ids uuid[];

update portfolio_snapshots s set position_ids = m.position_ids
from portfolio_correlation_matrices m
where s.frequency = 'daily' and m.portfolio_id = s.portfolio_id and m.calculation_date = s.snapshot_date;

update portfolio_snapshots s set position_ids = o.ids
from (
    select x.portfolio_id, x.calculation_date, array_agg(x.position_id order by p.entry_date, p.id) as ids
    from (
        select p.portfolio_id, e.position_id, e.calculation_date from position_factor_exposures e join positions p on p.id = e.position_id
        union
        select portfolio_id, position_id, calculation_date from position_var_contributions
        union
        select p.portfolio_id, g.position_id, g.calculation_date from position_greeks g join positions p on p.id = g.position_id
    ) x
    join positions p on p.id = x.position_id
    group by x.portfolio_id, x.calculation_date
) o
where s.position_ids is null and s.frequency = 'daily' and o.portfolio_id = s.portfolio_id and o.calculation_date = s.snapshot_date;

-- Position factor exposures: one row per portfolio and day.
create table position_factor_exposures_new (
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
insert into position_factor_exposures_new (portfolio_id, calculation_date, factor_ids, betas, dollars)
select s.portfolio_id, s.snapshot_date, f.ids,
    array(select e.exposure_value::float8
          from unnest(s.position_ids) with ordinality as pos(id, i) cross join unnest(f.ids) with ordinality as fac(id, j)
          left join position_factor_exposures e on e.position_id = pos.id and e.factor_id = fac.id and e.calculation_date = s.snapshot_date
          order by pos.i, fac.j),
    array(select e.exposure_dollar::float8
          from unnest(s.position_ids) with ordinality as pos(id, i) cross join unnest(f.ids) with ordinality as fac(id, j)
          left join position_factor_exposures e on e.position_id = pos.id and e.factor_id = fac.id and e.calculation_date = s.snapshot_date
          order by pos.i, fac.j)
from portfolio_snapshots s
cross join lateral (
    select array_agg(d.id order by d.display_order, d.name) as ids from factor_definitions d
    where d.id in (select e.factor_id from position_factor_exposures e where e.calculation_date = s.snapshot_date and e.position_id = any(s.position_ids))
) f
where s.frequency = 'daily' and s.position_ids is not null and f.ids is not null;
drop table position_factor_exposures;
alter table position_factor_exposures_new rename to position_factor_exposures;
alter index position_factor_exposures_new_pkey rename to position_factor_exposures_pkey;
alter table position_factor_exposures rename constraint position_factor_exposures_new_portfolio_id_fkey to position_factor_exposures_portfolio_id_fkey;

-- Component VaR: one row per portfolio, day, confidence and horizon.
create table position_var_contributions_new (
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
insert into position_var_contributions_new (portfolio_id, calculation_date, confidence, horizon_days, component_var, component_cvar, marginal_var, percent_of_var)
select s.portfolio_id, s.snapshot_date, k.confidence, k.horizon_days,
    array(select v.component_var::float8 from unnest(s.position_ids) with ordinality as pos(id, i)
          left join position_var_contributions v on v.position_id = pos.id and v.calculation_date = s.snapshot_date and v.confidence = k.confidence and v.horizon_days = k.horizon_days
          order by pos.i),
    array(select v.component_cvar::float8 from unnest(s.position_ids) with ordinality as pos(id, i)
          left join position_var_contributions v on v.position_id = pos.id and v.calculation_date = s.snapshot_date and v.confidence = k.confidence and v.horizon_days = k.horizon_days
          order by pos.i),
    array(select v.marginal_var::float8 from unnest(s.position_ids) with ordinality as pos(id, i)
          left join position_var_contributions v on v.position_id = pos.id and v.calculation_date = s.snapshot_date and v.confidence = k.confidence and v.horizon_days = k.horizon_days
          order by pos.i),
    array(select v.percent_of_var::float8 from unnest(s.position_ids) with ordinality as pos(id, i)
          left join position_var_contributions v on v.position_id = pos.id and v.calculation_date = s.snapshot_date and v.confidence = k.confidence and v.horizon_days = k.horizon_days
          order by pos.i)
from portfolio_snapshots s
join (select distinct portfolio_id, calculation_date, confidence, horizon_days from position_var_contributions) k
    on k.portfolio_id = s.portfolio_id and k.calculation_date = s.snapshot_date
where s.frequency = 'daily' and s.position_ids is not null;
drop table position_var_contributions;
alter table position_var_contributions_new rename to position_var_contributions;
alter index position_var_contributions_new_pkey rename to position_var_contributions_pkey;
alter table position_var_contributions rename constraint position_var_contributions_new_portfolio_id_fkey to position_var_contributions_portfolio_id_fkey;

-- Stress P&L per position: direct and correlated, in the snapshot's position order, in cents; and
-- factor_impacts as {"<factor>": [shock, correlated shock, direct P&L, correlated P&L]} (was one
-- object per factor with the names repeated: 470 of a row's 1,100 bytes).
alter table stress_test_results
    add column position_direct_pnl double precision[],
    add column position_correlated_pnl double precision[];
update stress_test_results r set
    position_direct_pnl = array(
        select (select round((e ->> 'directPnl')::numeric, 2)::float8 from jsonb_array_elements(r.position_impacts) e where e ->> 'positionId' = pos.id::text limit 1)
        from unnest(s.position_ids) with ordinality as pos(id, i) order by pos.i),
    position_correlated_pnl = array(
        select (select round((e ->> 'correlatedPnl')::numeric, 2)::float8 from jsonb_array_elements(r.position_impacts) e where e ->> 'positionId' = pos.id::text limit 1)
        from unnest(s.position_ids) with ordinality as pos(id, i) order by pos.i)
from portfolio_snapshots s
where s.frequency = 'daily' and s.portfolio_id = r.portfolio_id and s.snapshot_date = r.calculation_date
    and s.position_ids is not null and jsonb_typeof(r.position_impacts) = 'array';
update stress_test_results set position_direct_pnl = '{}' where position_direct_pnl is null;
update stress_test_results set position_correlated_pnl = '{}' where position_correlated_pnl is null;
update stress_test_results r set factor_impacts = coalesce((
    select jsonb_object_agg(e ->> 'factor', jsonb_build_array(e -> 'shock', e -> 'correlatedShock',
        round((e ->> 'directPnl')::numeric, 2), round((e ->> 'correlatedPnl')::numeric, 2)))
    from jsonb_array_elements(r.factor_impacts) e), '{}'::jsonb)
where jsonb_typeof(r.factor_impacts) = 'array';
alter table stress_test_results
    drop column position_impacts,
    alter column position_direct_pnl set not null,
    alter column position_correlated_pnl set not null;
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
