/**
 * symbol_universe: every symbol SigmaSight knows, with its onboarding status.
 *
 * Status meanings used by onboarding:
 * - `pending`: entered, waiting in symbol_onboarding_queue.
 * - `active`: onboarded (prices stored; factor betas when the factor data allowed, else status_reason
 *   says why). A private holding is also `active`, with asset_type 'private' and is_active = false:
 *   there is no market to fetch, so the market-data jobs must leave it alone.
 * - `error`: onboarding gave up (status_reason holds the last error).
 *
 * Plain async functions taking the database or the caller's transaction first; none opens a
 * transaction.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AssetType, DB, IsoDate, SymbolStatus, SymbolUniverseTable } from '../db/schema.js';

/** One symbol_universe row. */
export type UniverseRow = Selectable<SymbolUniverseTable>;

/** Where a symbol entered the universe (the added_source check constraint). */
export type UniverseSource = 'seed' | 'onboarding' | 'admin' | 'batch' | 'position' | 'import' | 'demo';

/** A symbol to enter into the universe. */
export interface NewUniverseSymbol {
  symbol: string;
  assetType: AssetType;
  addedSource: UniverseSource;
  name?: string | null;
  /** Default 'pending'. */
  status?: SymbolStatus;
  statusReason?: string | null;
  /** Default true; false for symbols without a market (private holdings). */
  isActive?: boolean;
}

/** The universe rows of `symbols` that exist, keyed by symbol. */
export async function findUniverseSymbols(db: Kysely<DB>, symbols: readonly string[]): Promise<Map<string, UniverseRow>> {
  if (symbols.length === 0) return new Map();
  const rows = await db.selectFrom('symbol_universe').selectAll().where('symbol', 'in', [...new Set(symbols)]).execute();
  return new Map(rows.map((r) => [r.symbol, r]));
}

/**
 * Inserts the symbols that are not in the universe yet (ON CONFLICT (symbol) DO NOTHING: a row that
 * exists is never changed here). Returns the symbols this call inserted.
 */
export async function insertUniverseSymbols(db: Kysely<DB>, rows: readonly NewUniverseSymbol[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('symbol_universe')
    .values(
      rows.map((r) => ({
        symbol: r.symbol,
        name: r.name ?? null,
        asset_type: r.assetType,
        status: r.status ?? 'pending',
        status_reason: r.statusReason ?? null,
        is_active: r.isActive ?? true,
        added_source: r.addedSource,
      })),
    )
    .onConflict((oc) => oc.column('symbol').doNothing())
    .returning('symbol')
    .execute();
  return inserted.map((r) => r.symbol);
}

/** What a successful onboarding records on the universe row. */
export interface UniverseActivation {
  symbol: string;
  /** The asset type when known (from a profile or the symbol's form); null keeps the row's ('equity' for a new row). */
  assetType: AssetType | null;
  /** First and last date of the bars stored (null when none, e.g. an option priced from its underlying). */
  firstPriceDate: IsoDate | null;
  lastPriceDate: IsoDate | null;
  /** Date of the newest factor betas stored, null when none were computed. */
  lastFactorDate: IsoDate | null;
  /** Why the symbol is active without something (betas, own prices), or null. */
  statusReason: string | null;
  /** Descriptive fields from the provider's profile; null keeps what the row has. */
  name?: string | null;
  exchange?: string | null;
  sector?: string | null;
  industry?: string | null;
  /** Market cap and P/E from the profile, as of `profileDate`; absent keeps what the row has. */
  profile?: { marketCap: number | null; peRatio: number | null; date: IsoDate };
}

/**
 * Marks a symbol onboarded: status 'active', is_active, consecutive_failures 0, last_synced now(),
 * last_price_date / last_factor_date advanced (never moved back), first/last seen dates widened,
 * profile fields filled where given. Inserts the row if it is missing (a symbol queued directly).
 */
export async function markUniverseActive(db: Kysely<DB>, a: UniverseActivation): Promise<void> {
  await db
    .insertInto('symbol_universe')
    .values({
      symbol: a.symbol,
      asset_type: a.assetType ?? 'equity',
      name: a.name ?? null,
      exchange: a.exchange ?? null,
      sector: a.sector ?? null,
      industry: a.industry ?? null,
      status: 'active',
      status_reason: a.statusReason,
      is_active: true,
      added_source: 'onboarding',
      first_seen_date: a.firstPriceDate,
      last_seen_date: a.lastPriceDate,
      last_price_date: a.lastPriceDate,
      last_factor_date: a.lastFactorDate,
      last_synced: sql<Date>`now()`,
      market_cap: a.profile?.marketCap ?? null,
      pe_ratio: a.profile?.peRatio ?? null,
      profile_date: a.profile?.date ?? null,
    })
    .onConflict((oc) =>
      oc.column('symbol').doUpdateSet({
        asset_type: a.assetType === null ? sql<AssetType>`symbol_universe.asset_type` : sql<AssetType>`excluded.asset_type`,
        name: sql<string | null>`coalesce(excluded.name, symbol_universe.name)`,
        exchange: sql<string | null>`coalesce(excluded.exchange, symbol_universe.exchange)`,
        sector: sql<string | null>`coalesce(excluded.sector, symbol_universe.sector)`,
        industry: sql<string | null>`coalesce(excluded.industry, symbol_universe.industry)`,
        status: 'active',
        status_reason: (eb) => eb.ref('excluded.status_reason'),
        is_active: true,
        consecutive_failures: 0,
        first_seen_date: sql<IsoDate | null>`least(symbol_universe.first_seen_date, excluded.first_seen_date)`,
        last_seen_date: sql<IsoDate | null>`greatest(symbol_universe.last_seen_date, excluded.last_seen_date)`,
        last_price_date: sql<IsoDate | null>`greatest(symbol_universe.last_price_date, excluded.last_price_date)`,
        last_factor_date: sql<IsoDate | null>`greatest(symbol_universe.last_factor_date, excluded.last_factor_date)`,
        last_synced: sql<Date>`now()`,
        updated_at: sql<Date>`now()`,
        ...(a.profile ? { market_cap: a.profile.marketCap, pe_ratio: a.profile.peRatio, profile_date: a.profile.date } : {}),
      }),
    )
    .execute();
}

/**
 * Marks a symbol as having no market: asset_type 'private', status 'active', is_active false, with
 * the reason. Inserts the row when missing; an existing row is overwritten with these fields.
 */
export async function markUniversePrivate(db: Kysely<DB>, symbol: string, reason: string, addedSource: UniverseSource): Promise<void> {
  await db
    .insertInto('symbol_universe')
    .values({ symbol, asset_type: 'private', status: 'active', status_reason: reason, is_active: false, added_source: addedSource })
    .onConflict((oc) =>
      oc.column('symbol').doUpdateSet({
        asset_type: 'private',
        status: 'active',
        status_reason: reason,
        is_active: false,
        consecutive_failures: 0,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}

/**
 * Records one failed onboarding attempt: consecutive_failures + 1 and the reason; when `final`,
 * status becomes 'error'. A missing row is inserted (status pending or error).
 */
export async function recordUniverseFailure(db: Kysely<DB>, symbol: string, reason: string, final: boolean): Promise<void> {
  await db
    .insertInto('symbol_universe')
    .values({ symbol, status: final ? 'error' : 'pending', status_reason: reason, consecutive_failures: 1, added_source: 'onboarding' })
    .onConflict((oc) =>
      oc.column('symbol').doUpdateSet({
        status: final ? 'error' : sql<SymbolStatus>`symbol_universe.status`,
        status_reason: reason,
        consecutive_failures: sql<number>`symbol_universe.consecutive_failures + 1`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();
}
