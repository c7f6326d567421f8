import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { migrate } from '../db/migrator.js';
import { PriceSourceConflictError } from '../market-data/price-sources.js';
import { importPriceFile, importShortSellingFile, type ImportRejection } from '../market-data/file-import.js';
import { PriceFileError } from '../market-data/price-csv.js';
import { isIsoDate, isoDateInZone } from '../market-data/types.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const IMPORT_USAGE = `sigmasight import prices FILE...         store daily bars from CSV files: Yahoo's per-symbol
                                         Date,Open,High,Low,Close,Adj Close,Volume (symbol = file name)
                                         or symbol,date,open,high,low,close,adj_close,volume
  --symbol SYMBOL                        the symbol of a per-symbol file (one file only)
sigmasight import short-interest FILE... store symbol,date,cost_to_borrow_rate,short_interest,
                                         short_interest_ratio,days_to_cover[,shares_available]
  --today YYYY-MM-DD                     rows dated later are rejected (default: today in New York)
Each file is stored all or nothing; rejected rows are listed; exit 1 if a file could not be read.`;

function rejectionLine(r: ImportRejection): string {
  return `  rejected ${r.file} line ${r.line} ${r.symbol || '-'} ${r.date || '-'}: ${r.reason}`;
}

/**
 * `sigmasight import prices|short-interest FILE...`. Migrates first, so it works on an empty
 * database. Returns 0 when every file was stored (rejected rows are reported, not fatal), 1 when a
 * file was malformed or unreadable (that file stores nothing; the others are still imported).
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'prices' && sub !== 'short-interest') throw new UsageError(`unknown import command "${sub ?? ''}"\n${IMPORT_USAGE}`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: { symbol: { type: 'string' }, today: { type: 'string' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) throw new UsageError(`import ${sub} needs at least one FILE\n${IMPORT_USAGE}`);
  if (values.symbol !== undefined && sub !== 'prices') throw new UsageError('--symbol applies to import prices only');
  if (values.symbol !== undefined && positionals.length > 1) throw new UsageError('--symbol names the symbol of one file; give one FILE with it');
  if (values.today !== undefined && !isIsoDate(values.today)) throw new UsageError(`--today must be YYYY-MM-DD, got "${values.today}"`);
  const today = values.today ?? isoDateInZone(Date.now(), 'America/New_York');

  const rt = await openRuntime();
  try {
    await migrate(rt.database.db);
    let failedFiles = 0;
    let stored = 0;
    let rejected = 0;
    for (const file of positionals) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        io.err(`sigmasight: ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); nothing stored`);
        failedFiles++;
        continue;
      }
      try {
        if (sub === 'prices') {
          const r = await importPriceFile(rt.database.db, text, { file, today, ...(values.symbol !== undefined ? { symbol: values.symbol } : {}) });
          io.out(`${file}: stored ${r.stored} bar(s) for ${r.symbols.join(', ') || 'no symbol'} (${r.layout} layout); ${r.rejected.length} rejected`);
          for (const x of r.rejected) io.out(rejectionLine(x));
          stored += r.stored;
          rejected += r.rejected.length;
        } else {
          const r = await importShortSellingFile(rt.database.db, text, { file, today });
          io.out(`${file}: stored ${r.stored} short-selling row(s); ${r.rejected.length} rejected`);
          for (const x of r.rejected) io.out(rejectionLine(x));
          stored += r.stored;
          rejected += r.rejected.length;
        }
      } catch (e) {
        if (!(e instanceof PriceFileError || e instanceof PriceSourceConflictError)) throw e;
        // A PriceFileError names the file and line itself.
        io.err(`sigmasight: ${e instanceof PriceSourceConflictError ? `${file}: ` : ''}${e.message}; nothing stored from this file`);
        failedFiles++;
      }
    }
    if (positionals.length > 1) {
      io.out(`Total: ${stored} row(s) stored, ${rejected} rejected, ${failedFiles} of ${positionals.length} file(s) not imported.`);
    }
    return failedFiles > 0 ? 1 : 0;
  } finally {
    await rt.close();
  }
}
