import type { Transaction } from 'kysely';
import type { DB, NewPosition } from '../db/schema.js';
import { enqueueSymbols } from '../market-data/onboarding.service.js';

/**
 * Inserts positions and, in the same transaction, enters every symbol the universe does not know
 * as 'pending' with a row on the onboarding queue (options queue their underlying too; PRIVATE
 * holdings are recorded with their reason and not queued). Every path that creates positions goes
 * through here, so a held symbol always gets prices and betas. Returns the new ids in input order.
 * Runs inside the caller's transaction.
 */
export async function insertPositions(trx: Transaction<DB>, rows: readonly NewPosition[], options: { requestedBy?: string } = {}): Promise<string[]> {
  if (rows.length === 0) return [];
  // 1,000 rows a statement: PostgreSQL takes at most 65,535 parameters per statement.
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    ids.push(...(await trx.insertInto('positions').values(rows.slice(i, i + 1_000)).returning('id').execute()).map((r) => r.id));
  }
  const symbols = new Map<string, NewPosition>();
  for (const r of rows) if (!symbols.has(r.symbol)) symbols.set(r.symbol, r);
  const unique = [...symbols.values()];
  for (let i = 0; i < unique.length; i += 1_000) {
    await enqueueSymbols(
      trx,
      unique.slice(i, i + 1_000).map((r) => ({ symbol: r.symbol, investmentClass: r.investment_class, requestedBy: options.requestedBy ?? null })),
      { addedSource: 'position' },
    );
  }
  return ids;
}
