-- One valuation of a position (issue 8): the portfolio refresh's (src/analytics/portfolio-risk.ts,
-- Black-Scholes-Merton for options without a quote), stored on the position for the latest day.
-- get_active_positions used to value positions itself from the last cached close (a third way, which
-- valued an unquoted option at nothing); it now returns the stored valuation and Greeks.
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
        case when pg.id is null then null else jsonb_build_object(
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
