-- The four style spreads of the symbol batch (seed 001: growth_value_spread, momentum_spread,
-- size_spread, quality_spread) become factors, so their betas are stored like the others. A spread's
-- return is its long ETF's return minus its short ETF's; it has no single ETF proxy.
alter table factor_definitions
    add column spread_long varchar(10),
    add column spread_short varchar(10),
    drop constraint factor_definitions_type,
    drop constraint factor_definitions_proxy,
    add constraint factor_definitions_type check (factor_type in ('macro', 'style', 'sector', 'commodity', 'rates', 'custom', 'spread')),
    add constraint factor_definitions_proxy check (
        (factor_type = 'spread' and etf_proxy is null and spread_long is not null and spread_short is not null)
        or (factor_type <> 'spread' and spread_long is null and spread_short is null and (etf_proxy is not null or factor_type = 'custom')));

insert into factor_definitions (name, display_name, description, etf_proxy, spread_long, spread_short, factor_type, calculation_method, display_order) values
('growth_value_spread', 'Growth - Value', 'Growth stocks against value stocks', null, 'VUG', 'VTV', 'spread', 'Single-factor OLS beta on VUG - VTV returns', 11),
('momentum_spread', 'Momentum - Market', 'Momentum stocks against the market', null, 'MTUM', 'SPY', 'spread', 'Single-factor OLS beta on MTUM - SPY returns', 12),
('size_spread', 'Size - Market', 'Small caps against the market', null, 'IWM', 'SPY', 'spread', 'Single-factor OLS beta on IWM - SPY returns', 13),
('quality_spread', 'Quality - Market', 'Quality stocks against the market', null, 'QUAL', 'SPY', 'spread', 'Single-factor OLS beta on QUAL - SPY returns', 14);
