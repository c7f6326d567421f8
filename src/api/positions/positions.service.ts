/**
 * Positions: list, create (one or many, all or nothing), read, change, close and (soft) delete the
 * caller's own. Writes lock the portfolio row first (the refresh's lock order), go through
 * insertPositions (new symbols onto the onboarding queue) and set updated_at, which the batch's
 * change sweep reads to refresh the portfolio within seconds.
 */
import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import { z } from 'zod';
import type { DB, PositionsTable } from '../../db/schema.js';
import { enqueueSymbols } from '../../market-data/onboarding.service.js';
import { isoDateInZone } from '../../market-data/types.js';
import { insertPositions } from '../../portfolios/positions.repository.js';
import { parsePositionCsv } from '../../portfolios/position-csv.js';
import { normalizePosition, type PositionColumns, type PositionInput } from '../../portfolios/position-input.js';
import { ownedPortfolio, ownedPosition } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError, type ErrorDetail } from '../errors.js';
import { CursorDate, decodeCursor, encodeCursor } from '../pagination.js';
import { recountTags, tagsOf } from '../tags/tag-usage.js';

type PositionRow = Selectable<PositionsTable>;

export interface PositionView {
  id: string;
  portfolio_id: string;
  symbol: string;
  position_type: PositionRow['position_type'];
  quantity: number;
  investment_class: PositionRow['investment_class'];
  underlying_symbol: string | null;
  strike_price: number | null;
  expiration_date: string | null;
  option_type: PositionRow['option_type'];
  entry_price: number;
  entry_date: string;
  exit_price: number | null;
  exit_date: string | null;
  last_price: number | null;
  market_value: number | null;
  unrealized_pnl: number | null;
  unrealized_pnl_pct: number | null;
  notes: string | null;
  tags: string[];
  /** The underlying's classification (symbol_universe). */
  sector: string | null;
  industry: string | null;
  /** The batch's Greeks on its latest computed day: per share (delta...) and in dollars; null before the batch valued it. */
  greeks: PositionGreeks | null;
  created_at: string;
  updated_at: string;
}

export interface PositionGreeks {
  as_of: string;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  delta_dollars: number;
  gamma_dollars_per_1pct: number;
  theta_per_day: number;
  vega_per_vol_point: number;
  implied_volatility: number | null;
  estimated: boolean;
}

/** Today on the exchange's calendar: no entry or exit may be later. */
export const exchangeToday = (): string => isoDateInZone(Date.now(), 'America/New_York');

export async function views(db: Kysely<DB>, rows: PositionRow[]): Promise<PositionView[]> {
  if (rows.length === 0) return [];
  const tags = await db.selectFrom('position_tags as pt').innerJoin('tags as t', 't.id', 'pt.tag_id').select(['pt.position_id', 't.name'])
    .where(sql<boolean>`pt.position_id = any(${rows.map((r) => r.id)}::uuid[])`).where('t.deleted_at', 'is', null).orderBy('t.name').execute();
  const by = new Map<string, string[]>();
  for (const t of tags) by.set(t.position_id, [...(by.get(t.position_id) ?? []), t.name]);
  const ids = rows.map((r) => r.id);
  const [classes, optionGreeks, asOf] = await Promise.all([
    db.selectFrom('symbol_universe').select(['symbol', 'sector', 'industry'])
      .where('symbol', 'in', [...new Set(rows.map((r) => r.underlying_symbol ?? r.symbol))]).execute(),
    // Options: the latest stored Greeks of each (position_greeks, written by the portfolio refresh).
    sql<{ position_id: string; calculation_date: string; delta: number; gamma: number; theta: number; vega: number; delta_dollars: number; gamma_dollars: number; theta_dollars: number; vega_dollars: number; implied_volatility: number | null; is_estimated: boolean }>`
      select distinct on (position_id) position_id, calculation_date::text, delta, gamma, theta, vega, delta_dollars, gamma_dollars, theta_dollars, vega_dollars, implied_volatility, is_estimated
      from position_greeks where position_id = any(${ids}::uuid[]) order by position_id, calculation_date desc`.execute(db),
    // Stocks: delta 1 per share, delta dollars = the market value the refresh stored on its latest day.
    db.selectFrom('portfolio_snapshots').select('snapshot_date').where('portfolio_id', 'in', [...new Set(rows.map((r) => r.portfolio_id))])
      .where('frequency', '=', 'daily').orderBy('snapshot_date', 'desc').limit(1).executeTakeFirst(),
  ]);
  const sector = new Map(classes.map((c) => [c.symbol, c]));
  const greeksOf = new Map(optionGreeks.rows.map((g) => [g.position_id, {
    as_of: g.calculation_date, delta: Number(g.delta), gamma: Number(g.gamma), theta: Number(g.theta), vega: Number(g.vega), delta_dollars: Number(g.delta_dollars),
    gamma_dollars_per_1pct: Number(g.gamma_dollars), theta_per_day: Number(g.theta_dollars), vega_per_vol_point: Number(g.vega_dollars),
    implied_volatility: g.implied_volatility === null ? null : Number(g.implied_volatility), estimated: g.is_estimated,
  }]));
  const stockGreeks = (r: PositionRow): PositionGreeks | null => (r.underlying_symbol || r.market_value === null || !asOf || r.exit_date !== null ? null : {
    as_of: asOf.snapshot_date, delta: 1, gamma: 0, theta: 0, vega: 0, delta_dollars: r.market_value, gamma_dollars_per_1pct: 0, theta_per_day: 0, vega_per_vol_point: 0,
    implied_volatility: null, estimated: false,
  });
  return rows.map((r) => ({
    id: r.id, portfolio_id: r.portfolio_id, symbol: r.symbol, position_type: r.position_type, quantity: r.quantity, investment_class: r.investment_class,
    underlying_symbol: r.underlying_symbol, strike_price: r.strike_price, expiration_date: r.expiration_date, option_type: r.option_type,
    entry_price: r.entry_price, entry_date: r.entry_date, exit_price: r.exit_price, exit_date: r.exit_date,
    last_price: r.last_price, market_value: r.market_value, unrealized_pnl: r.unrealized_pnl, unrealized_pnl_pct: r.unrealized_pnl_pct,
    notes: r.notes, tags: by.get(r.id) ?? [], sector: sector.get(r.underlying_symbol ?? r.symbol)?.sector ?? null, industry: sector.get(r.underlying_symbol ?? r.symbol)?.industry ?? null,
    greeks: r.underlying_symbol ? (r.exit_date === null ? greeksOf.get(r.id) ?? null : null) : stockGreeks(r),
    created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  }));
}

const Key = z.tuple([CursorDate, z.uuid()]);

/** A portfolio's live positions by entry date, a page at a time; closed ones too unless `open_only`. */
export async function listPositions(db: Kysely<DB>, caller: Caller, portfolioId: string, q: { limit: number; cursor?: string | undefined; open_only?: boolean | undefined }) {
  await ownedPortfolio(db, caller, portfolioId);
  let query = db.selectFrom('positions').selectAll().where('portfolio_id', '=', portfolioId).where('deleted_at', 'is', null)
    .orderBy('entry_date').orderBy('id').limit(q.limit + 1);
  if (q.open_only) query = query.where('exit_date', 'is', null);
  if (q.cursor) {
    const [date, id] = decodeCursor(q.cursor, Key);
    query = query.where(sql<boolean>`(entry_date, id) > (${date}::date, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const last = rows[q.limit - 1];
  return { items: await views(db, rows.slice(0, q.limit)), next_cursor: rows.length > q.limit && last ? encodeCursor([last.entry_date, last.id]) : null };
}

/** Problems of several inputs as one VALIDATION_ERROR, each field prefixed with `prefix(i)`. */
function normalizeAll(inputs: readonly PositionInput[], prefix: (i: number) => string): PositionColumns[] {
  const today = exchangeToday();
  const rows: PositionColumns[] = [];
  const details: ErrorDetail[] = [];
  inputs.forEach((input, i) => {
    const r = normalizePosition(input, today);
    if (r.ok) rows.push(r.row);
    else details.push(...r.problems.map((p) => ({ field: `${prefix(i)}${p.field}`, code: p.code, message: p.message })));
  });
  if (details.length > 0) throw new ApiError('VALIDATION_ERROR', `invalid position${inputs.length > 1 ? 's' : ''}: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  return rows;
}

/** Creates positions in one transaction: every input valid, or nothing written. */
export async function createPositions(db: Kysely<DB>, caller: Caller, portfolioId: string, inputs: readonly PositionInput[], prefix: (i: number) => string): Promise<PositionView[]> {
  return db.transaction().execute(async (trx) => {
    // Ownership first (another user's portfolio is a 404 whatever the body says), under the lock.
    await ownedPortfolio(trx, caller, portfolioId, { lock: true });
    const rows = normalizeAll(inputs, prefix);
    const ids = await insertPositions(trx, rows.map((r) => ({ ...r, portfolio_id: portfolioId })), { requestedBy: caller.id });
    const created = await trx.selectFrom('positions').selectAll().where(sql<boolean>`id = any(${ids}::uuid[])`).execute();
    const byId = new Map(created.map((r) => [r.id, r]));
    return views(trx, ids.map((id) => byId.get(id)!));
  });
}

export async function getPosition(db: Kysely<DB>, caller: Caller, id: string): Promise<PositionView> {
  return (await views(db, [await ownedPosition(db, caller, id)]))[0];
}

/** Changes the given fields (the result is checked as a whole, as on creation). */
export async function updatePosition(db: Kysely<DB>, caller: Caller, id: string, change: PositionInput): Promise<PositionView> {
  return db.transaction().execute(async (trx) => {
    const current = await ownedPosition(trx, caller, id);
    await ownedPortfolio(trx, caller, current.portfolio_id, { lock: true });
    const merged: PositionInput = {
      symbol: current.symbol, position_type: current.position_type, quantity: current.quantity, entry_price: current.entry_price, entry_date: current.entry_date,
      exit_price: current.exit_price, exit_date: current.exit_date, investment_class: current.investment_class, underlying_symbol: current.underlying_symbol,
      strike_price: current.strike_price, expiration_date: current.expiration_date, option_type: current.option_type, notes: current.notes,
    };
    // A new symbol replaces the instrument: the old option fields do not carry over.
    if (change.symbol !== undefined && change.symbol !== current.symbol) Object.assign(merged, { underlying_symbol: null, strike_price: null, expiration_date: null, option_type: null, investment_class: null });
    for (const [k, v] of Object.entries(change)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
    const [row] = normalizeAll([merged], () => 'body.');
    const updated = await trx.updateTable('positions').set({ ...(row as Updateable<PositionsTable>), updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    if (row.symbol !== current.symbol) await insertPositionSymbols(trx, row, caller);
    return (await views(trx, [updated]))[0];
  });
}

/** A changed symbol goes onto the onboarding queue like a new position's. */
async function insertPositionSymbols(trx: Transaction<DB>, row: PositionColumns, caller: Caller): Promise<void> {
  await enqueueSymbols(trx, [{ symbol: row.symbol, investmentClass: row.investment_class, requestedBy: caller.id }], { addedSource: 'position' });
}

/** Soft delete: the position leaves every list; the next refresh leaves it out. */
export async function deletePosition(db: Kysely<DB>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await ownedPosition(trx, caller, id);
    await ownedPortfolio(trx, caller, current.portfolio_id, { lock: true });
    await trx.updateTable('positions').set({ deleted_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    await recountTags(trx, await tagsOf(trx, [id]));
  });
}

/** Most positions one import takes (a larger book is imported in several files). */
export const IMPORT_MAX_ROWS = 10_000;

/**
 * Imports positions from CSV text (src/portfolios/position-csv.ts): all or nothing. Any bad row
 * answers VALIDATION_ERROR listing every problem by row and column, and nothing is written.
 * `dryRun` checks only. Tags named in the file are created when the caller has none by that name.
 */
export async function importPositions(db: Kysely<DB>, caller: Caller, portfolioId: string, read: () => Promise<string>, dryRun: boolean) {
  // Ownership before the file is even read: another user's portfolio is a 404 whatever is sent.
  await ownedPortfolio(db, caller, portfolioId);
  const { positions, problems } = parsePositionCsv(await read(), exchangeToday(), { maxRows: IMPORT_MAX_ROWS });
  if (problems.length > 0) {
    const rows = new Set(problems.map((p) => p.row)).size;
    throw new ApiError('VALIDATION_ERROR', `the file has ${problems.length} problem(s) in ${rows} row(s); nothing was imported`,
      problems.map((p) => ({ row: p.row, ...(p.column ? { column: p.column } : {}), code: p.code, message: p.message })));
  }
  if (dryRun) return { dry_run: true, imported: 0, valid_rows: positions.length, items: [] as PositionView[] };
  const items = await db.transaction().execute(async (trx) => {
    await ownedPortfolio(trx, caller, portfolioId, { lock: true });
    const ids = await insertPositions(trx, positions.map((p) => ({ ...p.position, portfolio_id: portfolioId })), { requestedBy: caller.id });
    const names = [...new Set(positions.flatMap((p) => p.tags))];
    if (names.length > 0) {
      const existing = await trx.selectFrom('tags').select(['id', 'name']).where('user_id', '=', caller.id).where('deleted_at', 'is', null).where('name', 'in', names).execute();
      const byName = new Map(existing.map((t) => [t.name, t.id]));
      const missing = names.filter((n) => !byName.has(n));
      if (missing.length > 0) {
        for (const t of await trx.insertInto('tags').values(missing.map((name) => ({ user_id: caller.id, name }))).returning(['id', 'name']).execute()) byName.set(t.name, t.id);
      }
      const links = positions.flatMap((p, i) => [...new Set(p.tags)].map((name) => ({ position_id: ids[i], tag_id: byName.get(name)! })));
      for (let i = 0; i < links.length; i += 1_000) await trx.insertInto('position_tags').values(links.slice(i, i + 1_000)).execute();
      await recountTags(trx, [...byName.values()]);
    }
    const created = await trx.selectFrom('positions').selectAll().where(sql<boolean>`id = any(${ids}::uuid[])`).execute();
    const byId = new Map(created.map((r) => [r.id, r]));
    return views(trx, ids.map((id) => byId.get(id)!));
  });
  return { dry_run: false, imported: items.length, valid_rows: items.length, items };
}
