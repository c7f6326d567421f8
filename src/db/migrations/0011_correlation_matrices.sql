-- Position correlations as one row per portfolio and date (issue 8's storage budget). Per-pair rows
-- (position_correlations) cost about 450 rows, 225 kB, per 30-position portfolio and day: 2.2 GB a day
-- for 10,000 portfolios, measured by bench/portfolio-refresh.bench.ts. The matrix of the same
-- correlations fits in one row of about 5 kB. position_correlations stays for single pairs a user
-- stores by hand; the batch writes here.
create table portfolio_correlation_matrices (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    calculation_date date not null,
    -- History dates the correlations use (complete cases over the holdings).
    observations integer not null,
    -- The open positions in matrix order, with their symbols.
    position_ids uuid[] not null,
    symbols varchar(32)[] not null,
    -- Upper triangle without the diagonal, row by row: (0,1), (0,2), ..., (0,n-1), (1,2), ..., (n-2,n-1);
    -- n(n-1)/2 values, null where a position's underlying did not move (no correlation is defined).
    correlations double precision[] not null,
    average_correlation double precision,
    created_at timestamptz not null default now(),
    constraint portfolio_correlation_matrices_key unique (portfolio_id, calculation_date),
    constraint portfolio_correlation_matrices_observations check (observations > 1),
    constraint portfolio_correlation_matrices_shape check (
        cardinality(symbols) = cardinality(position_ids)
        and cardinality(correlations) = cardinality(position_ids) * (cardinality(position_ids) - 1) / 2)
);
create index idx_correlation_matrices_portfolio_date on portfolio_correlation_matrices (portfolio_id, calculation_date desc);
