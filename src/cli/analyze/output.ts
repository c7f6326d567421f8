/**
 * Printing for `sigmasight analyze`: JSON (full precision, for scripts and checks) or plain-text tables.
 */
import type { CliIo } from '../cli-io.js';

/**
 * Prints `value` as indented JSON. Numbers keep full double precision (JavaScript's shortest
 * round-trip form); typed arrays become arrays; NaN and +-Infinity (e.g. the t-statistic of an exact
 * fit) become null, since JSON has no such numbers.
 */
export function printJson(io: CliIo, value: unknown): void {
  io.out(
    JSON.stringify(
      value,
      (_key, v: unknown) => {
        if (typeof v === 'number' && !Number.isFinite(v)) return null;
        if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
        return v;
      },
      2,
    ),
  );
}

/** A number for a table: `digits` significant digits, no exponent for ordinary magnitudes, '-' for null. */
export function formatNumber(x: number | null | undefined, digits = 6): string {
  if (x === null || x === undefined) return '-';
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e12) {
    const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
    return x.toFixed(Math.min(decimals, 20)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  }
  return x.toExponential(digits - 1);
}

/** A fraction as a percentage ('12.34%' with the default two decimals), '-' for null. */
export function formatPercent(x: number | null | undefined, decimals = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return formatNumber(x);
  return `${(x * 100).toFixed(decimals)}%`;
}

/**
 * Aligned columns: the first column left-aligned, the others right-aligned (they hold numbers),
 * two spaces between columns, and a rule under the header.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => (r[j] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Label / value lines with the values lined up. */
export function renderPairs(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${(k + ':').padEnd(width + 1)}  ${v}`).join('\n');
}
