/**
 * Fake Polygon.io server: answers the endpoints the provider uses, in Polygon's documented JSON,
 * from fixtures in `test/fixtures/providers/polygon/`. Knows one ticker, AAPL (bars 2024-01-02 ..
 * 2024-01-08 split over two cursor pages, splits, dividends over two pages). Any other ticker gets
 * Polygon's behaviour for unknown tickers: empty 200s from list/aggregate endpoints and a 404 from
 * ticker details. A wrong key gets Polygon's 401 body.
 */
import { fixtureJson, startFakeServer, type FakeReply, type FakeServer } from './fake-http-server.js';

const F = (name: string) => fixtureJson<Record<string, unknown>>(`polygon/${name}`);

interface Agg {
  t: number;
}

function nyDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(ms));
}

function inRange(d: string, from: string | null, to: string | null): boolean {
  return (!from || d >= from) && (!to || d <= to);
}

/** Starts the fake; `validKey` is the only key it accepts. */
export function startPolygonFake(validKey = 'test-polygon-key'): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    const key = req.query.get('apiKey') ?? bearer;
    if (key !== validKey) return { status: 401, body: F('error-unknown-api-key.json') };

    const aggs = /^\/v2\/aggs\/ticker\/([^/]+)\/range\/1\/day\/([^/]+)\/([^/]+)$/.exec(req.path);
    if (aggs) {
      const [, ticker, from, to] = aggs as unknown as [string, string, string, string];
      if (ticker !== 'AAPL') return { body: { ...F('aggs-empty.json'), ticker } };
      if (req.query.get('cursor')) return { body: F('aggs-AAPL-2024-01-page2.json') };
      const p1 = F('aggs-AAPL-2024-01-page1.json');
      const p2 = F('aggs-AAPL-2024-01-page2.json');
      const all = [...(p1.results as Agg[]), ...(p2.results as Agg[])];
      const hit = all.filter((a) => inRange(nyDate(a.t), from, to));
      if (hit.length === 0) return { body: F('aggs-empty.json') };
      if (hit.length === all.length) return { body: p1 };
      return { body: { ...p1, results: hit, resultsCount: hit.length, queryCount: hit.length, count: hit.length, next_url: undefined } };
    }

    const details = /^\/v3\/reference\/tickers\/([^/]+)$/.exec(req.path);
    if (details) {
      return details[1] === 'AAPL'
        ? { body: F('ticker-AAPL.json') }
        : { status: 404, body: F('ticker-not-found.json') };
    }

    if (req.path === '/v3/reference/splits') {
      if (req.query.get('ticker') !== 'AAPL') return { body: F('list-empty.json') };
      const all = F('splits-AAPL.json');
      const results = (all.results as { execution_date: string }[]).filter((s) =>
        inRange(s.execution_date, req.query.get('execution_date.gte'), req.query.get('execution_date.lte')),
      );
      return { body: { ...all, results } };
    }

    if (req.path === '/v3/reference/dividends') {
      if (req.query.get('cursor')) return { body: F('dividends-AAPL-page2.json') };
      if (req.query.get('ticker') !== 'AAPL') return { body: F('list-empty.json') };
      const gte = req.query.get('ex_dividend_date.gte');
      const lte = req.query.get('ex_dividend_date.lte');
      const p1 = F('dividends-AAPL-page1.json');
      const p2 = F('dividends-AAPL-page2.json');
      const r1 = (p1.results as { ex_dividend_date: string }[]).filter((d) => inRange(d.ex_dividend_date, gte, lte));
      const more = (p2.results as { ex_dividend_date: string }[]).some((d) => inRange(d.ex_dividend_date, gte, lte));
      return { body: { ...p1, results: r1, next_url: more ? p1.next_url : undefined } };
    }

    return { status: 404, body: '404 page not found' };
  });
}
