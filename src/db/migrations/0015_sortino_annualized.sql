-- The stored Sortino ratio becomes annualized (x sqrt(252)), like the Sharpe ratio beside it; it was
-- per day. Stored days are converted exactly; one too large for the column becomes null, as the
-- refresh stores it.
update portfolio_snapshots
set sortino_ratio = case when abs(sortino_ratio * sqrt(252::numeric)) < 1000000 then round(sortino_ratio * sqrt(252::numeric), 6) end
where sortino_ratio is not null;
