import type { PositionType } from '../db/schema.js';

/** Contract multiplier: 100 shares per listed equity option, 1 for stocks. */
export function contractMultiplier(type: PositionType): number {
  return type === 'LC' || type === 'LP' || type === 'SC' || type === 'SP' ? 100 : 1;
}

export function isOptionType(type: PositionType): boolean {
  return contractMultiplier(type) === 100;
}

/** Long types carry a positive quantity, short types a negative one (see migration 0001). */
export function isShortType(type: PositionType): boolean {
  return type === 'SHORT' || type === 'SC' || type === 'SP';
}

export interface Valuation {
  marketValue: number;
  unrealizedPnl: number;
  /** Unrealized P&L over the absolute cost basis |q| x entry x multiplier; null when the basis is 0. */
  unrealizedPnlPct: number | null;
}

/**
 * Values a position with the signed-quantity convention:
 *   market value   = q x price x multiplier           (negative for shorts)
 *   unrealized P&L = q x (price - entry) x multiplier  (a short gains when the price falls)
 *   P&L %          = unrealized P&L / (|q| x entry x multiplier)
 * Dollars are rounded to cents, the percentage to 6 decimals of a fraction.
 *
 * @example valuePosition('SHORT', -100, 50, 45) // { marketValue: -4500, unrealizedPnl: 500, unrealizedPnlPct: 0.1 }
 */
export function valuePosition(type: PositionType, quantity: number, entryPrice: number, price: number): Valuation {
  const m = contractMultiplier(type);
  const marketValue = quantity * price * m;
  const pnl = quantity * (price - entryPrice) * m;
  const basis = Math.abs(quantity) * entryPrice * m;
  return {
    marketValue: Math.round(marketValue * 100) / 100,
    unrealizedPnl: Math.round(pnl * 100) / 100,
    unrealizedPnlPct: basis > 0 ? Math.round((pnl / basis) * 1e6) / 1e6 : null,
  };
}
