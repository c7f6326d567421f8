/**
 * Importing market data from files: daily price CSVs (price-csv.ts) and short-selling CSVs
 * (short-selling-csv.ts). Each file is all or nothing: a malformed file stores nothing; otherwise
 * its readable, valid rows are stored in one transaction and every other row is reported with the
 * file, line, symbol, date and reason.
 *
 * Imported bars keep the file's values: close as written (Yahoo's files are split-adjusted) and
 * adjusted_close from the file's adjusted-close column, or the close when there is none, with
 * data_source 'import'. A split or dividend that reaches the sync later scales their adjusted
 * close like any earlier bar's (see sync.ts).
 */
import type { Kysely } from 'kysely';
import type { DB, IsoDate } from '../db/schema.js';
import { validateBars } from './bar-validation.js';
import { corporateActionsFor } from './corporate-actions.repository.js';
import { IMPORT_DATA_SOURCE, parsePriceCsv, type ParsedPriceBar, type PriceFileLayout } from './price-csv.js';
import { beginSymbolWrite } from './price-sources.js';
import { writeBars } from './prices.repository.js';
import { parseShortSellingCsv } from './short-selling-csv.js';
import { storeShortSellingMetrics } from './short-selling.js';
import { enqueueSymbols } from './onboarding.service.js';
import { recordImportedSpans } from './sync.repository.js';

/** A row of a file that was not stored. */
export interface ImportRejection {
  file: string;
  line: number;
  symbol: string;
  date: string;
  reason: string;
}

/** What importing one price file did. */
export interface PriceImportResult {
  file: string;
  layout: PriceFileLayout;
  /** Bars written (new or replacing stored ones). */
  stored: number;
  /** Symbols with at least one bar stored, sorted. */
  symbols: string[];
  /** Ordered by line. */
  rejected: ImportRejection[];
}

/** Import settings. */
export interface PriceImportOptions {
  /** The file's name, for messages and (per-symbol layout) its symbol. */
  file: string;
  /** Overrides the symbol a per-symbol file's name gives. */
  symbol?: string;
  /** Bars dated after it are rejected. */
  today: IsoDate;
  now?: () => Date;
}

/**
 * Parses, checks and stores one price file (see the module comment). Throws PriceFileError, having
 * stored nothing, when the file is malformed, and PriceSourceConflictError (price-sources.ts) when a
 * symbol of the file holds synthetic demo prices.
 *
 * @example
 * const r = await importPriceFile(db, readFileSync('MSFT.csv', 'utf8'), { file: 'MSFT.csv', today: '2024-06-28' });
 * // r.stored, r.rejected: [{ file, line, symbol, date, reason }]
 */
export async function importPriceFile(db: Kysely<DB>, text: string, options: PriceImportOptions): Promise<PriceImportResult> {
  const { file } = options;
  const parsed = parsePriceCsv(text, { file, ...(options.symbol !== undefined ? { symbol: options.symbol } : {}) });
  const rejected: ImportRejection[] = parsed.rejected.map((r) => ({ file, ...r }));
  const symbols = [...new Set(parsed.bars.map((b) => b.symbol))].sort();
  return db.transaction().execute(async (trx) => {
    // The symbols' locks first; a file of real prices for a symbol holding synthetic ones is refused whole.
    await beginSymbolWrite(trx, symbols.map((symbol) => ({ symbol, dataSource: IMPORT_DATA_SOURCE })));
    const knownSplits: { symbol: string; exDate: IsoDate }[] = [];
    for (const s of symbols) for (const split of (await corporateActionsFor(trx, s)).splits) knownSplits.push({ symbol: s, exDate: split.exDate });
    const checked = validateBars<ParsedPriceBar>(parsed.bars, { today: options.today, knownSplits });
    for (const r of checked.rejected) rejected.push({ file, line: r.bar.line, symbol: r.symbol, date: r.date, reason: r.reason });
    rejected.sort((a, b) => a.line - b.line);
    const stored = await writeBars(trx, checked.accepted.map((b) => ({
      symbol: b.symbol, date: b.date, open: b.open, high: b.high, low: b.low, close: b.close,
      adjustedClose: b.adjClose ?? b.close, volume: b.volume, dataSource: IMPORT_DATA_SOURCE,
    })));
    const spans = new Map<string, { symbol: string; firstDate: IsoDate; lastDate: IsoDate }>();
    for (const b of checked.accepted) {
      const s = spans.get(b.symbol);
      if (!s) spans.set(b.symbol, { symbol: b.symbol, firstDate: b.date, lastDate: b.date });
      else {
        if (b.date < s.firstDate) s.firstDate = b.date;
        if (b.date > s.lastDate) s.lastDate = b.date;
      }
    }
    await recordImportedSpans(trx, [...spans.values()], (options.now ?? (() => new Date()))());
    // New symbols are 'pending': queue them so a worker fetches the rest of their history and fits their betas.
    await enqueueSymbols(trx, [...spans.keys()].map((symbol) => ({ symbol, priority: 'low' as const })), { addedSource: 'import' });
    return { file, layout: parsed.layout, stored, symbols: [...spans.keys()].sort(), rejected };
  });
}

/** What importing one short-selling file did. */
export interface ShortSellingImportResult {
  file: string;
  stored: number;
  rejected: ImportRejection[];
}

/**
 * Parses, checks and stores one short-selling file, all or nothing. Throws PriceFileError, having
 * stored nothing, when the file is malformed.
 */
export async function importShortSellingFile(db: Kysely<DB>, text: string, options: { file: string; today: IsoDate }): Promise<ShortSellingImportResult> {
  const { file } = options;
  const parsed = parseShortSellingCsv(text, { file, today: options.today });
  const r = await storeShortSellingMetrics(db, parsed.rows, { dataSource: IMPORT_DATA_SOURCE, today: options.today });
  // parseShortSellingCsv already applied every check storeShortSellingMetrics makes, so r.rejected is empty.
  return { file, stored: r.stored, rejected: parsed.rejected.map((x) => ({ file, ...x })) };
}
