/**
 * Ownership: the one access function every portfolio, position, tag, what-if and export use case
 * calls first. A resource that is not the caller's answers exactly as one that does not exist.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, PortfoliosTable } from '../db/schema.js';
import type { Caller } from './auth/auth.service.js';
import { notFound } from './errors.js';

export type PortfolioRow = Selectable<PortfoliosTable>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The caller's live portfolio `id`, or NOT_FOUND (also for a malformed id, another user's or a
 * deleted one). With `lock`, the row is locked in the caller's transaction: every write to a
 * portfolio or its positions and tags takes this lock first (the portfolio refresh's lock order).
 */
export async function ownedPortfolio(db: Kysely<DB>, caller: Caller, id: string, options: { lock?: boolean } = {}): Promise<PortfolioRow> {
  if (!UUID.test(id)) throw notFound('portfolio', id);
  const q = db.selectFrom('portfolios').selectAll().where('id', '=', id).where('user_id', '=', caller.id).where('deleted_at', 'is', null);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('portfolio', id);
  return row;
}

/** The caller's live position `id` (in a live portfolio of theirs), or NOT_FOUND. */
export async function ownedPosition(db: Kysely<DB>, caller: Caller, id: string): Promise<Selectable<DB['positions']>> {
  if (!UUID.test(id)) throw notFound('position', id);
  const row = await db.selectFrom('positions as p').innerJoin('portfolios as f', 'f.id', 'p.portfolio_id').selectAll('p')
    .where('p.id', '=', id).where('p.deleted_at', 'is', null).where('f.user_id', '=', caller.id).where('f.deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('position', id);
  return row;
}

/** The caller's live tag `id`, or NOT_FOUND. */
export async function ownedTag(db: Kysely<DB>, caller: Caller, id: string): Promise<Selectable<DB['tags']>> {
  if (!UUID.test(id)) throw notFound('tag', id);
  const row = await db.selectFrom('tags').selectAll().where('id', '=', id).where('user_id', '=', caller.id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw notFound('tag', id);
  return row;
}
