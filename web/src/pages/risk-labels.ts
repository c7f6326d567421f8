/** Labels shared by the Risk and Stress pages. */

const FACTOR_LABEL: Record<string, string> = {
  market: 'Market', momentum: 'Momentum', value: 'Value', growth: 'Growth', quality: 'Quality', size: 'Size',
  low_volatility: 'Low volatility', interest_rate: 'Interest rate', oil: 'Oil',
};

/** A factor's name for people ("low_volatility" → "Low volatility"). */
export function factorLabel(name: string): string {
  return FACTOR_LABEL[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

const METHOD_LABEL: Record<string, string> = { historical: 'Historical', gaussian: 'Gaussian', modified: 'Modified (Cornish-Fisher)', monte_carlo: 'Monte Carlo' };
export const methodLabel = (m: string): string => METHOD_LABEL[m] ?? m;

const GROUP_LABEL: Record<string, string> = { sector: 'Sector', industry: 'Industry', tag: 'Tag', positionType: 'Type', underlying: 'Underlying' };
export const groupLabel = (g: string): string => GROUP_LABEL[g] ?? g;

/** An OCC option symbol with its padding collapsed ("SPY   261218P00570000" → "SPY 261218P00570000"). */
export const shortSymbol = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Chart colors of the dark theme. */
export const COLORS = { accent: '#38bdf8', pos: '#22c55e', neg: '#ef4444', muted: '#94a3b8', text: '#cbd5e1', line: '#22304d', violet: '#a78bfa', amber: '#f59e0b' };
