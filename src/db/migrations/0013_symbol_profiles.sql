-- Market capitalisation and trailing P/E from a provider's profile, as fetched on profile_date
-- (onboarding). symbol_daily_metrics carries them to each day by the symbol's adjusted-close ratio
-- since that date (src/batch/symbol/daily-metrics.ts).
alter table symbol_universe
    add column market_cap numeric(20, 2),
    add column pe_ratio numeric(12, 4),
    add column profile_date date;
