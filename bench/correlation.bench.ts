/**
 * Correlation / covariance benchmark: 500 assets x 252 days. Target: correlation under 1 s on one core.
 * Synthetic, seeded data (one common factor plus noise). Run: npx tsx bench/correlation.bench.ts
 */
import { correlationMatrix } from '../src/analytics/correlation.js';
import { covarianceMatrix, ewmaCovariance, ledoitWolf } from '../src/analytics/covariance.js';
import { createRng } from '../src/analytics/random.js';

const ASSETS = 500;
const DAYS = 252;

const rng = createRng(7);
const market = rng.fillNormal(new Float64Array(DAYS));
const columns = Array.from({ length: ASSETS }, () => {
  const beta = 0.5 + rng.uniform();
  return Float64Array.from(market, (m) => 0.01 * (beta * m + rng.normal()));
});
const gappy = columns.map((c) => {
  const g = Float64Array.from(c);
  for (let k = 0; k < 5; k++) g[Math.floor(rng.uniform() * DAYS)] = NaN;
  return g;
});

function time(label: string, run: () => unknown, repeats = 5): void {
  run();
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${ms[Math.floor(repeats / 2)].toFixed(0).padStart(5)} ms   min ${ms[0].toFixed(0).padStart(5)} ms`);
}

console.log(`${ASSETS} assets x ${DAYS} days, node ${process.version}`);
time('correlationMatrix (complete data)', () => correlationMatrix(columns));
time('correlationMatrix pairwise (5 NaN per asset)', () => correlationMatrix(gappy, { missing: 'pairwise' }));
time('covarianceMatrix (sample)', () => covarianceMatrix(columns));
time('ewmaCovariance (lambda 0.94)', () => ewmaCovariance(columns));
time('ledoitWolf (identity target)', () => ledoitWolf(columns));
