/**
 * Writes test/golden/symbol-prices.csv: adjusted closes of four synthetic demo stocks from
 * 2023-09-01 to 2024-12-31 (src/demo/synthetic-market.ts), with XOM's closes of 2024-06-10..12
 * left out so the factor-exposure golden test covers a symbol with a gap. Input of
 * factor_exposures_oracle.py beside test/golden/factor-prices.csv.
 *
 *   npx tsx test/golden/oracles/export_symbol_prices.ts > test/golden/symbol-prices.csv
 */
import { generateMarket } from '../../../src/demo/synthetic-market.js';

const FROM = '2023-09-01';
const THROUGH = '2024-12-31';
const SYMBOLS = ['AAPL', 'JPM', 'XOM', 'NFLX'];
const GAP = new Set(['2024-06-10', '2024-06-11', '2024-06-12']);
const market = generateMarket(THROUGH);
const lines = ['symbol,date,adj_close'];
for (const s of SYMBOLS) {
  for (const b of market.bars.get(s)!) if (b.date >= FROM && !(s === 'XOM' && GAP.has(b.date))) lines.push(`${s},${b.date},${b.adjustedClose}`);
}
process.stdout.write(lines.join('\n') + '\n');
