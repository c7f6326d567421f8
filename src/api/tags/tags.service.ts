/**
 * Tags: the caller's labels (REGULAR or STRATEGY, a color), assigned to positions. Exposures by tag
 * are part of the portfolio refresh, so every change that moves a position's tags (assign, remove,
 * rename, delete) touches the position's updated_at, which the batch's change sweep reads; and the
 * tag's usage_count is kept equal to its live positions in the same transaction.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, TagsTable } from '../../db/schema.js';
import { ownedPortfolio, ownedPosition, ownedTag } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError } from '../errors.js';
import { views as positionViews, type PositionView } from '../positions/positions.service.js';
import { recountTags } from './tag-usage.js';

export interface TagView {
  id: string;
  name: string;
  tag_type: 'REGULAR' | 'STRATEGY';
  color: string;
  description: string | null;
  usage_count: number;
  created_at: string;
  updated_at: string;
}

function view(t: Selectable<TagsTable>): TagView {
  return { id: t.id, name: t.name, tag_type: t.tag_type, color: t.color, description: t.description, usage_count: t.usage_count, created_at: t.created_at.toISOString(), updated_at: t.updated_at.toISOString() };
}

/**
 * The positions carrying `tagId` changed for the refresh: their portfolios are locked first (in id
 * order, the lock order of every position write), then their updated_at moves.
 */
async function touchTagged(trx: Transaction<DB>, tagId: string): Promise<void> {
  await sql`select f.id from portfolios f where f.id in (select p.portfolio_id from positions p join position_tags pt on pt.position_id = p.id
      where pt.tag_id = ${tagId}::uuid) order by f.id for update`.execute(trx);
  await sql`update positions set updated_at = now() where id in (select position_id from position_tags where tag_id = ${tagId}::uuid)`.execute(trx);
}

async function nameFree(db: Kysely<DB>, caller: Caller, name: string, except?: string): Promise<void> {
  let q = db.selectFrom('tags').select('id').where('user_id', '=', caller.id).where('name', '=', name).where('deleted_at', 'is', null);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) throw new ApiError('CONFLICT', `you already have a tag named "${name}"`, [{ field: 'body.name', code: 'taken', message: 'is already the name of another of your tags' }]);
}

export async function listTags(db: Kysely<DB>, caller: Caller, q: { tag_type?: 'REGULAR' | 'STRATEGY' | undefined }): Promise<{ items: TagView[] }> {
  let query = db.selectFrom('tags').selectAll().where('user_id', '=', caller.id).where('deleted_at', 'is', null).orderBy('name');
  if (q.tag_type) query = query.where('tag_type', '=', q.tag_type);
  return { items: (await query.execute()).map(view) };
}

export interface TagInput {
  name?: string | undefined;
  tag_type?: 'REGULAR' | 'STRATEGY' | undefined;
  color?: string | undefined;
  description?: string | null | undefined;
}

export async function createTag(db: Kysely<DB>, caller: Caller, input: TagInput & { name: string }): Promise<TagView> {
  await nameFree(db, caller, input.name);
  const row = await db.insertInto('tags').values({
    user_id: caller.id, name: input.name, ...(input.tag_type ? { tag_type: input.tag_type } : {}), ...(input.color ? { color: input.color } : {}), description: input.description ?? null,
  }).returningAll().executeTakeFirstOrThrow();
  return view(row);
}

export async function getTag(db: Kysely<DB>, caller: Caller, id: string): Promise<TagView> {
  return view(await ownedTag(db, caller, id));
}

export async function updateTag(db: Kysely<DB>, caller: Caller, id: string, input: TagInput): Promise<TagView> {
  return db.transaction().execute(async (trx) => {
    const current = await ownedTag(trx, caller, id);
    if (input.name !== undefined && input.name !== current.name) {
      await nameFree(trx, caller, input.name, id);
      await touchTagged(trx, id);
    }
    const row = await trx.updateTable('tags').set({
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.tag_type !== undefined ? { tag_type: input.tag_type } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}), ...(input.description !== undefined ? { description: input.description } : {}), updated_at: new Date(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return view(row);
  });
}

/** Soft delete: the tag leaves every list and its positions lose it. */
export async function deleteTag(db: Kysely<DB>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownedTag(trx, caller, id);
    await touchTagged(trx, id);
    await trx.deleteFrom('position_tags').where('tag_id', '=', id).execute();
    await trx.updateTable('tags').set({ deleted_at: new Date(), updated_at: new Date(), usage_count: 0 }).where('id', '=', id).execute();
  });
}

/** Puts tags on a position (already there: no change); every tag must be the caller's. */
export async function assignTags(db: Kysely<DB>, caller: Caller, positionId: string, tagIds: readonly string[]): Promise<PositionView> {
  return db.transaction().execute(async (trx) => {
    const position = await ownedPosition(trx, caller, positionId);
    await ownedPortfolio(trx, caller, position.portfolio_id, { lock: true });
    for (const [i, tagId] of tagIds.entries()) {
      try {
        await ownedTag(trx, caller, tagId);
      } catch {
        throw new ApiError('NOT_FOUND', `tag ${tagId} does not exist`, [{ field: `body.tag_ids.${i}`, code: 'not_found', message: 'is not one of your tags' }]);
      }
    }
    const unique = [...new Set(tagIds)];
    if (unique.length > 0) {
      await trx.insertInto('position_tags').values(unique.map((tag_id) => ({ position_id: positionId, tag_id }))).onConflict((oc) => oc.doNothing()).execute();
    }
    await trx.updateTable('positions').set({ updated_at: new Date() }).where('id', '=', positionId).execute();
    await recountTags(trx, unique);
    return (await positionViews(trx, [await ownedPosition(trx, caller, positionId)]))[0];
  });
}

/** Takes a tag off a position (NOT_FOUND when the position does not carry it). */
export async function removeTag(db: Kysely<DB>, caller: Caller, positionId: string, tagId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const position = await ownedPosition(trx, caller, positionId);
    await ownedTag(trx, caller, tagId);
    await ownedPortfolio(trx, caller, position.portfolio_id, { lock: true });
    const removed = await trx.deleteFrom('position_tags').where('position_id', '=', positionId).where('tag_id', '=', tagId).executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw new ApiError('NOT_FOUND', `position ${positionId} does not carry tag ${tagId}`);
    await trx.updateTable('positions').set({ updated_at: new Date() }).where('id', '=', positionId).execute();
    await recountTags(trx, [tagId]);
  });
}

/** The caller's live positions carrying the tag, in every portfolio. */
export async function positionsByTag(db: Kysely<DB>, caller: Caller, tagId: string): Promise<{ items: PositionView[] }> {
  await ownedTag(db, caller, tagId);
  const rows = await db.selectFrom('positions as p').innerJoin('position_tags as pt', 'pt.position_id', 'p.id').innerJoin('portfolios as f', 'f.id', 'p.portfolio_id')
    .selectAll('p').where('pt.tag_id', '=', tagId).where('p.deleted_at', 'is', null).where('f.deleted_at', 'is', null).where('f.user_id', '=', caller.id)
    .orderBy('p.entry_date').orderBy('p.id').limit(5000).execute();
  return { items: await positionViews(db, rows) };
}
