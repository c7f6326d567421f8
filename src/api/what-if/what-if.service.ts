/**
 * What-if sessions (seed 004, modeling_session_snapshots): a portfolio as it stands on its latest
 * computed day, trades added, resized and removed, and the risk before, after and the difference.
 *
 * The numbers come from the batch's own pure function, analytics/portfolio-risk.ts, on the batch's
 * stored symbol-level inputs for that day (loadPortfolioRiskInput), with the batch's risk-free rate
 * as stored in the snapshot: "before" is what the batch stored for the day, and "after" is what it
 * stores once the trades are held (test/http/what-if.test.ts proves both).
 *
 * Conventions: a trade is held at the session's day D. Its price defaults to D's close (the latest
 * on or before D) of the stock, or of the option when one is stored for D; an option without it
 * needs a price. A trade that closes a position exits it at its price (default D's close), so its
 * P&L moves from unrealized to realized. The session keeps the book as it stood when opened
 * (base_portfolio_snapshot); later edits of the portfolio do not change it.
 */
import { sql, type Kysely } from 'kysely';
import { portfolioRisk, type PortfolioPosition, type PreviousSnapshot } from '../../analytics/portfolio-risk.js';
import { lastCloses, loadPortfolioRiskInput, SharedInputsCache, type SharedInputs } from '../../batch/portfolio/portfolio-inputs.repository.js';
import type { DB, IsoDate, OptionRight, PositionType } from '../../db/schema.js';
import { normalizePosition, type PositionInput } from '../../portfolios/position-input.js';
import { insertPositions } from '../../portfolios/positions.repository.js';
import { ownedPortfolio, UUID } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { ApiError, notFound, type ErrorDetail } from '../errors.js';
import { exchangeToday } from '../positions/positions.service.js';
import { recountTags, tagsOf } from '../tags/tag-usage.js';
import { difference, riskSummary, type RiskSummary } from './risk-summary.js';

/** A trade of a session, as stored in `changes`. */
export interface Trade {
  id: string;
  /** Ticker or OCC symbol; for a close, the closed position's. */
  symbol: string;
  /** Signed: shares or contracts (a close: minus the position's quantity). */
  quantity: number;
  price: number;
  /** Whether the price was given (a limit order in the FIX export) or D's close (a market order). */
  price_given: boolean;
  position_type: PositionType;
  underlying_symbol: string | null;
  strike_price: number | null;
  expiration_date: string | null;
  option_type: OptionRight | null;
  /** Set when the trade closes that position of the book. */
  close_position_id: string | null;
  created_at: string;
}

/** The book a session was opened on. */
interface Base {
  date: IsoDate;
  risk_free_rate: number;
  equity_balance: number | null;
  positions: PortfolioPosition[];
  /** The roll-forward as the session opened (a cash flow recorded later is no trade's effect). */
  previous?: PreviousSnapshot | null;
  cash_flows?: number;
}

export interface TradeInput {
  symbol?: string | undefined;
  quantity?: number | undefined;
  price?: number | undefined;
  underlying_symbol?: string | undefined;
  strike_price?: number | undefined;
  expiration_date?: string | undefined;
  option_type?: OptionRight | undefined;
  close_position_id?: string | undefined;
}

type SessionRow = Awaited<ReturnType<typeof sessionRow>>;

async function sessionRow(db: Kysely<DB>, caller: Caller, id: string, options: { lock?: boolean } = {}) {
  if (!UUID.test(id)) throw notFound('what-if session', id);
  const q = db.selectFrom('modeling_session_snapshots').selectAll().where('id', '=', id).where('user_id', '=', caller.id);
  const row = await (options.lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw notFound('what-if session', id);
  return row;
}

const baseOf = (row: SessionRow) => row.base_portfolio_snapshot as unknown as Base;
const tradesOf = (row: SessionRow) => (row.changes ?? []) as Trade[];

function invalid(message: string, details: ErrorDetail[]): ApiError {
  return new ApiError('VALIDATION_ERROR', message, details);
}

/** The session as the API answers it: its trades, and the risk before, after and the difference. */
export function sessionView(row: SessionRow) {
  const before = row.risk_metrics_before as unknown as RiskSummary;
  const after = (row.risk_metrics_after ?? row.risk_metrics_before) as unknown as RiskSummary;
  return {
    id: row.id, portfolio_id: row.portfolio_id, name: row.name, description: row.description, status: row.status,
    as_of: row.base_snapshot_date, trades: tradesOf(row),
    before, after, difference: difference(before, after) as Record<string, unknown>,
    created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString(), completed_at: row.completed_at?.toISOString() ?? null,
  };
}

/** Sector and industry of the trades' underlyings, as the batch classifies positions. */
async function classification(db: Kysely<DB>, symbols: readonly string[]): Promise<Map<string, { sector: string | null; industry: string | null }>> {
  if (symbols.length === 0) return new Map();
  const rows = await db.selectFrom('symbol_universe').select(['symbol', 'sector', 'industry']).where('symbol', 'in', [...symbols]).execute();
  return new Map(rows.map((r) => [r.symbol, { sector: r.sector, industry: r.industry }]));
}

/** The book after the session's trades: closed positions exit on D, new trades are held from D. */
async function positionsAfter(db: Kysely<DB>, base: Base, trades: readonly Trade[]): Promise<PortfolioPosition[]> {
  const closes = new Map(trades.filter((t) => t.close_position_id).map((t) => [t.close_position_id as string, t]));
  const book = base.positions.map((p) => {
    const c = closes.get(p.id);
    return c ? { ...p, exitPrice: c.price, exitDate: base.date } : p;
  });
  const opened = trades.filter((t) => !t.close_position_id);
  const classes = await classification(db, [...new Set(opened.map((t) => t.underlying_symbol ?? t.symbol))]);
  return [...book, ...opened.map((t): PortfolioPosition => {
    const c = classes.get(t.underlying_symbol ?? t.symbol);
    return {
      id: t.id, symbol: t.symbol, positionType: t.position_type, quantity: t.quantity, entryPrice: t.price, entryDate: base.date,
      underlying: t.underlying_symbol, strike: t.strike_price, expiry: t.expiration_date, sector: c?.sector ?? null, industry: c?.industry ?? null, tags: [],
    };
  })];
}

/**
 * Per database: each day's shared inputs (factor calendar, covariance, scenarios, symbols read so far),
 * reused by later requests (two thirds of a trade's time was reading them), four days at most.
 */
const sharedByDb = new WeakMap<object, SharedInputsCache>();

/** D's shared inputs for the requests on the database `cacheKey` (see {@link SharedInputsCache}). */
async function sharedFor(db: Kysely<DB>, date: IsoDate, cacheKey: object): Promise<SharedInputs> {
  let cache = sharedByDb.get(cacheKey);
  if (!cache) sharedByDb.set(cacheKey, (cache = new SharedInputsCache(4)));
  return cache.get(db, date);
}

/** The risk of `positions` on the session's day, by the batch's function on the batch's inputs. */
async function riskOf(db: Kysely<DB>, root: Kysely<DB>, portfolioId: string, base: Base, positions?: readonly PortfolioPosition[]) {
  const shared = await sharedFor(db, base.date, root);
  const { input, changedAt } = await loadPortfolioRiskInput(db, { id: portfolioId, equityBalance: base.equity_balance }, base.date, { riskFreeRate: base.risk_free_rate }, shared, positions);
  if (base.previous !== undefined) input.previous = base.previous;
  if (base.cash_flows !== undefined) input.cashFlows = base.cash_flows;
  return { input, changedAt, result: portfolioRisk(input) };
}

/** Opens a session on the caller's portfolio as it stands on its latest computed day. */
export async function openSession(db: Kysely<DB>, caller: Caller, portfolioId: string, body: { name?: string | undefined; description?: string | null | undefined }) {
  const portfolio = await ownedPortfolio(db, caller, portfolioId);
  const latest = await db.selectFrom('portfolio_snapshots').select(['snapshot_date', 'risk_free_rate', sql<string | null>`positions_changed_at::text`.as('changed')])
    .where('portfolio_id', '=', portfolioId).where('frequency', '=', 'daily').orderBy('snapshot_date', 'desc').limit(1).executeTakeFirst();
  if (!latest) throw new ApiError('CONFLICT', `portfolio ${portfolioId} has no computed day yet: a what-if starts from the batch's results (they appear within seconds of adding positions)`);
  const base: Base = { date: latest.snapshot_date, risk_free_rate: latest.risk_free_rate ?? 0, equity_balance: portfolio.equity_balance, positions: [] };
  const { input, changedAt, result } = await riskOf(db, db, portfolioId, base);
  // "Before" is the stored result: the book and its cash flows must be the ones the batch computed.
  if (portfolio.recompute_from !== null || (latest.changed !== null && changedAt !== latest.changed)) {
    throw new ApiError('CONFLICT', `portfolio ${portfolioId} changed since its results of ${base.date} were computed; they are being refreshed: open the session again in a few seconds`);
  }
  base.positions = input.positions.filter((p) => p.entryDate <= base.date);
  base.previous = input.previous;
  base.cash_flows = input.cashFlows;
  const summary = JSON.stringify(riskSummary(result));
  const id = crypto.randomUUID();
  const row = await db.insertInto('modeling_session_snapshots').values({
    id, session_id: id, user_id: caller.id, portfolio_id: portfolioId, name: body.name ?? `What-if on ${base.date}`, description: body.description ?? null,
    base_snapshot_date: base.date, base_portfolio_snapshot: JSON.stringify(base), changes: '[]', risk_metrics_before: summary, risk_metrics_after: summary,
  }).returningAll().executeTakeFirstOrThrow();
  return sessionView(row);
}

export async function getSession(db: Kysely<DB>, caller: Caller, id: string) {
  return sessionView(await sessionRow(db, caller, id));
}

/** The caller's sessions, newest first (optionally of one portfolio or status). */
export async function listSessions(db: Kysely<DB>, caller: Caller, q: { portfolio_id?: string | undefined; status?: 'active' | 'completed' | 'cancelled' | undefined; limit: number }) {
  let query = db.selectFrom('modeling_session_snapshots').select(['id', 'portfolio_id', 'name', 'status', 'base_snapshot_date', 'changes', 'created_at', 'updated_at', 'completed_at'])
    .where('user_id', '=', caller.id).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit);
  if (q.portfolio_id !== undefined) {
    if (!UUID.test(q.portfolio_id)) return { items: [] };
    query = query.where('portfolio_id', '=', q.portfolio_id);
  }
  if (q.status) query = query.where('status', '=', q.status);
  return {
    items: (await query.execute()).map((r) => ({
      id: r.id, portfolio_id: r.portfolio_id, name: r.name, status: r.status, as_of: r.base_snapshot_date, trades: ((r.changes ?? []) as Trade[]).length,
      created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(), completed_at: r.completed_at?.toISOString() ?? null,
    })),
  };
}

function active(row: SessionRow): void {
  if (row.status !== 'active') throw new ApiError('CONFLICT', `what-if session ${row.id} is ${row.status}: it can no longer change`);
}

/** A trade from its input, checked against the session's book and the stored market data of D. */
async function tradeOf(db: Kysely<DB>, base: Base, trades: readonly Trade[], input: TradeInput, id: string): Promise<Trade> {
  if (input.close_position_id !== undefined) {
    const p = base.positions.find((x) => x.id === input.close_position_id);
    const field = 'body.close_position_id';
    if (!p) throw invalid(`position ${input.close_position_id} is not in this session's book`, [{ field, code: 'not_found', message: 'is not an open position of the book the session was opened on' }]);
    if (p.exitDate && p.exitDate <= base.date) throw invalid(`position ${p.id} is already closed`, [{ field, code: 'closed', message: 'is already closed' }]);
    if (trades.some((t) => t.close_position_id === p.id && t.id !== id)) throw invalid(`position ${p.id} is already closed by another trade of this session`, [{ field, code: 'duplicate', message: 'is already closed by another trade' }]);
    for (const k of ['symbol', 'quantity', 'underlying_symbol', 'strike_price', 'expiration_date', 'option_type'] as const) {
      if (input[k] !== undefined) throw invalid(`a close takes only close_position_id and price, not ${k}`, [{ field: `body.${k}`, code: 'not_allowed', message: 'is not allowed with close_position_id (a close is the whole position)' }]);
    }
    const close = (await lastCloses(db, [p.symbol], base.date))[p.symbol];
    const price = input.price ?? (close && close.date === base.date ? close.close : undefined);
    if (price === undefined) throw invalid(`no close of ${p.symbol} on ${base.date}: give the exit price`, [{ field: 'body.price', code: 'required', message: `is required: ${p.symbol} has no close on ${base.date}` }]);
    return {
      id, symbol: p.symbol, quantity: -p.quantity, price, price_given: input.price !== undefined, position_type: p.positionType,
      underlying_symbol: p.underlying ?? null, strike_price: p.strike ?? null, expiration_date: p.expiry ?? null,
      option_type: p.underlying ? (p.positionType === 'LC' || p.positionType === 'SC' ? 'CALL' : 'PUT') : null, close_position_id: p.id, created_at: new Date().toISOString(),
    };
  }
  // The same rules as a position (OCC symbols, option fields, sign), entered on D; the price is checked after.
  const position: PositionInput = {
    symbol: input.symbol ?? null, quantity: input.quantity ?? null, entry_price: input.price ?? 0, entry_date: base.date,
    underlying_symbol: input.underlying_symbol ?? null, strike_price: input.strike_price ?? null, expiration_date: input.expiration_date ?? null, option_type: input.option_type ?? null,
  };
  const n = normalizePosition(position, base.date);
  if (!n.ok) {
    const details = n.problems.map((p) => ({ field: `body.${p.field === 'entry_price' ? 'price' : p.field}`, code: p.code, message: p.message }));
    throw invalid(`invalid trade: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}`, details);
  }
  const row = n.row;
  if (row.expiration_date && row.expiration_date < base.date) {
    throw invalid(`the option ${row.symbol} expired on ${row.expiration_date}, before the session's day ${base.date}`, [{ field: 'body.symbol', code: 'expired', message: `expired on ${row.expiration_date}` }]);
  }
  if (row.underlying_symbol && !Number.isInteger(Number(row.quantity))) {
    throw invalid('an option trade is in whole contracts', [{ field: 'body.quantity', code: 'invalid', message: 'must be a whole number of contracts' }]);
  }
  const underlying = row.underlying_symbol ?? row.symbol;
  const closes = await lastCloses(db, [...new Set([underlying, row.symbol])], base.date);
  if (!closes[underlying]) {
    throw new ApiError('UNPROCESSABLE', `no market data for ${underlying} on or before ${base.date}: SigmaSight cannot value the trade. Add it to a portfolio as a position to have its history fetched (onboarding), then open a session again.`,
      [{ field: 'body.symbol', code: 'no_market_data', message: `${underlying} has no stored prices on or before ${base.date}` }]);
  }
  let price = input.price;
  if (price === undefined) {
    const own = closes[row.symbol];
    if (row.underlying_symbol && !(own && own.date === base.date)) {
      throw invalid(`no close of the option ${row.symbol} on ${base.date}: give its price`, [{ field: 'body.price', code: 'required', message: `is required: the option has no close on ${base.date}` }]);
    }
    price = (own ?? closes[underlying]).close;
  }
  // Stored as positions are (numeric(16, 6)), so what is applied is what was valued.
  price = Math.round(price * 1e6) / 1e6;
  return {
    id, symbol: row.symbol, quantity: Number(row.quantity), price, price_given: input.price !== undefined, position_type: row.position_type,
    underlying_symbol: row.underlying_symbol ?? null, strike_price: row.strike_price === null || row.strike_price === undefined ? null : Number(row.strike_price), expiration_date: row.expiration_date ?? null, option_type: row.option_type ?? null,
    close_position_id: null, created_at: new Date().toISOString(),
  };
}

/** Stores the session's trades and the risk after them, in the caller's transaction. */
async function recompute(db: Kysely<DB>, root: Kysely<DB>, row: SessionRow, trades: Trade[]) {
  const base = baseOf(row);
  const positions = await positionsAfter(db, base, trades);
  const { result } = await riskOf(db, root, row.portfolio_id, base, positions);
  const updated = await db.updateTable('modeling_session_snapshots').set({
    changes: JSON.stringify(trades), risk_metrics_after: JSON.stringify(riskSummary(result)),
    modified_portfolio_snapshot: JSON.stringify({ date: base.date, positions }), updated_at: new Date(),
  }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  return sessionView(updated);
}

/** Adds a trade; answers the session with the new "after". */
export async function addTrade(db: Kysely<DB>, caller: Caller, sessionId: string, input: TradeInput) {
  return db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, caller, sessionId, { lock: true });
    active(row);
    const trades = tradesOf(row);
    if (trades.length >= 500) throw new ApiError('CONFLICT', 'a session holds at most 500 trades');
    const trade = await tradeOf(trx, baseOf(row), trades, input, crypto.randomUUID());
    return recompute(trx, db, row, [...trades, trade]);
  });
}

/** Resizes or reprices a trade (the same fields as adding it; what is not given is kept). */
export async function changeTrade(db: Kysely<DB>, caller: Caller, sessionId: string, tradeId: string, input: { quantity?: number | undefined; price?: number | undefined }) {
  return db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, caller, sessionId, { lock: true });
    const trades = tradesOf(row);
    const i = trades.findIndex((t) => t.id === tradeId);
    if (i < 0) throw notFound('trade', tradeId);
    active(row);
    const t = trades[i]!;
    const again: TradeInput = t.close_position_id
      ? { close_position_id: t.close_position_id, price: input.price ?? (t.price_given ? t.price : undefined) }
      : {
        symbol: t.symbol, quantity: input.quantity ?? t.quantity, price: input.price ?? (t.price_given ? t.price : undefined),
      };
    if (t.close_position_id && input.quantity !== undefined) throw invalid('a close is the whole position: its quantity cannot change', [{ field: 'body.quantity', code: 'not_allowed', message: 'cannot change on a close' }]);
    const next = [...trades];
    next[i] = { ...(await tradeOf(trx, baseOf(row), trades, again, t.id)), created_at: t.created_at };
    return recompute(trx, db, row, next);
  });
}

export async function removeTrade(db: Kysely<DB>, caller: Caller, sessionId: string, tradeId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, caller, sessionId, { lock: true });
    const trades = tradesOf(row);
    if (!trades.some((t) => t.id === tradeId)) throw notFound('trade', tradeId);
    active(row);
    return recompute(trx, db, row, trades.filter((t) => t.id !== tradeId));
  });
}

/** Names or describes (saves) a session. */
export async function renameSession(db: Kysely<DB>, caller: Caller, sessionId: string, body: { name?: string | undefined; description?: string | null | undefined }) {
  return db.transaction().execute(async (trx) => {
    await sessionRow(trx, caller, sessionId, { lock: true });
    const row = await trx.updateTable('modeling_session_snapshots').set({
      ...(body.name !== undefined ? { name: body.name } : {}), ...(body.description !== undefined ? { description: body.description } : {}), updated_at: new Date(),
    }).where('id', '=', sessionId).returningAll().executeTakeFirstOrThrow();
    return sessionView(row);
  });
}

/**
 * Completes a session; with `apply`, in the same transaction, creates a position per new trade
 * (entered on `entry_date`, at the trade's price) and closes each position a trade closes (at its
 * price, on `entry_date`). `entry_date` defaults to the session's day: the trades are entered as of
 * the close they were priced at, so the refresh of that day (within seconds: the batch service sees
 * the positions changed) stores what the session showed as "after". A later date enters them from
 * that day on: the results include them once the batch computes that day.
 */
export async function completeSession(db: Kysely<DB>, caller: Caller, sessionId: string, body: { apply: boolean; entry_date?: string | undefined }) {
  const today = exchangeToday();
  return db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, caller, sessionId, { lock: true });
    active(row);
    const date = body.entry_date ?? baseOf(row).date;
    const created: string[] = [];
    const closed: string[] = [];
    if (body.apply) {
      // Ownership again, under the portfolio's lock (the order every position write takes).
      await ownedPortfolio(trx, caller, row.portfolio_id, { lock: true });
      if (date > today) throw invalid(`entry_date ${date} is in the future`, [{ field: 'body.entry_date', code: 'future', message: `is after today (${today})` }]);
      const base = baseOf(row);
      // Earlier than the session's day, the trades would enter days whose results were computed without them.
      if (date < base.date) throw invalid(`entry_date ${date} is before the session's day ${base.date}`, [{ field: 'body.entry_date', code: 'before_session', message: `must be on or after ${base.date}` }]);
      const trades = tradesOf(row);
      const closes = trades.filter((t) => t.close_position_id);
      for (const t of closes) {
        const p = await trx.selectFrom('positions').select(['id', 'symbol', 'quantity', 'position_type', 'entry_price', 'entry_date', 'exit_date']).where('id', '=', t.close_position_id!)
          .where('portfolio_id', '=', row.portfolio_id).where('deleted_at', 'is', null).executeTakeFirst();
        if (!p || p.exit_date !== null) throw new ApiError('CONFLICT', `position ${t.close_position_id} is no longer open in the portfolio: the session cannot be applied`);
        const was = base.positions.find((x) => x.id === p.id);
        if (!was || was.symbol !== p.symbol || was.quantity !== p.quantity || was.positionType !== p.position_type || was.entryPrice !== p.entry_price || was.entryDate !== p.entry_date) {
          throw new ApiError('CONFLICT', `position ${p.id} (${p.symbol}) changed since the session was opened: the session cannot be applied; open a new one`);
        }
        if (date < p.entry_date) throw invalid(`entry_date ${date} is before position ${p.id} was entered (${p.entry_date})`, [{ field: 'body.entry_date', code: 'before_entry', message: `is before the closed position's entry date ${p.entry_date}` }]);
        await trx.updateTable('positions').set({ exit_price: t.price, exit_date: date, updated_at: new Date() }).where('id', '=', p.id).execute();
        closed.push(p.id);
      }
      const opened = trades.filter((t) => !t.close_position_id);
      if (opened.length > 0) {
        const rows = opened.map((t) => ({
          portfolio_id: row.portfolio_id, symbol: t.symbol, position_type: t.position_type, quantity: t.quantity, entry_price: t.price, entry_date: date,
          investment_class: t.underlying_symbol ? 'OPTIONS' as const : 'PUBLIC' as const, underlying_symbol: t.underlying_symbol, strike_price: t.strike_price,
          expiration_date: t.expiration_date, option_type: t.option_type, notes: `what-if session ${row.name}`,
        }));
        created.push(...await insertPositions(trx, rows, { requestedBy: caller.id }));
      }
      await recountTags(trx, await tagsOf(trx, closed));
    }
    const done = await trx.updateTable('modeling_session_snapshots').set({ status: 'completed', completed_at: new Date(), updated_at: new Date() })
      .where('id', '=', sessionId).returningAll().executeTakeFirstOrThrow();
    return { ...sessionView(done), applied: { created_position_ids: created, closed_position_ids: closed, entry_date: body.apply ? date : null } };
  });
}

export async function cancelSession(db: Kysely<DB>, caller: Caller, sessionId: string) {
  return db.transaction().execute(async (trx) => {
    const row = await sessionRow(trx, caller, sessionId, { lock: true });
    active(row);
    const done = await trx.updateTable('modeling_session_snapshots').set({ status: 'cancelled', completed_at: new Date(), updated_at: new Date() })
      .where('id', '=', sessionId).returningAll().executeTakeFirstOrThrow();
    return sessionView(done);
  });
}

/** The session's trades, for the FIX export. */
export async function sessionForExport(db: Kysely<DB>, caller: Caller, sessionId: string) {
  const row = await sessionRow(db, caller, sessionId);
  return { row, base: baseOf(row), trades: tradesOf(row) };
}

