/**
 * The symbols of the demo world and how each moves in the synthetic factor model.
 *
 * A stock's daily return is
 *   r = drift/252 + beta x r_SPY + growth x (r_VUG - r_VTV) + momentum x (r_MTUM - r_SPY)
 *       + size x (r_IWM - r_SPY) + rates x r_TLT + oil x r_USO + e,   e ~ N(0, (idio x m_t)^2 / 252)
 * where m_t is the common volatility regime. Loadings are rough, deliberately plausible values
 * (tech loads on growth, banks on rates and value, energy on oil), not estimates of the real stocks.
 */
export interface SymbolProfile {
  symbol: string;
  name: string;
  assetType: 'equity' | 'etf';
  sector: string;
  industry: string;
  exchange: string;
  beta: number;
  growth: number;
  momentum: number;
  size: number;
  rates: number;
  oil: number;
  /** Annualized idiosyncratic volatility. */
  idio: number;
  /** Annual drift (arithmetic, decimal). */
  drift: number;
  /** Price on the generator's epoch date. */
  startPrice: number;
  /** Continuous dividend yield used to price its options. */
  dividendYield: number;
  /** Typical daily share volume. */
  volume: number;
}

/**
 * Factor ETFs: return = a + b x r_SPY + e, e ~ N(0, (s x m_t)^2 / 252). SPY itself is the
 * market: drift 8%, volatility 17% a year before the regime multiplier.
 */
export interface FactorEtfProfile {
  symbol: string;
  name: string;
  marketLoading: number;
  residualVol: number;
  drift: number;
  startPrice: number;
  volume: number;
}

export const MARKET_SYMBOL = 'SPY';
export const MARKET_VOL = 0.17;
export const MARKET_DRIFT = 0.08;
export const MARKET_START_PRICE = 268;

export const FACTOR_ETFS: readonly FactorEtfProfile[] = [
  { symbol: 'MTUM', name: 'iShares MSCI USA Momentum Factor ETF', marketLoading: 1.05, residualVol: 0.08, drift: 0.01, startPrice: 105, volume: 600_000 },
  { symbol: 'VTV', name: 'Vanguard Value ETF', marketLoading: 0.9, residualVol: 0.05, drift: 0.0, startPrice: 106, volume: 2_500_000 },
  { symbol: 'VUG', name: 'Vanguard Growth ETF', marketLoading: 1.1, residualVol: 0.05, drift: 0.015, startPrice: 140, volume: 1_100_000 },
  { symbol: 'QUAL', name: 'iShares MSCI USA Quality Factor ETF', marketLoading: 0.98, residualVol: 0.035, drift: 0.005, startPrice: 83, volume: 1_300_000 },
  { symbol: 'IWM', name: 'iShares Russell 2000 ETF', marketLoading: 1.1, residualVol: 0.11, drift: -0.02, startPrice: 153, volume: 25_000_000 },
  { symbol: 'SPLV', name: 'Invesco S&P 500 Low Volatility ETF', marketLoading: 0.65, residualVol: 0.06, drift: 0.0, startPrice: 48, volume: 2_000_000 },
  { symbol: 'TLT', name: 'iShares 20+ Year Treasury Bond ETF', marketLoading: -0.15, residualVol: 0.14, drift: -0.02, startPrice: 126, volume: 20_000_000 },
  { symbol: 'USO', name: 'United States Oil Fund', marketLoading: 0.45, residualVol: 0.32, drift: 0.0, startPrice: 62, volume: 4_000_000 },
];

type Row = [symbol: string, name: string, sector: string, industry: string, beta: number, growth: number, momentum: number,
  size: number, rates: number, oil: number, idio: number, drift: number, startPrice: number, dividendYield: number, volume: number];

// prettier-ignore
const STOCKS: Row[] = [
  ['AAPL', 'Apple Inc.', 'Technology', 'Consumer Electronics', 1.15, 0.5, 0.2, -0.2, 0, 0, 0.2, 0.12, 43, 0.005, 55e6],
  ['MSFT', 'Microsoft Corporation', 'Technology', 'Software - Infrastructure', 1.05, 0.5, 0.2, -0.3, 0, 0, 0.17, 0.1, 86, 0.008, 22e6],
  ['NVDA', 'NVIDIA Corporation', 'Technology', 'Semiconductors', 1.7, 0.9, 0.6, 0, 0, 0, 0.38, 0.3, 5, 0.0003, 300e6],
  ['AMZN', 'Amazon.com, Inc.', 'Consumer Cyclical', 'Internet Retail', 1.2, 0.7, 0.2, -0.2, 0, 0, 0.24, 0.09, 59, 0, 45e6],
  ['GOOGL', 'Alphabet Inc.', 'Communication Services', 'Internet Content & Information', 1.1, 0.5, 0.1, -0.2, 0, 0, 0.22, 0.1, 54, 0.004, 28e6],
  ['META', 'Meta Platforms, Inc.', 'Communication Services', 'Internet Content & Information', 1.3, 0.6, 0.3, -0.1, 0, 0, 0.32, 0.11, 181, 0.003, 15e6],
  ['TSLA', 'Tesla, Inc.', 'Consumer Cyclical', 'Auto Manufacturers', 1.9, 1.0, 0.5, 0.3, 0, 0, 0.5, 0.15, 21, 0, 90e6],
  ['AVGO', 'Broadcom Inc.', 'Technology', 'Semiconductors', 1.35, 0.5, 0.4, 0, 0, 0, 0.27, 0.2, 25, 0.013, 20e6],
  ['AMD', 'Advanced Micro Devices, Inc.', 'Technology', 'Semiconductors', 1.75, 0.8, 0.4, 0.2, 0, 0, 0.42, 0.16, 11, 0, 45e6],
  ['CRM', 'Salesforce, Inc.', 'Technology', 'Software - Application', 1.2, 0.6, 0.1, 0, 0, 0, 0.28, 0.06, 104, 0.005, 6e6],
  ['ADBE', 'Adobe Inc.', 'Technology', 'Software - Application', 1.2, 0.6, 0, -0.1, 0, 0, 0.27, 0.03, 180, 0, 3e6],
  ['NFLX', 'Netflix, Inc.', 'Communication Services', 'Entertainment', 1.3, 0.7, 0.3, 0.1, 0, 0, 0.38, 0.15, 20, 0, 4e6],
  ['NOW', 'ServiceNow, Inc.', 'Technology', 'Software - Application', 1.25, 0.7, 0.2, 0, 0, 0, 0.3, 0.13, 26, 0, 1.3e6],
  ['SHOP', 'Shopify Inc.', 'Technology', 'Software - Application', 1.8, 1.0, 0.3, 0.4, 0, 0, 0.5, 0.09, 11, 0, 9e6],
  ['PANW', 'Palo Alto Networks, Inc.', 'Technology', 'Software - Infrastructure', 1.1, 0.6, 0.3, 0.1, 0, 0, 0.32, 0.14, 25, 0, 5e6],
  ['CRWD', 'CrowdStrike Holdings, Inc.', 'Technology', 'Software - Infrastructure', 1.5, 0.9, 0.3, 0.3, 0, 0, 0.45, 0.18, 40, 0, 4e6],
  ['SNOW', 'Snowflake Inc.', 'Technology', 'Software - Application', 1.6, 1.0, 0.1, 0.4, 0, 0, 0.5, 0.0, 150, 0, 6e6],
  ['UBER', 'Uber Technologies, Inc.', 'Technology', 'Software - Application', 1.4, 0.6, 0.2, 0.3, 0, 0, 0.38, 0.05, 40, 0, 20e6],
  ['INTC', 'Intel Corporation', 'Technology', 'Semiconductors', 1.1, 0.1, -0.4, 0.1, 0, 0, 0.32, -0.08, 46, 0.015, 45e6],
  ['IBM', 'International Business Machines', 'Technology', 'Information Technology Services', 0.85, -0.3, -0.1, 0, 0, 0, 0.2, 0.04, 154, 0.04, 4e6],
  ['CSCO', 'Cisco Systems, Inc.', 'Technology', 'Communication Equipment', 0.9, -0.1, -0.1, -0.1, 0, 0, 0.19, 0.03, 38, 0.03, 18e6],
  ['QQQ', 'Invesco QQQ Trust', 'Technology', 'Exchange Traded Fund', 1.15, 0.45, 0.1, -0.1, 0, 0, 0.04, 0.02, 157, 0.006, 40e6],
  ['JPM', 'JPMorgan Chase & Co.', 'Financial Services', 'Banks - Diversified', 1.1, -0.6, 0, 0, -0.4, 0.05, 0.2, 0.08, 107, 0.022, 9e6],
  ['BAC', 'Bank of America Corporation', 'Financial Services', 'Banks - Diversified', 1.25, -0.7, 0, 0.1, -0.5, 0.05, 0.23, 0.03, 30, 0.024, 38e6],
  ['WFC', 'Wells Fargo & Company', 'Financial Services', 'Banks - Diversified', 1.2, -0.7, -0.1, 0.1, -0.5, 0.05, 0.25, 0.0, 60, 0.025, 18e6],
  ['C', 'Citigroup Inc.', 'Financial Services', 'Banks - Diversified', 1.35, -0.8, -0.1, 0.2, -0.5, 0.08, 0.27, 0.0, 74, 0.03, 15e6],
  ['GS', 'The Goldman Sachs Group, Inc.', 'Financial Services', 'Capital Markets', 1.3, -0.4, 0.1, 0.1, -0.3, 0.05, 0.24, 0.09, 250, 0.022, 2.5e6],
  ['MS', 'Morgan Stanley', 'Financial Services', 'Capital Markets', 1.35, -0.4, 0.1, 0.1, -0.3, 0.05, 0.24, 0.1, 53, 0.03, 8e6],
  ['BRK.B', 'Berkshire Hathaway Inc.', 'Financial Services', 'Insurance - Diversified', 0.85, -0.6, 0, -0.2, -0.1, 0.05, 0.13, 0.08, 198, 0, 4e6],
  ['SCHW', 'The Charles Schwab Corporation', 'Financial Services', 'Capital Markets', 1.2, -0.4, 0, 0.1, -0.6, 0, 0.28, 0.04, 52, 0.015, 9e6],
  ['XOM', 'Exxon Mobil Corporation', 'Energy', 'Oil & Gas Integrated', 0.8, -0.8, 0, 0, 0, 0.55, 0.2, 0.04, 83, 0.034, 17e6],
  ['CVX', 'Chevron Corporation', 'Energy', 'Oil & Gas Integrated', 0.85, -0.8, 0, 0, 0, 0.5, 0.19, 0.03, 125, 0.04, 9e6],
  ['COP', 'ConocoPhillips', 'Energy', 'Oil & Gas E&P', 1.0, -0.8, 0.1, 0.1, 0, 0.7, 0.24, 0.08, 55, 0.03, 7e6],
  ['EOG', 'EOG Resources, Inc.', 'Energy', 'Oil & Gas E&P', 1.0, -0.8, 0, 0.1, 0, 0.7, 0.25, 0.03, 108, 0.03, 3e6],
  ['SLB', 'Schlumberger Limited', 'Energy', 'Oil & Gas Equipment & Services', 1.15, -0.7, -0.1, 0.2, 0, 0.75, 0.3, -0.05, 67, 0.025, 10e6],
  ['PSX', 'Phillips 66', 'Energy', 'Oil & Gas Refining & Marketing', 1.0, -0.6, 0, 0.1, 0, 0.45, 0.25, 0.05, 90, 0.034, 3e6],
  ['MPC', 'Marathon Petroleum Corporation', 'Energy', 'Oil & Gas Refining & Marketing', 1.1, -0.6, 0.1, 0.1, 0, 0.5, 0.28, 0.1, 65, 0.022, 3e6],
  ['RIVN', 'Rivian Automotive, Inc.', 'Consumer Cyclical', 'Auto Manufacturers', 1.9, 1.0, -0.2, 0.6, 0, 0, 0.6, -0.2, 90, 0, 30e6],
  ['LCID', 'Lucid Group, Inc.', 'Consumer Cyclical', 'Auto Manufacturers', 1.9, 1.0, -0.2, 0.6, 0, 0, 0.62, -0.3, 20, 0, 40e6],
  ['PLTR', 'Palantir Technologies Inc.', 'Technology', 'Software - Infrastructure', 1.8, 1.0, 0.5, 0.5, 0, 0, 0.55, 0.2, 10, 0, 60e6],
  ['COIN', 'Coinbase Global, Inc.', 'Financial Services', 'Financial Data & Stock Exchanges', 2.2, 1.0, 0.4, 0.6, 0, 0, 0.65, 0.05, 250, 0, 10e6],
  ['SNAP', 'Snap Inc.', 'Communication Services', 'Internet Content & Information', 1.6, 0.8, -0.1, 0.5, 0, 0, 0.55, -0.1, 15, 0, 25e6],
  ['KO', 'The Coca-Cola Company', 'Consumer Defensive', 'Beverages - Non-Alcoholic', 0.6, -0.3, 0, -0.3, 0.2, 0, 0.13, 0.05, 46, 0.03, 13e6],
  ['PEP', 'PepsiCo, Inc.', 'Consumer Defensive', 'Beverages - Non-Alcoholic', 0.6, -0.3, 0, -0.3, 0.2, 0, 0.13, 0.04, 115, 0.03, 5e6],
  ['V', 'Visa Inc.', 'Financial Services', 'Credit Services', 1.0, 0.2, 0.1, -0.2, 0, 0, 0.17, 0.1, 114, 0.007, 7e6],
  ['MA', 'Mastercard Incorporated', 'Financial Services', 'Credit Services', 1.05, 0.2, 0.1, -0.2, 0, 0, 0.17, 0.11, 152, 0.005, 3e6],
  ['HD', 'The Home Depot, Inc.', 'Consumer Cyclical', 'Home Improvement Retail', 1.0, 0, 0, -0.1, 0.2, 0, 0.18, 0.07, 190, 0.024, 4e6],
  ['LOW', "Lowe's Companies, Inc.", 'Consumer Cyclical', 'Home Improvement Retail', 1.05, 0, 0, 0, 0.2, 0, 0.2, 0.07, 95, 0.019, 3e6],
  ['WMT', 'Walmart Inc.', 'Consumer Defensive', 'Discount Stores', 0.55, -0.2, 0.1, -0.3, 0.1, 0, 0.15, 0.09, 33, 0.013, 18e6],
  ['TGT', 'Target Corporation', 'Consumer Defensive', 'Discount Stores', 0.9, -0.1, -0.1, 0, 0.1, 0, 0.28, 0.03, 73, 0.03, 4e6],
  ['JNJ', 'Johnson & Johnson', 'Healthcare', 'Drug Manufacturers - General', 0.55, -0.4, 0, -0.3, 0.2, 0, 0.13, 0.03, 140, 0.03, 7e6],
  ['PG', 'The Procter & Gamble Company', 'Consumer Defensive', 'Household & Personal Products', 0.5, -0.3, 0, -0.3, 0.2, 0, 0.13, 0.06, 91, 0.024, 7e6],
  ['UNH', 'UnitedHealth Group Incorporated', 'Healthcare', 'Healthcare Plans', 0.75, -0.2, 0, -0.2, 0, 0, 0.22, 0.06, 220, 0.015, 4e6],
  ['LLY', 'Eli Lilly and Company', 'Healthcare', 'Drug Manufacturers - General', 0.6, 0.3, 0.5, -0.2, 0, 0, 0.25, 0.28, 84, 0.008, 3e6],
  ['COST', 'Costco Wholesale Corporation', 'Consumer Defensive', 'Discount Stores', 0.75, 0.1, 0.2, -0.2, 0, 0, 0.16, 0.17, 187, 0.006, 2e6],
  ['NEE', 'NextEra Energy, Inc.', 'Utilities', 'Utilities - Regulated Electric', 0.55, 0, 0, -0.1, 0.5, 0, 0.2, 0.06, 39, 0.028, 10e6],
  ['DUK', 'Duke Energy Corporation', 'Utilities', 'Utilities - Regulated Electric', 0.45, -0.2, 0, -0.2, 0.5, 0, 0.15, 0.04, 78, 0.04, 3e6],
  ['MCD', "McDonald's Corporation", 'Consumer Cyclical', 'Restaurants', 0.65, -0.1, 0, -0.3, 0.1, 0, 0.15, 0.08, 172, 0.023, 3e6],
  ['DIS', 'The Walt Disney Company', 'Communication Services', 'Entertainment', 1.1, 0.1, -0.2, 0.1, 0, 0, 0.26, -0.02, 111, 0.007, 9e6],
];

export const STOCK_PROFILES: readonly SymbolProfile[] = STOCKS.map(
  ([symbol, name, sector, industry, beta, growth, momentum, size, rates, oil, idio, drift, startPrice, dividendYield, volume]) => ({
    symbol, name, sector, industry, beta, growth, momentum, size, rates, oil, idio, drift, startPrice, dividendYield, volume,
    assetType: industry === 'Exchange Traded Fund' ? 'etf' : 'equity',
    exchange: ['IBM', 'JPM', 'BAC', 'WFC', 'C', 'GS', 'MS', 'BRK.B', 'SCHW', 'XOM', 'CVX', 'COP', 'EOG', 'SLB', 'PSX', 'MPC', 'KO', 'V', 'MA', 'HD', 'LOW', 'WMT', 'TGT', 'JNJ', 'PG', 'UNH', 'LLY', 'NEE', 'DUK', 'MCD', 'DIS', 'SNAP', 'PLTR', 'UBER', 'SHOP', 'NOW', 'CRM'].includes(symbol) ? 'NYSE' : 'NASDAQ',
  }),
);

/** Every symbol the generator can price: SPY, the factor ETFs and the stocks. */
export function demoSymbols(): string[] {
  return [MARKET_SYMBOL, ...FACTOR_ETFS.map((f) => f.symbol), ...STOCK_PROFILES.map((s) => s.symbol)];
}

const STOCKS_BY_SYMBOL = new Map(STOCK_PROFILES.map((s) => [s.symbol, s]));

export function stockProfile(symbol: string): SymbolProfile | undefined {
  return STOCKS_BY_SYMBOL.get(symbol);
}

/** Sector and industry of any demo symbol (ETFs are reported as 'ETF'). */
export function classification(symbol: string): { sector: string; industry: string; name: string; assetType: 'equity' | 'etf' } | undefined {
  const s = STOCKS_BY_SYMBOL.get(symbol);
  if (s) return { sector: s.sector, industry: s.industry, name: s.name, assetType: s.assetType };
  if (symbol === MARKET_SYMBOL) return { sector: 'ETF', industry: 'Exchange Traded Fund', name: 'SPDR S&P 500 ETF Trust', assetType: 'etf' };
  const f = FACTOR_ETFS.find((e) => e.symbol === symbol);
  return f ? { sector: 'ETF', industry: 'Exchange Traded Fund', name: f.name, assetType: 'etf' } : undefined;
}
