/**
 * Fake EODHD server: the endpoints the provider uses, in EODHD's documented JSON, from fixtures in
 * `test/fixtures/providers/eodhd/`. Knows AAPL.US only. Unknown tickers: 404 `Ticker Not Found.`
 * from /eod and /fundamentals, the all-"NA" object from /real-time, `[]` from /splits and /div.
 * A wrong token gets EODHD's plain-text `Unauthenticated` (401).
 */
import { fixtureJson, startFakeServer, type FakeReply, type FakeServer } from './fake-http-server.js';

const F = <T = unknown>(name: string) => fixtureJson<T>(`eodhd/${name}`);

function byDate<T extends { date: string }>(rows: T[], from: string | null, to: string | null): T[] {
  return rows.filter((r) => (!from || r.date >= from) && (!to || r.date <= to));
}

/** Starts the fake; `validKey` is the only token it accepts. */
export function startEodhdFake(validKey = 'test-eodhd-key'): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    if (req.query.get('api_token') !== validKey) return { status: 401, body: 'Unauthenticated' };
    const m = /^\/api\/(eod|real-time|fundamentals|splits|div)\/([^/]+)$/.exec(req.path);
    if (!m) return { status: 404, body: 'Not Found' };
    const [, endpoint, code] = m as unknown as [string, string, string];
    const known = code === 'AAPL.US';
    const from = req.query.get('from');
    const to = req.query.get('to');
    switch (endpoint) {
      case 'eod': {
        if (!known) return { status: 404, body: 'Ticker Not Found.' };
        const rows = F<{ date: string; close: number }[]>('eod-AAPL.US.json');
        if (req.query.get('filter') === 'last_close') return { body: rows[rows.length - 1]!.close };
        return { body: byDate(rows, from, to) };
      }
      case 'real-time':
        return { body: known ? F('real-time-AAPL.US.json') : { ...F<object>('real-time-unknown.json'), code } };
      case 'fundamentals':
        return known ? { body: F('fundamentals-AAPL.US.json') } : { status: 404, body: 'Ticker Not Found.' };
      case 'splits':
        return { body: known ? byDate(F<{ date: string }[]>('splits-AAPL.US.json'), from, to) : [] };
      default:
        return { body: known ? byDate(F<{ date: string }[]>('div-AAPL.US.json'), from, to) : [] };
    }
  });
}
