-- Users, portfolios, positions and tags.
--
-- Decisions where the design documents disagree (issue 2 decides):
-- * A user may own several portfolios: the V1 addendum's UNIQUE(user_id) on portfolios is dropped.
--   Portfolio names are unique per user among portfolios that are not deleted.
-- * Positions use `symbol` (not `ticker`) and `underlying_symbol`.
-- * Quantity is SIGNED, everywhere in SigmaSight: positive for long positions (LONG, LC, LP),
--   negative for short ones (SHORT, SC, SP). Options are counted in contracts (multiplier 100),
--   stocks in shares. Market value = quantity x price x multiplier, so it is negative for shorts.
--   The check constraint positions_quantity_sign enforces it.
-- * Soft delete everywhere: deleted_at is set, rows are never removed by the application.
-- * Emails are stored lower-case (checked), so uniqueness is case-insensitive.
-- * PostgreSQL's NUMERIC has a 'NaN' that compares greater than every number, so a check such as
--   price > 0 would accept it; the money and quantity checks exclude it explicitly.

create table users (
    id uuid primary key default gen_random_uuid(),
    email varchar(255) not null,
    username varchar(100) not null,
    full_name varchar(255),
    password_hash varchar(255) not null,
    is_active boolean not null default true,
    is_demo boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz,
    constraint users_email_key unique (email),
    constraint users_username_key unique (username),
    constraint users_email_format check (email = lower(email) and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    constraint users_username_format check (username ~ '^[A-Za-z0-9_.-]{3,100}$'),
    constraint users_password_hash_bcrypt check (password_hash ~ '^\$2[aby]\$\d{2}\$.{53}$')
);

create table portfolios (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    name varchar(255) not null default 'My Portfolio',
    description text,
    currency char(3) not null default 'USD',
    -- The net asset value the user states; exposures are also shown as a fraction of it.
    equity_balance numeric(18, 2),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz,
    constraint portfolios_currency_format check (currency ~ '^[A-Z]{3}$'),
    constraint portfolios_equity_balance_positive check (equity_balance is null or (equity_balance > 0 and equity_balance <> 'NaN')),
    constraint portfolios_name_not_blank check (btrim(name) <> '')
);
create unique index portfolios_user_name_key on portfolios (user_id, name) where deleted_at is null;
create index idx_portfolios_user_id on portfolios (user_id) where deleted_at is null;

create type position_type as enum ('LONG', 'SHORT', 'LC', 'LP', 'SC', 'SP');

create table positions (
    id uuid primary key default gen_random_uuid(),
    portfolio_id uuid not null references portfolios(id) on delete cascade,
    symbol varchar(32) not null,
    position_type position_type not null,
    -- Signed: > 0 long, < 0 short (see the header).
    quantity numeric(20, 6) not null,
    investment_class varchar(10) not null default 'PUBLIC',
    -- Options: parsed from the OCC symbol.
    underlying_symbol varchar(20),
    expiration_date date,
    strike_price numeric(14, 4),
    option_type varchar(4),
    -- Entry and exit, per share or per contract (option premium per share, as quoted).
    entry_price numeric(16, 6) not null,
    entry_date date not null,
    exit_price numeric(16, 6),
    exit_date date,
    -- Kept current by the batch.
    last_price numeric(16, 6),
    market_value numeric(18, 2),
    unrealized_pnl numeric(18, 2),
    unrealized_pnl_pct numeric(12, 6),
    notes text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz,
    constraint positions_symbol_format check (symbol = upper(symbol) and symbol ~ '^[A-Z0-9][A-Z0-9.\-/ ^=]*$'),
    constraint positions_quantity_sign check (quantity <> 'NaN' and (
        (position_type in ('LONG', 'LC', 'LP') and quantity > 0)
        or (position_type in ('SHORT', 'SC', 'SP') and quantity < 0))),
    constraint positions_investment_class check (investment_class in ('PUBLIC', 'OPTIONS', 'PRIVATE')),
    -- coalesce: a CHECK passes on NULL, and a missing field must fail it.
    constraint positions_option_fields check (coalesce(
        case when position_type in ('LC', 'LP', 'SC', 'SP') then
            investment_class = 'OPTIONS'
            and underlying_symbol is not null and expiration_date is not null
            and strike_price is not null and strike_price > 0 and strike_price <> 'NaN'
            and option_type = case when position_type in ('LC', 'SC') then 'CALL' else 'PUT' end
        else
            investment_class <> 'OPTIONS'
            and underlying_symbol is null and expiration_date is null
            and strike_price is null and option_type is null
        end, false)),
    constraint positions_entry_price_nonnegative check (entry_price >= 0 and entry_price <> 'NaN'),
    constraint positions_exit_pair check ((exit_price is null) = (exit_date is null)),
    constraint positions_exit_after_entry check (exit_date is null or exit_date >= entry_date),
    constraint positions_exit_price_nonnegative check (exit_price is null or (exit_price >= 0 and exit_price <> 'NaN')),
    constraint positions_values_not_nan check (
        (last_price is null or last_price <> 'NaN') and (market_value is null or market_value <> 'NaN')
        and (unrealized_pnl is null or unrealized_pnl <> 'NaN') and (unrealized_pnl_pct is null or unrealized_pnl_pct <> 'NaN'))
);
create index idx_positions_portfolio_id on positions (portfolio_id) where deleted_at is null;
create index idx_positions_symbol on positions (symbol) where deleted_at is null;
create index idx_positions_type on positions (position_type) where deleted_at is null;
create index idx_positions_underlying on positions (underlying_symbol) where underlying_symbol is not null and deleted_at is null;
create index idx_positions_expiration on positions (expiration_date)
    where expiration_date is not null and deleted_at is null;

create table tags (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    name varchar(100) not null,
    tag_type varchar(20) not null default 'REGULAR',
    color varchar(7) not null default '#6B7280',
    description text,
    usage_count integer not null default 0,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    deleted_at timestamptz,
    constraint tags_tag_type check (tag_type in ('REGULAR', 'STRATEGY')),
    constraint tags_color_hex check (color ~ '^#[0-9A-Fa-f]{6}$'),
    constraint tags_usage_count_nonnegative check (usage_count >= 0),
    constraint tags_name_not_blank check (btrim(name) <> '')
);
-- Tag names are unique per user among live tags, so a deleted tag's name can be used again.
create unique index tags_user_name_key on tags (user_id, name) where deleted_at is null;
create index idx_tags_user_type on tags (user_id, tag_type) where deleted_at is null;

create table position_tags (
    position_id uuid not null references positions(id) on delete cascade,
    tag_id uuid not null references tags(id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (position_id, tag_id)
);
create index idx_position_tags_position_id on position_tags (position_id);
create index idx_position_tags_tag_id on position_tags (tag_id);
