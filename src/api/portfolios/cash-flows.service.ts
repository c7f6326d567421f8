/**
 * Cash flows of a portfolio: deposits (> 0) and withdrawals (< 0) that the equity roll-forward adds
 * (equity(D) = equity(D-1) + P&L(D) + flows dated D; docs/portfolio-risk.md). A flow dated on or
 * before a day whose results are stored makes those days stale: the write marks the portfolio's
 * `recompute_from` in the same transaction (results-stale.repository.ts) and the batch service recomputes them in order
 * (batch-service.ts, queueRecomputes).
 */
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { ownedPortfolio, UUID } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError, notFound } from '../errors.js';
import { CursorDate, decodeCursor, encodeCursor } from '../pagination.js';
import { markResultsStale } from '../../portfolios/results-stale.repository.js';
import { exchangeToday } from '../positions/positions.service.js';

export interface CashFlowView {
  id: string;
  portfolio_id: string;
  flow_date: string;
  amount: number;
  description: string | null;
  created_at: string;
}

type Row = { id: string; portfolio_id: string; flow_date: string; amount: number; description: string | null; created_at: Date };
const view = (r: Row): CashFlowView => ({
  id: r.id, portfolio_id: r.portfolio_id, flow_date: r.flow_date, amount: Number(r.amount), description: r.description, created_at: r.created_at.toISOString(),
});

const Key = z.tuple([CursorDate, z.uuid()]);

/** The portfolio's cash flows, newest first, a page at a time. */
export async function listCashFlows(db: Kysely<DB>, caller: Caller, portfolioId: string, q: { limit: number; cursor?: string | undefined }) {
  await ownedPortfolio(db, caller, portfolioId);
  let query = db.selectFrom('portfolio_cash_flows').selectAll().where('portfolio_id', '=', portfolioId)
    .orderBy('flow_date', 'desc').orderBy('id', 'desc').limit(q.limit + 1);
  if (q.cursor) {
    const [date, id] = decodeCursor(q.cursor, Key);
    query = query.where(sql<boolean>`(flow_date, id) < (${date}::date, ${id}::uuid)`);
  }
  const rows = await query.execute();
  const last = rows[q.limit - 1];
  return { items: rows.slice(0, q.limit).map(view), next_cursor: rows.length > q.limit && last ? encodeCursor([last.flow_date, last.id]) : null };
}

/** Records a cash flow; answers it with the day the portfolio's results are recomputed from (null: none stale). */
export async function createCashFlow(db: Kysely<DB>, caller: Caller, portfolioId: string, input: { flow_date: string; amount: number; description?: string | null | undefined }) {
  if (input.flow_date > exchangeToday()) {
    throw new ApiError('VALIDATION_ERROR', `flow_date ${input.flow_date} is in the future`, [{ field: 'body.flow_date', code: 'future_date', message: 'must not be in the future' }]);
  }
  return db.transaction().execute(async (trx) => {
    await ownedPortfolio(trx, caller, portfolioId, { lock: true });
    const row = await trx.insertInto('portfolio_cash_flows')
      .values({ portfolio_id: portfolioId, flow_date: input.flow_date, amount: input.amount, description: input.description ?? null })
      .returningAll().executeTakeFirstOrThrow();
    return { ...view(row), recompute_from: await markResultsStale(trx, portfolioId, input.flow_date) };
  });
}

/** Deletes a cash flow (a mistaken entry); the days it counted in are recomputed. */
export async function deleteCashFlow(db: Kysely<DB>, caller: Caller, portfolioId: string, flowId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownedPortfolio(trx, caller, portfolioId, { lock: true });
    if (!UUID.test(flowId)) throw notFound('cash flow', flowId);
    const gone = await trx.deleteFrom('portfolio_cash_flows').where('id', '=', flowId).where('portfolio_id', '=', portfolioId).returning('flow_date').executeTakeFirst();
    if (!gone) throw notFound('cash flow', flowId);
    await markResultsStale(trx, portfolioId, gone.flow_date);
  });
}
