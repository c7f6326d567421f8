-- Operations: batch jobs and their schedules, the calculation audit log, exports, modeling
-- sessions, and the design's get_active_positions function (corrected so that it runs).

create table batch_jobs (
    id uuid primary key default gen_random_uuid(),
    job_name varchar(100) not null,
    job_type varchar(50) not null,
    status varchar(20) not null default 'pending',
    portfolio_id uuid references portfolios(id) on delete cascade,
    attempts integer not null default 0,
    locked_by varchar(100),
    heartbeat_at timestamptz,
    started_at timestamptz,
    completed_at timestamptz,
    error_message text,
    metadata jsonb,
    created_at timestamptz not null default now(),
    constraint batch_jobs_status check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
    constraint batch_jobs_attempts check (attempts >= 0),
    constraint batch_jobs_times check (completed_at is null or started_at is null or completed_at >= started_at)
);
create index idx_batch_jobs_status_created on batch_jobs (status, created_at desc);

create table batch_job_schedules (
    job_type varchar(50) primary key,
    cron_expression varchar(100) not null,
    timezone varchar(64) not null default 'America/New_York',
    timeout_seconds integer not null,
    description text,
    last_run_at timestamptz,
    next_run_at timestamptz,
    is_enabled boolean not null default true,
    constraint batch_job_schedules_timeout check (timeout_seconds > 0)
);

-- The addendum's three jobs (section 6).
insert into batch_job_schedules (job_type, cron_expression, timeout_seconds, description) values
('market_data_update', '0 16 * * 1-5', 300, 'Fetch the day''s prices for every active symbol (4 PM weekdays)'),
('calculate_risk_metrics', '0 17 * * 1-5', 600, 'Greeks, factor exposures, correlations, VaR and stress tests (5 PM weekdays)'),
('create_daily_snapshot', '30 17 * * 1-5', 300, 'Portfolio snapshots for the day (5:30 PM weekdays)');

create table calculation_audit_log (
    id uuid primary key default gen_random_uuid(),
    calculation_type varchar(50) not null,
    portfolio_id uuid references portfolios(id) on delete cascade,
    batch_job_id uuid references batch_jobs(id) on delete set null,
    calculation_date date not null,
    start_time timestamptz not null,
    end_time timestamptz,
    status varchar(20) not null,
    records_processed integer,
    error_message text,
    metadata jsonb,
    created_at timestamptz not null default now(),
    constraint calculation_audit_status check (status in ('running', 'completed', 'failed')),
    constraint calculation_audit_times check (end_time is null or end_time >= start_time),
    constraint calculation_audit_records check (records_processed is null or records_processed >= 0)
);
create index idx_calculation_audit_type_date on calculation_audit_log (calculation_type, calculation_date desc);

create table export_history (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    portfolio_id uuid references portfolios(id) on delete set null,
    export_type varchar(50) not null,
    export_format varchar(20) not null,
    file_name varchar(255),
    file_size_bytes integer,
    created_at timestamptz not null default now(),
    constraint export_history_type check (export_type in ('portfolio', 'trades', 'modeling_session', 'positions', 'risk_report')),
    constraint export_history_format check (export_format in ('csv', 'json', 'fix')),
    constraint export_history_size check (file_size_bytes is null or file_size_bytes >= 0)
);
create index idx_export_history_user on export_history (user_id, created_at desc);

-- The later of the design's two definitions (session_id, user, status, base/modified snapshots,
-- changes, impact), plus the portfolio it models and risk metrics before and after.
create table modeling_session_snapshots (
    id uuid primary key default gen_random_uuid(),
    session_id varchar(50) not null,
    user_id uuid not null references users(id) on delete cascade,
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    name varchar(255) not null,
    description text,
    status varchar(20) not null default 'active',
    base_snapshot_date date,
    base_portfolio_snapshot jsonb not null,
    modified_portfolio_snapshot jsonb,
    changes jsonb not null default '[]'::jsonb,
    impact_summary jsonb,
    risk_metrics_before jsonb,
    risk_metrics_after jsonb,
    factor_exposures_change jsonb,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    completed_at timestamptz,
    constraint modeling_session_id_key unique (session_id),
    constraint modeling_session_status check (status in ('active', 'completed', 'cancelled')),
    constraint modeling_session_completed check ((status = 'active') = (completed_at is null))
);
create index idx_modeling_sessions_user_status on modeling_session_snapshots (user_id, status) where status = 'active';
create index idx_modeling_sessions_portfolio on modeling_session_snapshots (portfolio_id);

-- The design's get_active_positions, corrected: `symbol`, not `ticker`; "active" is "not deleted and
-- not exited" (there is no is_active column); an expired realtime quote is not used; options are
-- valued per contract (multiplier 100) from their own price in market_data_cache; unrealized P&L is
-- signed by the signed quantity; the function body is dollar-quoted ($$, not $) and written in SQL
-- so the output column names cannot shadow table columns.
create function get_active_positions(p_portfolio_id uuid)
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
        px.price,
        p.quantity * px.price * m.multiplier,
        p.quantity * (px.price - p.entry_price) * m.multiplier,
        case when pg.id is null then null else jsonb_build_object(
            'delta', pg.delta, 'gamma', pg.gamma, 'theta', pg.theta, 'vega', pg.vega, 'rho', pg.rho,
            'calculation_date', pg.calculation_date, 'is_estimated', pg.is_estimated) end
    from positions p
    cross join lateral (
        select case when p.position_type in ('LC', 'LP', 'SC', 'SP') then 100 else 1 end::numeric as multiplier
    ) m
    left join realtime_quotes_cache rq on rq.symbol = p.symbol and rq.expires_at > now()
    left join lateral (
        select md.close from market_data_cache md
        where md.symbol = p.symbol
        order by md.date desc
        limit 1
    ) md on true
    cross join lateral (select coalesce(rq.last_price, md.close) as price) px
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
