import { describe, expect, it } from 'vitest';
import { normalizePosition, type PositionInput } from './position-input.js';

const TODAY = '2026-12-04';
const ok = (input: PositionInput) => {
  const r = normalizePosition(input, TODAY);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.row;
};
const problems = (input: PositionInput) => {
  const r = normalizePosition(input, TODAY);
  return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
};
const stock = { symbol: 'aapl', quantity: 100, entry_price: 150, entry_date: '2026-01-05' };

describe('normalizePosition', () => {
  it('stores stocks upper-cased with the quantity sign of their type', () => {
    expect(ok(stock)).toMatchObject({ symbol: 'AAPL', position_type: 'LONG', quantity: 100, investment_class: 'PUBLIC', underlying_symbol: null, exit_price: null });
    expect(ok({ ...stock, quantity: -100 })).toMatchObject({ position_type: 'SHORT', quantity: -100 });
    expect(ok({ ...stock, position_type: 'SHORT' })).toMatchObject({ position_type: 'SHORT', quantity: -100 });
    expect(ok({ ...stock, position_type: 'LONG', quantity: -5 })).toMatchObject({ position_type: 'LONG', quantity: 5 });
    expect(ok({ ...stock, investment_class: 'PRIVATE' }).investment_class).toBe('PRIVATE');
  });

  it('reads an option from its OCC symbol, compact or padded, and checks fields given beside it', () => {
    expect(ok({ ...stock, symbol: 'AAPL  270115C00150000', quantity: -3 })).toMatchObject({
      symbol: 'AAPL270115C00150000', position_type: 'SC', quantity: -3, investment_class: 'OPTIONS', underlying_symbol: 'AAPL', strike_price: 150, expiration_date: '2027-01-15', option_type: 'CALL',
    });
    expect(problems({ ...stock, symbol: 'AAPL270115C00150000', strike_price: 155, option_type: 'PUT' })).toEqual(['strike_price:mismatch', 'option_type:mismatch']);
    expect(problems({ ...stock, symbol: 'AAPL270115C00150000', position_type: 'LP' })).toEqual(['position_type:mismatch']);
    expect(problems({ ...stock, symbol: 'AAPL270115C00150000', position_type: 'LONG' })).toEqual(['position_type:mismatch']);
  });

  it('builds the OCC symbol of an option given by its four fields', () => {
    expect(ok({ symbol: 'SPY', quantity: 2, entry_price: 4.5, entry_date: '2026-11-02', strike_price: 432.5, expiration_date: '2026-12-18', option_type: 'PUT' }))
      .toMatchObject({ symbol: 'SPY261218P00432500', position_type: 'LP', underlying_symbol: 'SPY', strike_price: 432.5 });
    expect(problems({ quantity: 2, entry_price: 4.5, entry_date: '2026-11-02', position_type: 'LC' }))
      .toEqual(['underlying_symbol:required', 'strike_price:required', 'expiration_date:required', 'option_type:required']);
    expect(problems({ symbol: 'SPY', quantity: 2, entry_price: 1, entry_date: '2026-11-02', strike_price: 0.0001, expiration_date: '2026-02-30', option_type: 'CALL' }))
      .toEqual(['strike_price:invalid', 'expiration_date:invalid']);
  });

  it('names every bad field: quantity, prices, dates in the future or out of order, half an exit', () => {
    expect(problems({ symbol: '', quantity: 0, entry_price: -1, entry_date: '2026-12-05' }))
      .toEqual(['symbol:required', 'quantity:invalid', 'entry_price:invalid', 'entry_date:future']);
    expect(problems({ ...stock, exit_price: 160 })).toEqual(['exit_date:required']);
    expect(problems({ ...stock, exit_price: 160, exit_date: '2025-12-31' })).toEqual(['exit_date:before_entry']);
    expect(problems({ ...stock, symbol: 'BAD$SYM' })).toEqual(['symbol:invalid']);
    expect(problems({ ...stock, entry_date: '05/01/2026' })).toEqual(['entry_date:invalid']);
    expect(ok({ ...stock, exit_price: 160, exit_date: '2026-06-01' })).toMatchObject({ exit_price: 160, exit_date: '2026-06-01' });
  });
});
