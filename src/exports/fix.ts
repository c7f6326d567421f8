/**
 * FIX 4.4 NewOrderSingle (35=D) messages for what-if trades, one per trade, SOH-delimited.
 *
 * Header: BeginString (8) FIX.4.4, BodyLength (9) = the bytes after 9's delimiter up to and including
 * the delimiter before CheckSum, MsgType (35) D, SenderCompID (49), TargetCompID (56), MsgSeqNum (34)
 * from 1, SendingTime (52) in UTC (YYYYMMDD-HH:MM:SS.sss). Body: ClOrdID (11) unique per trade and
 * export, HandlInst (21) 1, Symbol (55), Side (54), TransactTime (60) UTC, OrderQty (38) (shares or
 * contracts), OrdType (40) 1 market or 2 limit with Price (44). Options add SecurityType (167) OPT,
 * PutOrCall (201: 0 put, 1 call), StrikePrice (202), MaturityMonthYear (200) and MaturityDate (541),
 * the underlying as NoUnderlyings (711) = 1 with UnderlyingSymbol (311), and PositionEffect (77)
 * O(pen)/C(lose); stocks have SecurityType CS.
 * Trailer: CheckSum (10) = the sum of every byte before it, modulo 256, as three digits.
 *
 * Side: a buy is 1; a sale is 2 when it closes or reduces a long, 5 (sell short) when it opens or
 * adds to a short stock position; a sale of more shares than are held is two orders (the held shares
 * sold, the rest sold short). Options: PositionEffect C for the contracts that reduce the position
 * held (the book and the earlier trades), O for the rest, again two orders when a trade does both.
 */
export const SOH = '\x01';

export interface FixOrder {
  clOrdId: string;
  symbol: string;
  /** Signed: > 0 buys, < 0 sells. */
  quantity: number;
  /** Limit price; null for a market order. */
  limitPrice: number | null;
  side: '1' | '2' | '5';
  /** Options: the contract; null for a stock. */
  option: { underlying: string; right: 'CALL' | 'PUT'; strike: number; expiry: string } | null;
  /** Options and closes: O or C. */
  positionEffect: 'O' | 'C' | null;
}

/** UTC time as FIX's UTCTimestamp with milliseconds. */
export function fixTime(t: Date): string {
  const iso = t.toISOString(); // 2026-12-06T23:10:00.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 23)}`;
}

/** A number without exponent or trailing zeros (FIX's float fields). */
function fixNumber(x: number): string {
  const s = x.toFixed(8).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** The byte sum of `s` (ASCII), modulo 256, as FIX's three-digit CheckSum. */
export function fixChecksum(s: string): string {
  let sum = 0;
  for (const b of Buffer.from(s, 'latin1')) sum += b;
  return String(sum % 256).padStart(3, '0');
}

/** One complete message from its body fields (header and trailer added). */
export function fixMessage(fields: readonly [number, string][], header: { sender: string; target: string; seq: number; sendingTime: Date }): string {
  for (const [tag, value] of fields) {
    if (value.includes(SOH) || value === '') throw new Error(`FIX field ${tag} is empty or holds the delimiter: ${JSON.stringify(value)}`);
  }
  const body = [[35, 'D'], [49, header.sender], [56, header.target], [34, String(header.seq)], [52, fixTime(header.sendingTime)], ...fields]
    .map(([t, v]) => `${t}=${v}${SOH}`).join('');
  const head = `8=FIX.4.4${SOH}9=${Buffer.byteLength(body, 'latin1')}${SOH}`;
  return `${head}${body}10=${fixChecksum(head + body)}${SOH}`;
}

/** NewOrderSingle fields of one order (without header and trailer). */
export function newOrderSingleFields(o: FixOrder, transactTime: Date): [number, string][] {
  const f: [number, string][] = [[11, o.clOrdId], [21, '1']];
  if (o.option) {
    const ymd = o.option.expiry.replaceAll('-', '');
    // The underlying in the UnderlyingInstrument group (NoUnderlyings 711 = 1).
    f.push([55, o.option.underlying], [167, 'OPT'], [200, ymd.slice(0, 6)], [541, ymd], [201, o.option.right === 'CALL' ? '1' : '0'], [202, fixNumber(o.option.strike)], [711, '1'], [311, o.option.underlying]);
  } else {
    f.push([55, o.symbol], [167, 'CS']);
  }
  f.push([54, o.side], [60, fixTime(transactTime)], [38, fixNumber(Math.abs(o.quantity))]);
  if (o.limitPrice === null) f.push([40, '1']);
  else f.push([40, '2'], [44, fixNumber(o.limitPrice)]);
  if (o.positionEffect) f.push([77, o.positionEffect]);
  return f;
}

/** The messages of `orders`, sequence numbers from 1, joined (each ends with its SOH). */
export function fixOrders(orders: readonly FixOrder[], settings: { sender: string; target: string }, now = new Date()): string {
  return orders.map((o, i) => fixMessage(newOrderSingleFields(o, now), { ...settings, seq: i + 1, sendingTime: now })).join('');
}
