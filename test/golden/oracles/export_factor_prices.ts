/**
 * Writes test/golden/factor-prices.csv: the synthetic demo market's adjusted closes of the factor
 * ETFs (the demo generator, src/demo/synthetic-market.ts) from 2023-09-01 to 2024-12-31, the input
 * of factor_covariance_oracle.py. The test stores the same bars and checks the stored adjusted
 * closes equal this file before comparing results, so the oracle reads exactly the stored prices.
 *
 *   npx tsx test/golden/oracles/export_factor_prices.ts > test/golden/factor-prices.csv
 */
import { FACTOR_ETFS, MARKET_SYMBOL } from '../../../src/demo/demo-universe.js';
import { generateMarket } from '../../../src/demo/synthetic-market.js';

const FROM = '2023-09-01';
const THROUGH = '2024-12-31';
const symbols = [MARKET_SYMBOL, ...FACTOR_ETFS.map((f) => f.symbol)];
const market = generateMarket(THROUGH);
const lines = [['date', ...symbols].join(',')];
const bars = symbols.map((s) => new Map(market.bars.get(s)!.map((b) => [b.date, b.adjustedClose])));
for (const date of market.dates) if (date >= FROM) lines.push([date, ...bars.map((m) => String(m.get(date)))].join(','));
process.stdout.write(lines.join('\n') + '\n');
