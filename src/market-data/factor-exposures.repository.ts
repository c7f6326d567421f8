/**
 * factor_definitions (read) and symbol_factor_exposures (write) for symbol-level factor betas.
 * Plain async functions taking the database or the caller's transaction first.
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate, SymbolFactorExposuresTable } from '../db/schema.js';
import type { FactorProxy } from './symbol-betas.js';

/** The active factors that have an ETF proxy, in display order. */
export async function loadFactorProxies(db: Kysely<DB>): Promise<FactorProxy[]> {
  const rows = await db
    .selectFrom('factor_definitions')
    .select(['id', 'name', 'etf_proxy'])
    .where('is_active', '=', true)
    .where('etf_proxy', 'is not', null)
    .orderBy('display_order')
    .execute();
  return rows.map((r) => ({ factorId: r.id, name: r.name, etf: r.etf_proxy! }));
}

/** The id of the factor named `name`; throws naming it when there is none. */
export async function factorIdByName(db: Kysely<DB>, name: string): Promise<string> {
  const row = await db.selectFrom('factor_definitions').select('id').where('name', '=', name).executeTakeFirst();
  if (!row) throw new Error(`factor_definitions has no factor named "${name}"`);
  return row.id;
}

/** One symbol_factor_exposures row. */
export interface SymbolExposureRow {
  symbol: string;
  factorId: string;
  calculationDate: IsoDate;
  beta: number;
  stdError: number | null;
  tStat: number | null;
  rSquared: number | null;
  observations: number;
  windowDays: number;
  method: SymbolFactorExposuresTable['calculation_method'];
}

const BETA_LIMIT = 1e6; // numeric(14, 8)

/**
 * Upserts exposures on (symbol, factor_id, calculation_date, calculation_method, window_days): a
 * recomputation replaces the stored numbers instead of adding a row. Returns the rows written.
 * Throws, naming the symbol and factor, for a beta outside the column's range.
 */
export async function upsertSymbolFactorExposures(db: Kysely<DB>, rows: readonly SymbolExposureRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  for (const r of rows) {
    if (!(Math.abs(r.beta) < BETA_LIMIT)) {
      throw new RangeError(`symbol_factor_exposures: beta ${r.beta} of ${r.symbol} on factor ${r.factorId} is outside +-${BETA_LIMIT}`);
    }
  }
  const clampT = (t: number | null) => (t === null || Math.abs(t) >= 1e8 ? null : t);
  const clampSe = (s: number | null) => (s === null || s >= 1e6 ? null : s);
  await db
    .insertInto('symbol_factor_exposures')
    .values(
      rows.map((r) => ({
        symbol: r.symbol,
        factor_id: r.factorId,
        calculation_date: r.calculationDate,
        beta_value: r.beta,
        std_error: clampSe(r.stdError),
        t_stat: clampT(r.tStat),
        r_squared: r.rSquared,
        observations: r.observations,
        window_days: r.windowDays,
        calculation_method: r.method,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['symbol', 'factor_id', 'calculation_date', 'calculation_method', 'window_days']).doUpdateSet({
        beta_value: (eb) => eb.ref('excluded.beta_value'),
        std_error: (eb) => eb.ref('excluded.std_error'),
        t_stat: (eb) => eb.ref('excluded.t_stat'),
        r_squared: (eb) => eb.ref('excluded.r_squared'),
        observations: (eb) => eb.ref('excluded.observations'),
      }),
    )
    .execute();
  return rows.length;
}
