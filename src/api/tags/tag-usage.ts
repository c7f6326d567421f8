import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** usage_count := the number of live positions (in live portfolios) carrying each tag. */
export async function recountTags(trx: Transaction<DB>, tagIds: readonly string[]): Promise<void> {
  if (tagIds.length === 0) return;
  await sql`update tags t set usage_count = (select count(*) from position_tags pt join positions p on p.id = pt.position_id
      join portfolios f on f.id = p.portfolio_id where pt.tag_id = t.id and p.deleted_at is null and f.deleted_at is null)
    where t.id = any(${[...tagIds]}::uuid[])`.execute(trx);
}

/** The tags of `positionIds`, to recount after those positions change state. */
export async function tagsOf(trx: Transaction<DB>, positionIds: readonly string[]): Promise<string[]> {
  if (positionIds.length === 0) return [];
  return (await trx.selectFrom('position_tags').select('tag_id').distinct().where('position_id', 'in', [...positionIds]).execute()).map((r) => r.tag_id);
}
