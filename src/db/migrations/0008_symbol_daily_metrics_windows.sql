-- symbol_daily_metrics gets the trailing returns and volatility windows the symbol batch computes
-- (issue 8): 1 month, 3 months and 1 year of returns, and realized volatility over 63 and 252 days
-- beside the 21-day one.
alter table symbol_daily_metrics
    add column return_1m numeric(12, 8),
    add column return_3m numeric(12, 8),
    add column return_1y numeric(12, 8),
    add column volatility_63d numeric(12, 8),
    add column volatility_252d numeric(12, 8);
