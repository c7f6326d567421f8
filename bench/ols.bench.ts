/**
 * Batched factor regression benchmark: OLS and ridge of 5,000 symbols x 504 days on 8 factors.
 * Target: each under 1 s on one core. Synthetic, seeded data. Run: npx tsx bench/ols.bench.ts
 */
import { createRng } from '../src/analytics/random.js';
import { olsBatch, ridgeBatch } from '../src/analytics/regression.js';

const SYMBOLS = 5_000;
const DAYS = 504;
const FACTORS = 8;

function makeData(gapShare: number): { factors: Float64Array[]; ys: Float64Array[] } {
  const rng = createRng(2024);
  const factors = Array.from({ length: FACTORS }, () => rng.fillNormal(new Float64Array(DAYS)).map((v) => 0.01 * v));
  const ys = Array.from({ length: SYMBOLS }, () => {
    const betas = Array.from({ length: FACTORS }, () => rng.normal());
    const y = new Float64Array(DAYS);
    for (let t = 0; t < DAYS; t++) {
      let v = 0.015 * rng.normal();
      for (let j = 0; j < FACTORS; j++) v += betas[j] * factors[j][t];
      y[t] = v;
    }
    if (rng.uniform() < gapShare) {
      // A late listing (first 50-300 days missing) or a few scattered missing days.
      if (rng.uniform() < 0.5) y.fill(NaN, 0, 50 + Math.floor(rng.uniform() * 250));
      else for (let g = 0; g < 5; g++) y[Math.floor(rng.uniform() * DAYS)] = NaN;
    }
    return y;
  });
  return { factors, ys };
}

function time<T>(label: string, run: () => T, repeats = 5): T {
  let result = run(); // warm-up (JIT)
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    result = run();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${ms[Math.floor(repeats / 2)].toFixed(0).padStart(5)} ms   min ${ms[0].toFixed(0).padStart(5)} ms`);
  return result;
}

console.log(`batched regression: ${SYMBOLS} symbols x ${DAYS} days x ${FACTORS} factors (+ intercept), node ${process.version}`);
for (const gapShare of [0, 0.1]) {
  const { factors, ys } = makeData(gapShare);
  const tag = gapShare === 0 ? 'complete data' : '10% of symbols with gaps';
  const fits = time(`olsBatch, ${tag}`, () => olsBatch(factors, ys));
  time(`ridgeBatch (lambda 10), ${tag}`, () => ridgeBatch(factors, ys, 10));
  const ok = fits.filter((f) => f.ok).length;
  console.log(`  fitted ${ok}/${SYMBOLS}`);
}
