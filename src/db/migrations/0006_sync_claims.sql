-- A sync claims a symbol before it fetches it, so two sync processes (or a sync and the batch) never
-- fetch or write one symbol twice. The claim is a lease: a sync that dies mid-symbol leaves a claim
-- that expires, and the next sync takes the symbol over. Cleared when the symbol's outcome is recorded.
alter table symbol_universe
    add column sync_claimed_by varchar(100),
    add column sync_claimed_until timestamptz;
