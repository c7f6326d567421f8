/**
 * Seeded pseudo-random numbers for reproducible simulation (Monte Carlo VaR, the synthetic demo market).
 *
 * Generator: xoshiro128** (Blackman and Vigna), 32-bit state words seeded through splitmix32, period 2^128 - 1.
 * Uniforms are 53-bit doubles in [0, 1) built from two 32-bit outputs; normals come from the polar
 * Marsaglia method with the spare value kept. The same seed gives the same sequence on every platform.
 *
 * @example
 * const rng = createRng(42);
 * const z = rng.normal(); // standard normal draw
 */
export interface Rng {
  /** Uniform double in [0, 1). */
  uniform(): number;
  /** Standard normal draw, mean 0 and variance 1. */
  normal(): number;
  /** Fills `out` with standard normal draws and returns it. */
  fillNormal(out: Float64Array): Float64Array;
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a seeded generator; `seed` is any integer (taken modulo 2^32). */
export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  let a = init(), b = init(), c = init(), d = init();
  if ((a | b | c | d) === 0) a = 1;
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a; d ^= b; b ^= c; a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const uniform = (): number => {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  let spare: number | null = null;
  const normal = (): number => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u: number, v: number, s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    spare = v * m;
    return u * m;
  };
  return {
    uniform,
    normal,
    fillNormal(out: Float64Array): Float64Array {
      for (let i = 0; i < out.length; i++) out[i] = normal();
      return out;
    },
  };
}

const NORMAL_CACHE_LIMIT = 4_000_000;
const normalCache = new Map<number, Float64Array>();

/**
 * The first `count` standard normal draws of `createRng(seed)`, in order (draw i equals the i-th
 * `normal()` of a fresh generator). Streams of up to 4 million draws are kept per seed and shared
 * between calls, so simulations that reuse a seed (every portfolio's Monte Carlo VaR) draw once per
 * process. The returned array is shared: read it, never write it.
 */
export function normalDraws(seed: number, count: number): Float64Array {
  const cached = normalCache.get(seed);
  if (cached && cached.length >= count) return cached.subarray(0, count);
  const out = createRng(seed).fillNormal(new Float64Array(Math.max(count, Math.min(NORMAL_CACHE_LIMIT, (cached?.length ?? 0) * 2))));
  if (out.length <= NORMAL_CACHE_LIMIT) {
    if (normalCache.size >= 4 && !normalCache.has(seed)) normalCache.delete(normalCache.keys().next().value as number);
    normalCache.set(seed, out);
  }
  return out.subarray(0, count);
}

const COLUMN_CACHE_LIMIT = 32 * 1024 * 1024;
const columnCache = new Map<string, Float64Array>();
let columnCacheBytes = 0;

/**
 * The first `rows * cols` standard normal draws of `createRng(seed)` ({@link normalDraws}) read as a
 * rows x cols matrix in row order (draw s * cols + j is element (s, j)), returned column after column:
 * element (s, j) is at j * rows + s. A simulation that runs over its draws one variable at a time
 * (each column a long contiguous run) reads the same numbers as one that runs draw by draw. Kept per
 * (seed, rows, cols), up to 32 MB in all per thread (the least recently used dropped first). The returned array
 * is shared: read it, never write it.
 */
export function normalDrawsByColumn(seed: number, rows: number, cols: number): Float64Array {
  const key = `${seed}:${rows}:${cols}`;
  const cached = columnCache.get(key);
  if (cached) {
    columnCache.delete(key);
    columnCache.set(key, cached);
    return cached;
  }
  const z = normalDraws(seed, rows * cols);
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let s = 0, at = j, to = j * rows; s < rows; s++, at += cols) out[to + s] = z[at];
  if (out.byteLength <= COLUMN_CACHE_LIMIT) {
    while (columnCacheBytes + out.byteLength > COLUMN_CACHE_LIMIT) {
      const [oldest, dropped] = columnCache.entries().next().value as [string, Float64Array];
      columnCache.delete(oldest);
      columnCacheBytes -= dropped.byteLength;
    }
    columnCache.set(key, out);
    columnCacheBytes += out.byteLength;
  }
  return out;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Stable 32-bit seed from a string (FNV-1a), so a symbol name can seed its own stream. */
export function seedFromString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
