-- Market data: one price table (market_data_cache), corporate actions, quotes, short-selling
-- metrics, the symbol universe and the durable onboarding queue.
--
-- Seed 000 is right that there is one price table: the separate symbol_prices_daily of seed 001
-- is not created. Prices are NUMERIC(16,6): split-adjusted history (MSFT near 2.08 in 1990) and
-- option premiums need more than four decimals to give exact returns.

create table market_data_cache (
    symbol varchar(32) not null,
    date date not null,
    open numeric(16, 6),
    high numeric(16, 6),
    low numeric(16, 6),
    close numeric(16, 6) not null,
    -- Split- and dividend-adjusted close; returns are always computed from it.
    adjusted_close numeric(16, 6),
    volume bigint,
    sector varchar(100),
    industry varchar(100),
    data_source varchar(20) not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    -- The key serves the addendum's idx_market_data_symbol_date (symbol, date desc): a b-tree is read
    -- in either direction, so a second index would only slow every insert.
    constraint market_data_cache_pkey primary key (symbol, date),
    -- NUMERIC 'NaN' compares greater than every number: exclude it explicitly.
    constraint market_data_prices_positive check (
        close > 0 and close <> 'NaN'
        and (open is null or (open > 0 and open <> 'NaN')) and (high is null or (high > 0 and high <> 'NaN'))
        and (low is null or (low > 0 and low <> 'NaN'))
        and (adjusted_close is null or (adjusted_close > 0 and adjusted_close <> 'NaN'))),
    constraint market_data_high_low check (
        high is null or low is null or (high >= low
        and (open is null or (open <= high and open >= low))
        and close <= high and close >= low)),
    constraint market_data_volume_nonnegative check (volume is null or volume >= 0)
);
create index idx_market_data_date on market_data_cache (date);

-- With the TimescaleDB extension available, market_data_cache becomes a hypertable (monthly
-- chunks) with compression segmented by symbol, as seed 002 asks. Without it (PGlite, plain
-- PostgreSQL) it stays a plain table; its absence is never an error.
do $timescale$
begin
    if exists (select 1 from pg_available_extensions where name = 'timescaledb') then
        begin
            create extension if not exists timescaledb;
            perform create_hypertable('market_data_cache', 'date',
                chunk_time_interval => interval '1 month', migrate_data => true, if_not_exists => true);
            execute 'alter table market_data_cache set (timescaledb.compress, '
                || 'timescaledb.compress_segmentby = ''symbol'', timescaledb.compress_orderby = ''date desc'')';
            perform add_compression_policy('market_data_cache', interval '90 days', if_not_exists => true);
        exception when others then
            raise notice 'TimescaleDB is available but could not be enabled (%); market_data_cache stays a plain table', sqlerrm;
        end;
    end if;
end
$timescale$;

create table corporate_actions (
    symbol varchar(32) not null,
    ex_date date not null,
    action_type varchar(10) not null,
    -- Splits: split_to new shares for every split_from old ones (a 4-for-1 split is 4 / 1;
    -- a 1-for-10 reverse split is 1 / 10). Prices before ex_date divide by split_to / split_from.
    split_from numeric(12, 6),
    split_to numeric(12, 6),
    -- Cash dividends per share, in `currency`.
    dividend_amount numeric(14, 6),
    currency char(3) not null default 'USD',
    record_date date,
    pay_date date,
    data_source varchar(20) not null,
    created_at timestamptz not null default now(),
    constraint corporate_actions_pkey primary key (symbol, ex_date, action_type),
    constraint corporate_actions_type check (action_type in ('SPLIT', 'DIVIDEND')),
    constraint corporate_actions_fields check (coalesce(
        case action_type
            when 'SPLIT' then split_from > 0 and split_to > 0 and dividend_amount is null
            else dividend_amount >= 0 and split_from is null and split_to is null
        end, false))
);

create table realtime_quotes_cache (
    symbol varchar(32) primary key,
    last_price numeric(16, 6) not null,
    bid numeric(16, 6),
    ask numeric(16, 6),
    change numeric(16, 6),
    change_pct numeric(12, 6),
    volume bigint,
    quote_time timestamptz not null,
    fetched_at timestamptz not null default now(),
    -- A quote is used only until it expires (the cache's TTL).
    expires_at timestamptz not null,
    data_source varchar(20) not null,
    constraint realtime_quotes_price_positive check (last_price > 0),
    constraint realtime_quotes_expiry check (expires_at >= fetched_at)
);

create table short_selling_metrics (
    symbol varchar(32) not null,
    metric_date date not null,
    -- Annual borrow fee, in percent (12.5 = 12.5% a year).
    cost_to_borrow_rate numeric(10, 4),
    short_interest bigint,
    -- Short interest as a percent of the float.
    short_interest_ratio numeric(10, 4),
    -- Short interest / average daily volume, in days.
    days_to_cover numeric(10, 4),
    shares_available bigint,
    data_source varchar(20) not null,
    created_at timestamptz not null default now(),
    constraint short_selling_metrics_pkey primary key (symbol, metric_date),
    constraint short_selling_nonnegative check (
        (cost_to_borrow_rate is null or cost_to_borrow_rate >= 0)
        and (short_interest is null or short_interest >= 0)
        and (short_interest_ratio is null or short_interest_ratio >= 0)
        and (days_to_cover is null or days_to_cover >= 0)
        and (shares_available is null or shares_available >= 0))
);

create table symbol_universe (
    symbol varchar(32) primary key,
    name varchar(255),
    asset_type varchar(20) not null default 'equity',
    exchange varchar(20),
    sector varchar(100),
    industry varchar(100),
    first_seen_date date,
    last_seen_date date,
    is_active boolean not null default true,
    status varchar(20) not null default 'pending',
    status_reason text,
    consecutive_failures integer not null default 0,
    added_source varchar(50),
    -- Seed 002: when this symbol was last synced; incremental sync starts from here.
    last_synced timestamptz,
    -- Seed 001: the newest price and factor dates held for this symbol.
    last_price_date date,
    last_factor_date date,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint symbol_universe_asset_type check (asset_type in ('equity', 'etf', 'index', 'option', 'mutual_fund', 'private', 'other')),
    constraint symbol_universe_status check (status in ('pending', 'active', 'delisted', 'error')),
    constraint symbol_universe_added_source check (added_source is null or added_source in ('seed', 'onboarding', 'admin', 'batch', 'position', 'import', 'demo')),
    constraint symbol_universe_failures_nonnegative check (consecutive_failures >= 0),
    constraint symbol_universe_seen_order check (first_seen_date is null or last_seen_date is null or last_seen_date >= first_seen_date)
);
create index idx_symbol_universe_status on symbol_universe (status) where is_active;

-- Seed 001's queue, made durable and shareable between workers: a worker claims rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and sets locked_until; a claim that expires (a crashed worker)
-- is claimed again. At most one pending or processing row per symbol.
create table symbol_onboarding_queue (
    id uuid primary key default gen_random_uuid(),
    symbol varchar(32) not null,
    status varchar(20) not null default 'pending',
    requested_by uuid references users(id) on delete set null,
    priority varchar(10) not null default 'normal',
    priority_rank smallint generated always as (
        case priority when 'high' then 0 when 'normal' then 1 else 2 end) stored,
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    next_attempt_at timestamptz not null default now(),
    locked_by varchar(100),
    locked_until timestamptz,
    error_message text,
    created_at timestamptz not null default now(),
    started_at timestamptz,
    completed_at timestamptz,
    constraint onboarding_status check (status in ('pending', 'processing', 'completed', 'failed')),
    constraint onboarding_priority check (priority in ('high', 'normal', 'low')),
    constraint onboarding_attempts check (attempts >= 0 and max_attempts > 0)
);
create index idx_queue_status on symbol_onboarding_queue (status, priority_rank, created_at);
create index idx_queue_claimable on symbol_onboarding_queue (priority_rank, next_attempt_at) where status in ('pending', 'processing');
create unique index idx_queue_pending_symbol on symbol_onboarding_queue (symbol) where status in ('pending', 'processing');

create table symbol_daily_metrics (
    symbol varchar(32) not null,
    metrics_date date not null,
    current_price numeric(16, 6),
    return_1d numeric(12, 8),
    return_mtd numeric(12, 8),
    return_ytd numeric(12, 8),
    volatility_21d numeric(12, 8),
    market_cap numeric(20, 2),
    pe_ratio numeric(12, 4),
    factor_market numeric(12, 6),
    factor_value numeric(12, 6),
    factor_growth numeric(12, 6),
    factor_momentum numeric(12, 6),
    updated_at timestamptz not null default now(),
    constraint symbol_daily_metrics_pkey primary key (symbol, metrics_date)
);
