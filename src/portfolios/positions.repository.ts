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
  const inserted = await trx.insertInto('positions').values([...rows]).returning('id').execute();
  await enqueueSymbols(
    trx,
    rows.map((r) => ({ symbol: r.symbol, investmentClass: r.investment_class, requestedBy: options.requestedBy ?? null })),
    { addedSource: 'position' },
  );
  return inserted.map((r) => r.id);
}
