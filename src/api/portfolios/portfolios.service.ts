/** Portfolios: list, create, read, change and (soft) delete the caller's own. */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { ownedPortfolio, type PortfolioRow } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError } from '../errors.js';
import { CursorTimestamp, decodeCursor, encodeCursor } from '../pagination.js';
import { recountTags, tagsOf } from '../tags/tag-usage.js';
import { markResultsStale } from '../../portfolios/results-stale.repository.js';

export interface PortfolioView {
  id: string;
  name: string;
  description: string | null;
  currency: string;
  equity_balance: number | null;
  positions: number;
  /** Stored results from this day on are stale (a later cash flow or equity change) and being recomputed. */
  recompute_from: string | null;
  created_at: string;
  updated_at: string;
}

async function view(db: Kysely<DB>, rows: PortfolioRow[]): Promise<PortfolioView[]> {
  if (rows.length === 0) return [];
  const counts = await db.selectFrom('positions').select(['portfolio_id', sql<number>`count(*)::int`.as('n')])
    .where('portfolio_id', 'in', rows.map((r) => r.id)).where('deleted_at', 'is', null).groupBy('portfolio_id').execute();
  const n = new Map(counts.map((c) => [c.portfolio_id, c.n]));
  return rows.map((r) => ({
    id: r.id, name: r.name, description: r.description, currency: r.currency, equity_balance: r.equity_balance, positions: n.get(r.id) ?? 0, recompute_from: r.recompute_from,
    created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  }));
}

const Key = z.tuple([CursorTimestamp, z.uuid()]);

/** The caller's live portfolios by creation time, a page at a time. */
export async function listPortfolios(db: Kysely<DB>, caller: Caller, q: { limit: number; cursor?: string | undefined }): Promise<{ items: PortfolioView[]; next_cursor: string | null }> {
  // The cursor keeps created_at as the database's text (microseconds; a JS Date would drop them).
  let query = db.selectFrom('portfolios').selectAll().select(sql<string>`created_at::text`.as('created_key'))
    .where('user_id', '=', caller.id).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').limit(q.limit + 1);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, Key);
    query = query.where(sql<boolean>`(created_at, id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const more = rows.length > q.limit;
  const items = await view(db, rows.slice(0, q.limit));
  const last = rows[q.limit - 1];
  return { items, next_cursor: more && last ? encodeCursor([last.created_key, last.id]) : null };
}

async function nameFree(db: Kysely<DB>, caller: Caller, name: string, except?: string): Promise<void> {
  let q = db.selectFrom('portfolios').select('id').where('user_id', '=', caller.id).where('name', '=', name).where('deleted_at', 'is', null);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) throw new ApiError('CONFLICT', `you already have a portfolio named "${name}"`, [{ field: 'body.name', code: 'taken', message: 'is already the name of another of your portfolios' }]);
}

export interface PortfolioInput {
  name?: string | undefined;
  description?: string | null | undefined;
  currency?: string | undefined;
  equity_balance?: number | null | undefined;
}

export async function createPortfolio(db: Kysely<DB>, caller: Caller, input: PortfolioInput & { name: string }): Promise<PortfolioView> {
  await nameFree(db, caller, input.name);
  const row = await db.insertInto('portfolios').values({
    user_id: caller.id, name: input.name, description: input.description ?? null, currency: input.currency ?? 'USD', equity_balance: input.equity_balance ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  return (await view(db, [row]))[0];
}

export async function getPortfolio(db: Kysely<DB>, caller: Caller, id: string): Promise<PortfolioView> {
  return (await view(db, [await ownedPortfolio(db, caller, id)]))[0];
}

/** Changes the given fields in one transaction, the portfolio row locked (the refresh's lock order). */
export async function updatePortfolio(db: Kysely<DB>, caller: Caller, id: string, input: PortfolioInput): Promise<PortfolioView> {
  return db.transaction().execute(async (trx) => {
    const before = await ownedPortfolio(trx, caller, id, { lock: true });
    if (input.name !== undefined) await nameFree(trx, caller, input.name, id);
    // The stated equity is where the roll-forward starts: every stored day changes.
    if (input.equity_balance !== undefined && input.equity_balance !== before.equity_balance) await markResultsStale(trx, id, null);
    const row = await trx.updateTable('portfolios').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.currency !== undefined ? { currency: input.currency } : {}),
      ...(input.equity_balance !== undefined ? { equity_balance: input.equity_balance } : {}),
      updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return (await view(trx, [row]))[0];
  });
}

/** Soft delete: the portfolio and its positions leave every list and read; the batch skips it. */
export async function deletePortfolio(db: Kysely<DB>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownedPortfolio(trx, caller, id, { lock: true });
    await trx.updateTable('portfolios').set({ deleted_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
    const positions = (await trx.selectFrom('positions').select('id').where('portfolio_id', '=', id).execute()).map((p) => p.id);
    await recountTags(trx, await tagsOf(trx, positions));
  });
}
