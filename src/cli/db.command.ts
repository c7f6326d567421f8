import { parseArgs } from 'node:util';
import { migrate, migrationStatus } from '../db/migrator.js';
import type { DatasetFreshness } from '../market-data/freshness.js';
import { systemStatus, type PriceSource } from '../system/system-status.js';
import { UsageError, type CliIo } from './cli-io.js';
import { openRuntime } from './runtime.js';

export const DB_USAGE = `sigmasight db migrate     apply pending migrations
sigmasight db status      show applied, pending and changed migrations and what the database holds
  --json                  print JSON`;

function behind(d: DatasetFreshness): string {
  if (d.latestDate === null) return 'none';
  return `through ${d.latestDate}${d.tradingDaysBehind ? ` (${d.tradingDaysBehind} trading day(s) behind)` : ''}`;
}

/** `sigmasight db migrate|status`. */
export async function dbCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, strict: true });
  if (sub !== 'migrate' && sub !== 'status') throw new UsageError(`unknown db command "${sub ?? ''}"\n${DB_USAGE}`);
  const rt = await openRuntime();
  try {
    if (sub === 'migrate') {
      const applied = await migrate(rt.database.db);
      io.out(applied.length === 0 ? `Database is up to date (${rt.database.engine}, ${rt.database.location}).` : `Applied ${applied.length} migration(s): ${applied.map((m) => m.file).join(', ')}`);
      return 0;
    }
    const m = await migrationStatus(rt.database.db);
    const s = await systemStatus(rt.database.db);
    if (values.json) {
      io.out(JSON.stringify({ engine: rt.database.engine, location: rt.database.location, applied: m.applied.map((a) => ({ version: a.version, name: a.name, appliedAt: a.applied_at })), pending: m.pending.map((p) => p.file), changed: m.changed, data: s.data, freshness: s.freshness }, null, 2));
    } else {
      io.out(`Engine:      ${rt.database.engine} (${rt.database.location})`);
      io.out(`Applied:     ${m.applied.map((a) => `${String(a.version).padStart(4, '0')}_${a.name}`).join(', ') || 'none'}`);
      io.out(`Pending:     ${m.pending.map((p) => p.file).join(', ') || 'none'}`);
      if (m.changed.length > 0) io.out(`CHANGED:     ${m.changed.map((c) => `${c.version} ${c.name}: ${c.reason}`).join('; ')}`);
      const d = s.data;
      io.out(`Users:       ${d.users} (${d.demoUsers} demo)   Portfolios: ${d.portfolios}   Open positions: ${d.positions}`);
      io.out(`Prices:      ${d.prices.bars} bars for ${d.prices.symbols} symbols${d.prices.firstDate ? `, ${d.prices.firstDate} to ${d.prices.lastDate}` : ''}${d.prices.synthetic ? ' (synthetic demo prices)' : ''}`);
      if (d.prices.sources.length > 0) {
        const source = (p: PriceSource) =>
          `${p.dataSource}${p.synthetic ? ' (synthetic demo prices)' : ''}: ${p.bars} bars for ${p.symbols} symbol${p.symbols === 1 ? '' : 's'}, ${p.firstDate} to ${p.lastDate}`;
        io.out(`Sources:     ${d.prices.sources.map(source).join('; ')}`);
      }
      const f = s.freshness;
      if (f?.historical) io.out(`Freshness:   historical data ending ${f.historical.endDate} (judged against that date, not today)`);
      else if (f) io.out(`Freshness:   ${f.level}: prices ${behind(f.prices)}, factor betas ${behind(f.factors)} (last session ${f.expectedDate})`);
    }
    return m.changed.length > 0 ? 1 : 0;
  } finally {
    await rt.close();
  }
}
