import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concentration, diversificationScore, exposureSummary, exposuresBy, UNCLASSIFIED, UNTAGGED, type ExposurePosition } from './exposures.js';
import { createMatrix, matrixFromRows } from './linear-algebra.js';
import { positionRisk, type MarketContext, type RiskPosition } from './option-positions.js';

const market: MarketContext = { valuationDate: '2024-01-02', rate: 0.05, spots: { AAPL: 100, MSFT: 400, XOM: 50 }, realizedVolatility: { AAPL: 0.2, MSFT: 0.25, XOM: 0.3 } };
const meta: Record<string, { sector?: string; tags?: string[] }> = {
  s1: { sector: 'Technology', tags: ['core', 'growth'] },
  p1: { sector: 'Technology', tags: ['hedge'] },
  s2: { sector: 'Technology', tags: ['core'] },
  s3: { sector: 'Energy' },
  c1: {},
};
const book: RiskPosition[] = [
  { kind: 'stock', id: 's1', underlying: 'AAPL', quantity: 1000 },
  { kind: 'option', id: 'p1', underlying: 'AAPL', right: 'put', strike: 95, expiry: '2024-06-21', quantity: 5 },
  { kind: 'stock', id: 's2', underlying: 'MSFT', quantity: -200 },
  { kind: 'stock', id: 's3', underlying: 'XOM', quantity: 800 },
  { kind: 'option', id: 'c1', underlying: 'XOM', right: 'call', strike: 55, expiry: '2024-03-15', quantity: -4 },
];
const positions: ExposurePosition[] = book.map((p) => ({ ...positionRisk(p, market), ...meta[p.id] }));

describe('exposureSummary', () => {
  it('splits long and short by market value and by delta, with options at delta x qty x mult x S', () => {
    const s = exposureSummary(positions, 100_000);
    const put = positions[1], call = positions[4];
    expect(put.marketValue).toBeGreaterThan(0); // a long put is long premium...
    expect(put.deltaDollars).toBeLessThan(0); // ...and short delta
    expect(s.long).toBeCloseTo(100_000 + put.marketValue + 40_000, 8);
    expect(s.short).toBeCloseTo(-80_000 + call.marketValue, 8);
    expect(s.gross).toBeCloseTo(s.long - s.short, 8);
    expect(s.net).toBeCloseTo(s.long + s.short, 8);
    expect(s.deltaLong).toBeCloseTo(100_000 + 40_000, 8);
    expect(s.deltaShort).toBeCloseTo(-80_000 + put.deltaDollars + call.deltaDollars, 8);
    expect(s.grossLeverage).toBeCloseTo(s.gross / 100_000, 12);
    expect(s.positions).toBe(5);
  });
});

describe('exposuresBy', () => {
  it('groups by sector, tag and underlying', () => {
    const bySector = exposuresBy(positions, 'sector');
    expect(bySector.map((g) => g.key).sort()).toEqual(['(unclassified)', 'Energy', 'Technology'].sort());
    expect(bySector.find((g) => g.key === 'Technology')?.positions).toBe(3);
    expect(bySector.find((g) => g.key === UNCLASSIFIED)?.positions).toBe(1);
    const byTag = exposuresBy(positions, 'tag');
    expect(byTag.find((g) => g.key === 'core')?.positions).toBe(2);
    expect(byTag.find((g) => g.key === UNTAGGED)?.positions).toBe(2);
    const byU = exposuresBy(positions, 'underlying');
    const aapl = byU.find((g) => g.key === 'AAPL');
    expect(aapl?.deltaNet).toBeCloseTo(100_000 + positions[1].deltaDollars, 8);
    // underlying groups partition the book: their sums equal the total
    const total = exposureSummary(positions);
    expect(byU.reduce((s, g) => s + g.deltaNet, 0)).toBeCloseTo(total.deltaNet, 6);
    expect(byU.reduce((s, g) => s + g.gross, 0)).toBeCloseTo(total.gross, 6);
  });
});

describe('concentration', () => {
  it('computes HHI, effective N and top-N on net delta exposure per underlying', () => {
    const c = concentration([
      { id: 'a', underlying: 'A', marketValue: 500, deltaDollars: 500 },
      { id: 'b', underlying: 'B', marketValue: -300, deltaDollars: -300 },
      { id: 'c', underlying: 'C', marketValue: 200, deltaDollars: 200 },
    ]);
    expect(c.hhi).toBeCloseTo(0.25 + 0.09 + 0.04, 14);
    expect(c.effectiveN).toBeCloseTo(1 / 0.38, 12);
    expect(c.top3).toBeCloseTo(1, 14);
    expect(c.weights.map((w) => w.underlying)).toEqual(['A', 'B', 'C']);
  });
  it('nets hedges on the same underlying and bounds HHI in [1/N, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }), (xs) => {
        if (xs.every((x) => x === 0)) return true;
        const ps = xs.map((x, i) => ({ id: `p${i}`, underlying: `U${i}`, marketValue: x, deltaDollars: x }));
        const c = concentration(ps);
        const nonZero = xs.filter((x) => x !== 0).length;
        return c.hhi <= 1 + 1e-12 && c.hhi >= 1 / nonZero - 1e-12 && c.top10 >= c.top3 - 1e-15 && c.top10 <= 1 + 1e-12;
      }),
    );
    const hedged = concentration([
      { id: 'a', underlying: 'A', marketValue: 500, deltaDollars: 500 },
      { id: 'h', underlying: 'A', marketValue: 20, deltaDollars: -400 },
      { id: 'b', underlying: 'B', marketValue: 100, deltaDollars: 100 },
    ]);
    expect(hedged.hhi).toBeCloseTo(0.5, 14);
    expect(() => concentration([{ id: 'h', underlying: 'A', marketValue: 1, deltaDollars: 0 }])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('diversificationScore', () => {
  it('is 0 for one exposure, 1 - 1/sqrt(N) for N equal independent ones, 1 for a perfect hedge', () => {
    expect(diversificationScore([5], createMatrix(1, 1, [0.04])).score).toBe(0);
    const eye = createMatrix(4, 4, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(diversificationScore([1, 1, 1, 1], eye).score).toBeCloseTo(0.5, 14);
    const h = diversificationScore([1, -1], matrixFromRows([[1, 1], [1, 1]]));
    expect(h.score).toBe(1);
    expect(h.diversificationRatio).toBeNull();
    expect(() => diversificationScore([0, 0], createMatrix(2, 2, [1, 0, 0, 1]))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
  it('stays in [0, 1] for any exposures and covariance', () => {
    const n = 4;
    fc.assert(
      fc.property(
        // Dollar exposures: tiny (subnormal) values would underflow sum |x_i| sigma_i to 0, so snap them to 0.
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v)), { minLength: n, maxLength: n }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n }),
        (x, a) => {
          const cov = createMatrix(n, n);
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
            let s = i === j ? 1e-8 : 0;
            for (let k = 0; k < n; k++) s += a[i * n + k] * a[j * n + k];
            cov.data[i * n + j] = s;
          }
          if (x.every((v) => v === 0)) return true;
          const d = diversificationScore(x, cov);
          return d.score >= 0 && d.score <= 1 && Math.abs(d.score - (1 - d.portfolioVolatility / d.weightedVolatility)) < 1e-15;
        },
      ),
    );
  });
});
