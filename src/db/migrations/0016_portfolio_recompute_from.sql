-- A change that alters a portfolio's past results (a cash flow dated on or before a stored day, a new
-- stated equity balance) marks the first stale day here; the batch service recomputes the
-- portfolio's stored days from it, in order, and clears it when it queues that run.
alter table portfolios add column recompute_from date;
create index idx_portfolios_recompute_from on portfolios (recompute_from) where recompute_from is not null;
