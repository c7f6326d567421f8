/** Number formats of the dashboard: money, percentages, plain numbers; a dash for a missing value. */
const money0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const money2 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export const DASH = '—';
const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

/** $1,234,567 (whole dollars); `cents` for $12.34. */
export function money(v: number | null | undefined, options: { cents?: boolean; signed?: boolean } = {}): string {
  if (missing(v)) return DASH;
  const s = (options.cents ? money2 : money0).format(v);
  return options.signed && v > 0 ? `+${s}` : s;
}
/** $1.2M */
export const moneyShort = (v: number | null | undefined): string => (missing(v) ? DASH : compact.format(v));
/** 12.34% from 0.1234. */
export function pct(v: number | null | undefined, options: { digits?: number; signed?: boolean } = {}): string {
  if (missing(v)) return DASH;
  const s = `${(v * 100).toFixed(options.digits ?? 2)}%`;
  return options.signed && v > 0 ? `+${s}` : s;
}
export const num = (v: number | null | undefined, digits = 2): string => (missing(v) ? DASH : v.toFixed(digits));
export const count = (v: number | null | undefined): string => (missing(v) ? DASH : plain.format(v));
/** 'pos' or 'neg' for coloring a signed figure. */
export const tone = (v: number | null | undefined): string => (missing(v) || v === 0 ? '' : v > 0 ? 'pos' : 'neg');
