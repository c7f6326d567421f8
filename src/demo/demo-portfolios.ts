import type { PositionType, TagType } from '../db/schema.js';

/**
 * The addendum's three demo users (section 5.1, password demo123) and their portfolios
 * (section 5.2). Stock positions are sized in dollars at their entry price; options in contracts.
 * Entry dates are trading days counted back from the seed date; entry prices are the demo
 * market's close on that day, so P&L is real arithmetic on the generated prices.
 */
export const DEMO_PASSWORD = 'demo123';

export interface DemoTag {
  name: string;
  type: TagType;
  color: string;
  description: string;
}

export interface DemoStock {
  kind: 'stock';
  symbol: string;
  side: 'LONG' | 'SHORT';
  /** Dollars at entry (absolute). */
  dollars: number;
  /** Trading days before the seed date. */
  enteredDaysAgo: number;
  tags: string[];
}

export interface DemoOption {
  kind: 'option';
  underlying: string;
  type: Extract<PositionType, 'LC' | 'LP' | 'SC' | 'SP'>;
  /** Strike as a multiple of the underlying's close on the seed date, rounded to the strike grid. */
  moneyness: number;
  /** Expiry: the third Friday of the month this many months after the seed date. */
  monthsToExpiry: number;
  /** Contracts, absolute (the sign comes from the type). */
  contracts: number;
  enteredDaysAgo: number;
  tags: string[];
}

export type DemoPosition = DemoStock | DemoOption;

export interface DemoPortfolio {
  username: string;
  email: string;
  fullName: string;
  portfolioName: string;
  description: string;
  equityBalance: number;
  tags: DemoTag[];
  positions: DemoPosition[];
}

const L = (symbol: string, dollars: number, enteredDaysAgo: number, ...tags: string[]): DemoStock =>
  ({ kind: 'stock', symbol, side: 'LONG', dollars, enteredDaysAgo, tags });
const S = (symbol: string, dollars: number, enteredDaysAgo: number, ...tags: string[]): DemoStock =>
  ({ kind: 'stock', symbol, side: 'SHORT', dollars, enteredDaysAgo, tags });
const O = (underlying: string, type: DemoOption['type'], moneyness: number, monthsToExpiry: number, contracts: number, enteredDaysAgo: number, ...tags: string[]): DemoOption =>
  ({ kind: 'option', underlying, type, moneyness, monthsToExpiry, contracts, enteredDaysAgo, tags });

export const DEMO_PORTFOLIOS: readonly DemoPortfolio[] = [
  {
    username: 'demo_growth',
    email: 'demo_growth@sigmasight.com',
    fullName: 'Demo Growth Investor',
    portfolioName: 'Growth Portfolio',
    description: 'Tech-heavy growth and momentum book with a few shorts and options; heavy NASDAQ exposure.',
    equityBalance: 2_500_000,
    tags: [
      { name: 'Core Tech', type: 'REGULAR', color: '#2563EB', description: 'Large-cap technology core holdings' },
      { name: 'Momentum', type: 'STRATEGY', color: '#16A34A', description: 'Positions held for price momentum' },
      { name: 'Semiconductors', type: 'REGULAR', color: '#9333EA', description: 'Chip makers and designers' },
      { name: 'Legacy Tech Shorts', type: 'STRATEGY', color: '#DC2626', description: 'Shorts on slow-growth incumbents' },
      { name: 'Hedges', type: 'STRATEGY', color: '#F59E0B', description: 'Downside protection' },
      { name: 'Options Overlay', type: 'STRATEGY', color: '#0891B2', description: 'Calls for upside, covered calls for income' },
    ],
    positions: [
      L('AAPL', 160_000, 480, 'Core Tech'), L('MSFT', 160_000, 470, 'Core Tech'), L('NVDA', 140_000, 400, 'Semiconductors', 'Momentum'),
      L('AMZN', 130_000, 450, 'Core Tech'), L('GOOGL', 120_000, 430, 'Core Tech'), L('META', 120_000, 380, 'Core Tech', 'Momentum'),
      L('TSLA', 90_000, 300, 'Momentum'), L('AVGO', 110_000, 350, 'Semiconductors'), L('AMD', 80_000, 260, 'Semiconductors', 'Momentum'),
      L('CRM', 80_000, 240, 'Core Tech'), L('ADBE', 70_000, 220, 'Core Tech'), L('NFLX', 80_000, 200, 'Momentum'),
      L('NOW', 80_000, 180, 'Core Tech'), L('SHOP', 60_000, 160, 'Momentum'), L('PANW', 70_000, 140, 'Momentum'),
      L('CRWD', 70_000, 120, 'Momentum'), L('SNOW', 50_000, 100, 'Momentum'), L('UBER', 70_000, 90, 'Momentum'),
      S('INTC', 90_000, 320, 'Legacy Tech Shorts'), S('IBM', 80_000, 280, 'Legacy Tech Shorts'), S('CSCO', 70_000, 250, 'Legacy Tech Shorts'),
      O('NVDA', 'LC', 1.05, 3, 20, 40, 'Options Overlay', 'Semiconductors'),
      O('AMZN', 'LC', 1.1, 6, 15, 60, 'Options Overlay'),
      O('QQQ', 'LP', 0.92, 4, 25, 30, 'Hedges'),
      O('TSLA', 'SC', 1.15, 2, 3, 20, 'Options Overlay'),
    ],
  },
  {
    username: 'demo_value',
    email: 'demo_value@sigmasight.com',
    fullName: 'Demo Value Investor',
    portfolioName: 'Value Portfolio',
    description: 'Traditional value book: financials and energy longs, shorts on richly valued growth.',
    equityBalance: 2_000_000,
    tags: [
      { name: 'Financials', type: 'REGULAR', color: '#1D4ED8', description: 'Banks, brokers and insurers' },
      { name: 'Energy', type: 'REGULAR', color: '#B45309', description: 'Integrated, E&P, services and refiners' },
      { name: 'Dividend', type: 'STRATEGY', color: '#15803D', description: 'Held for dividend yield' },
      { name: 'Overvalued Shorts', type: 'STRATEGY', color: '#B91C1C', description: 'Shorts on stretched valuations' },
    ],
    positions: [
      L('JPM', 140_000, 490, 'Financials', 'Dividend'), L('BAC', 110_000, 470, 'Financials', 'Dividend'), L('WFC', 100_000, 440, 'Financials'),
      L('C', 90_000, 410, 'Financials', 'Dividend'), L('GS', 110_000, 380, 'Financials'), L('MS', 100_000, 360, 'Financials', 'Dividend'),
      L('BRK.B', 150_000, 500, 'Financials'), L('SCHW', 80_000, 300, 'Financials'), L('XOM', 130_000, 480, 'Energy', 'Dividend'),
      L('CVX', 120_000, 460, 'Energy', 'Dividend'), L('COP', 90_000, 400, 'Energy'), L('EOG', 80_000, 350, 'Energy', 'Dividend'),
      L('SLB', 70_000, 300, 'Energy'), L('PSX', 70_000, 260, 'Energy', 'Dividend'), L('MPC', 70_000, 220, 'Energy'),
      S('RIVN', 60_000, 280, 'Overvalued Shorts'), S('LCID', 50_000, 260, 'Overvalued Shorts'), S('PLTR', 70_000, 200, 'Overvalued Shorts'),
      S('COIN', 60_000, 150, 'Overvalued Shorts'), S('SNAP', 50_000, 120, 'Overvalued Shorts'),
    ],
  },
  {
    username: 'demo_balanced',
    email: 'demo_balanced@sigmasight.com',
    fullName: 'Demo Balanced Investor',
    portfolioName: 'Balanced Portfolio',
    description: 'Mixed strategies: quality longs, pairs trades, index put hedges and option income.',
    equityBalance: 3_000_000,
    tags: [
      { name: 'Pairs: KO/PEP', type: 'STRATEGY', color: '#DC2626', description: 'Long Coca-Cola, short PepsiCo' },
      { name: 'Pairs: V/MA', type: 'STRATEGY', color: '#7C3AED', description: 'Long Visa, short Mastercard' },
      { name: 'Pairs: HD/LOW', type: 'STRATEGY', color: '#EA580C', description: "Long Home Depot, short Lowe's" },
      { name: 'Pairs: WMT/TGT', type: 'STRATEGY', color: '#0D9488', description: 'Long Walmart, short Target' },
      { name: 'Quality', type: 'REGULAR', color: '#2563EB', description: 'High-quality compounders' },
      { name: 'Defensive', type: 'REGULAR', color: '#65A30D', description: 'Staples, utilities and healthcare' },
      { name: 'Index Hedges', type: 'STRATEGY', color: '#F59E0B', description: 'Index puts against a market drawdown' },
      { name: 'Income', type: 'STRATEGY', color: '#0891B2', description: 'Covered calls and cash-secured puts' },
    ],
    positions: [
      L('KO', 120_000, 450, 'Pairs: KO/PEP', 'Defensive'), S('PEP', 120_000, 450, 'Pairs: KO/PEP'),
      L('V', 130_000, 400, 'Pairs: V/MA', 'Quality'), S('MA', 130_000, 400, 'Pairs: V/MA'),
      L('HD', 110_000, 350, 'Pairs: HD/LOW'), S('LOW', 110_000, 350, 'Pairs: HD/LOW'),
      L('WMT', 120_000, 300, 'Pairs: WMT/TGT', 'Defensive'), S('TGT', 120_000, 300, 'Pairs: WMT/TGT'),
      L('JNJ', 150_000, 490, 'Defensive', 'Quality'), L('PG', 150_000, 480, 'Defensive', 'Quality'), L('UNH', 140_000, 420, 'Quality'),
      L('LLY', 140_000, 380, 'Quality'), L('COST', 130_000, 360, 'Quality', 'Defensive'), L('NEE', 100_000, 330, 'Defensive'),
      L('DUK', 100_000, 320, 'Defensive'), L('MCD', 110_000, 280, 'Quality'), L('XOM', 100_000, 250), L('JPM', 120_000, 240, 'Quality'),
      L('AAPL', 150_000, 230, 'Quality'), S('DIS', 80_000, 200),
      O('SPY', 'LP', 0.95, 3, 20, 45, 'Index Hedges'),
      O('SPY', 'LP', 0.9, 6, 20, 45, 'Index Hedges'),
      O('QQQ', 'LP', 0.93, 4, 10, 30, 'Index Hedges'),
      O('IWM', 'LP', 0.92, 3, 15, 30, 'Index Hedges'),
      O('AAPL', 'LC', 1.05, 5, 10, 50, 'Quality'),
      O('LLY', 'LC', 1.08, 6, 8, 50, 'Quality'),
      O('XOM', 'LC', 1.05, 3, 12, 35),
      O('KO', 'SC', 1.05, 2, 10, 25, 'Income', 'Pairs: KO/PEP'),
      O('JNJ', 'SP', 0.95, 2, 8, 25, 'Income'),
      O('UNH', 'SP', 0.9, 3, 5, 25, 'Income'),
    ],
  },
];
