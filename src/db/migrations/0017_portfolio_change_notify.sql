-- Servers keep answers to frequent reads (the portfolio overview) in memory; a change that alters them
-- notifies every server (channel sigmasight_portfolio_changed, payload the portfolio id), which then
-- drops that portfolio's answers. A new, replaced or deleted snapshot (the batch writes a portfolio's
-- results in the transaction that writes its snapshot), and a renamed, changed or deleted portfolio.
-- NOTIFY is delivered on commit, and once per transaction and payload.
create function notify_portfolio_changed() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'portfolios' then
        perform pg_notify('sigmasight_portfolio_changed', old.id::text);
    else
        perform pg_notify('sigmasight_portfolio_changed', coalesce(new.portfolio_id, old.portfolio_id)::text);
    end if;
    return null;
end $$;

create trigger portfolio_snapshots_notify after insert or update or delete on portfolio_snapshots
    for each row execute function notify_portfolio_changed();
create trigger portfolios_notify after update or delete on portfolios
    for each row execute function notify_portfolio_changed();
