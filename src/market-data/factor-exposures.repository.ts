/**
 * factor_definitions (read) and symbol_factor_exposures (write) for symbol-level factor betas.
 * Plain async functions taking the database or the caller's transaction first.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, IsoDate, SymbolFactorExposuresTable } from '../db/schema.js';

/** A factor with an ETF proxy. */
export interface FactorProxy {
  factorId: string;
  /** factor_definitions.name, e.g. 'market'. */
  name: string;
  /** The ETF symbol, e.g. 'SPY'. */
  etf: string;
}

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
export async function upsertSymbolFactorExposures(db: Transaction<DB>, rows: readonly SymbolExposureRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  for (const r of rows) {
    if (!(Math.abs(r.beta) < BETA_LIMIT)) {
      throw new RangeError(`symbol_factor_exposures: beta ${r.beta} of ${r.symbol} on factor ${r.factorId} is outside +-${BETA_LIMIT}`);
    }
  }
  const clampT = (t: number | null) => (t === null || Math.abs(t) >= 1e8 ? null : t);
  const clampSe = (s: number | null) => (s === null || s >= 1e6 ? null : s);
  // One INSERT ... SELECT FROM unnest(arrays) per 5,000 rows: 10 parameters whatever the row count.
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const col = <T>(f: (r: SymbolExposureRow) => T): T[] => chunk.map(f);
    await sql`
      insert into symbol_factor_exposures as x (symbol, factor_id, calculation_date, beta_value, std_error, t_stat, r_squared, observations, window_days, calculation_method)
      select * from unnest(
        ${col((r) => r.symbol)}::varchar[], ${col((r) => r.factorId)}::uuid[], ${col((r) => r.calculationDate)}::date[],
        ${col((r) => String(r.beta))}::numeric[], ${col((r) => nullableText(clampSe(r.stdError)))}::numeric[],
        ${col((r) => nullableText(clampT(r.tStat)))}::numeric[], ${col((r) => nullableText(r.rSquared))}::numeric[],
        ${col((r) => r.observations)}::int[], ${col((r) => r.windowDays)}::int[], ${col((r) => r.method)}::varchar[])
      on conflict (symbol, factor_id, calculation_date, calculation_method, window_days) do update set
        beta_value = excluded.beta_value, std_error = excluded.std_error, t_stat = excluded.t_stat,
        r_squared = excluded.r_squared, observations = excluded.observations`.execute(db);
  }
  return rows.length;
}

/** A number as NUMERIC text (exponent notation is read by numeric_in), or null. */
function nullableText(x: number | null): string | null {
  return x === null ? null : String(x);
}
