/**
 * Exports (seed 004, export_history: one row per export with its user, type, format, file name and
 * size): a portfolio's positions, snapshot history and full risk report as CSV or JSON, and a
 * what-if session's trades as FIX 4.4 NewOrderSingle messages.
 *
 * The positions CSV has the import's full column set (the reference system's 12 columns) plus Tags,
 * so a file exported here imports into another portfolio with the same positions.
 */
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { DB, ExportHistoryTable } from '../../db/schema.js';
import { fixOrders, type FixOrder } from '../../exports/fix.js';
import { ownedPortfolio } from '../access.js';
import type { Caller } from '../auth/auth.service.js';
import { views } from '../positions/positions.service.js';
import { correlations, exposures, factorExposures, history, overview, riskMetrics, stressResults } from '../risk/risk.service.js';
import { sessionForExport } from '../what-if/what-if.service.js';

export type PortfolioExportType = 'positions' | 'snapshots' | 'risk';
export type ExportFormat = 'csv' | 'json';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string;
}

const HISTORY_TYPE = { positions: 'positions', snapshots: 'portfolio', risk: 'risk_report' } as const;

/** A file name of plain characters from a portfolio or session name. */
function fileStem(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'portfolio';
}

async function record(db: Kysely<DB>, caller: Caller, portfolioId: string, type: ExportHistoryTable['export_type'], format: 'csv' | 'json' | 'fix', file: ExportFile): Promise<ExportFile> {
  await db.insertInto('export_history').values({
    user_id: caller.id, portfolio_id: portfolioId, export_type: type, export_format: format, file_name: file.fileName, file_size_bytes: Buffer.byteLength(file.body),
  }).execute();
  return file;
}

/** The header of the positions CSV: the import's 12 columns and Tags. */
export const POSITIONS_CSV_HEADER = ['Symbol', 'Quantity', 'Entry Price Per Share', 'Entry Date', 'Investment Class', 'Investment Subtype', 'Underlying Symbol',
  'Strike Price', 'Expiration Date', 'Option Type', 'Exit Date', 'Exit Price Per Share', 'Tags'];

/** A flat CSV of nested JSON: one row per leaf value, its path in `section` and `field`. */
function flatRows(section: string, value: unknown, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [[section, path.join('.'), value === null || value === undefined ? '' : String(value)]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => flatRows(section, v, [...path, k]));
}

export async function portfolioExport(db: Kysely<DB>, caller: Caller, portfolioId: string, type: PortfolioExportType, format: ExportFormat): Promise<ExportFile> {
  const portfolio = await ownedPortfolio(db, caller, portfolioId);
  const stem = `${fileStem(portfolio.name)}-${type}`;
  const json = (data: unknown): ExportFile => ({ fileName: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(data, null, 2)}\n` });
  const csv = (rows: unknown[][]): ExportFile => ({ fileName: `${stem}.csv`, contentType: 'text/csv; charset=utf-8', body: stringify(rows) });
  let file: ExportFile;
  if (type === 'positions') {
    const rows = await db.selectFrom('positions').selectAll().where('portfolio_id', '=', portfolioId).where('deleted_at', 'is', null).orderBy('entry_date').orderBy('id').execute();
    const items = await views(db, rows);
    file = format === 'json' ? json({ portfolio: { id: portfolio.id, name: portfolio.name, currency: portfolio.currency }, positions: items }) : csv([
      POSITIONS_CSV_HEADER,
      ...items.map((p) => [
        p.symbol, p.quantity, p.entry_price, p.entry_date, p.investment_class, p.investment_class === 'OPTIONS' ? 'OPTION' : 'STOCK',
        p.underlying_symbol ?? '', p.strike_price ?? '', p.expiration_date ?? '', p.option_type ?? '', p.exit_date ?? '', p.exit_price ?? '', p.tags.join(';'),
      ]),
    ]);
  } else if (type === 'snapshots') {
    const { items } = await history(db, caller, portfolioId, {});
    const columns = ['date', 'equity', 'market_value', 'daily_pnl', 'daily_return', 'total_pnl', 'time_weighted_return', 'gross', 'net', 'beta', 'var', 'var_method', 'var_confidence', 'var_horizon_days', 'synthetic', 'stale'] as const;
    file = format === 'json' ? json({ portfolio: { id: portfolio.id, name: portfolio.name }, snapshots: items })
      : csv([[...columns], ...items.map((s) => columns.map((c) => s[c] ?? ''))]);
  } else {
    const [ov, risk, stress, factors, corr, exp] = await Promise.all([
      overview(db, caller, portfolioId), riskMetrics(db, caller, portfolioId), stressResults(db, caller, portfolioId),
      factorExposures(db, caller, portfolioId), correlations(db, caller, portfolioId), exposures(db, caller, portfolioId),
    ]);
    const report = { overview: ov, risk, stress, factor_exposures: factors, correlations: corr, exposures: exp };
    file = format === 'json' ? json(report)
      : csv([['section', 'field', 'value'], ...Object.entries(report).flatMap(([section, value]) => flatRows(section, value))]);
  }
  return record(db, caller, portfolioId, HISTORY_TYPE[type], format, file);
}

/** A what-if session's trades as FIX 4.4 NewOrderSingle messages (fix.ts), one per trade. */
export async function sessionFixExport(db: Kysely<DB>, caller: Caller, sessionId: string, settings: { senderCompId: string; targetCompId: string }): Promise<ExportFile> {
  const { row, base, trades } = await sessionForExport(db, caller, sessionId);
  const exportId = crypto.randomUUID().slice(0, 8);
  // Shares (and contracts) held per symbol as the trades go: a trade first reduces what is held
  // (a sale of a long, a buy to cover, a closing option order), then opens the rest.
  const held = new Map<string, number>();
  for (const p of base.positions) {
    if (!(p.exitDate && p.exitDate <= base.date)) held.set(p.symbol, (held.get(p.symbol) ?? 0) + p.quantity);
  }
  const orders: FixOrder[] = [];
  trades.forEach((t, i) => {
    const option = t.underlying_symbol && t.strike_price !== null && t.expiration_date && t.option_type
      ? { underlying: t.underlying_symbol, right: t.option_type, strike: t.strike_price, expiry: t.expiration_date } : null;
    const h = held.get(t.symbol) ?? 0;
    // The part that reduces the holding (opposite signs), and the part that opens or adds.
    const closing = Math.sign(h) === -Math.sign(t.quantity) ? Math.sign(t.quantity) * Math.min(Math.abs(h), Math.abs(t.quantity)) : 0;
    const opening = t.quantity - closing;
    held.set(t.symbol, h + t.quantity);
    const legs: [number, 'C' | 'O'][] = [];
    if (closing !== 0) legs.push([closing, 'C']);
    if (opening !== 0) legs.push([opening, 'O']);
    legs.forEach(([quantity, effect], leg) => {
      const side: FixOrder['side'] = quantity > 0 ? '1' : option || effect === 'C' ? '2' : '5';
      orders.push({
        clOrdId: `SS-${exportId}-${i + 1}${legs.length > 1 ? `.${leg + 1}` : ''}-${t.id.slice(0, 8)}`, symbol: t.symbol, quantity, limitPrice: t.price_given ? t.price : null, side, option,
        positionEffect: option || t.close_position_id ? effect : null,
      });
    });
  });
  const body = fixOrders(orders, { sender: settings.senderCompId, target: settings.targetCompId });
  return record(db, caller, row.portfolio_id, 'trades', 'fix', { fileName: `${fileStem(row.name)}.fix`, contentType: 'application/octet-stream', body });
}
