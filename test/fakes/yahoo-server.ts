/**
 * Fake Yahoo Finance chart server: `/v8/finance/chart/{symbol}` in Yahoo's JSON, from fixtures in
 * `test/fixtures/providers/yahoo/`. Knows AAPL: `range=5d` gives the quote chart (Jan 2024);
 * `period1`/`period2` slice the Aug 2020 chart (with a dividend, a 4:1 split and a day of nulls),
 * or give Yahoo's empty result (meta, no timestamps) when nothing is in range. Other symbols get
 * Yahoo's 404 `chart.error` "Not Found" body.
 */
import { fixtureJson, startFakeServer, type FakeReply, type FakeServer } from './fake-http-server.js';

interface Chart {
  chart: {
    result: {
      timestamp?: number[];
      events?: Record<string, Record<string, { date: number }>>;
      indicators: { quote: Record<string, (number | null)[]>[]; adjclose?: { adjclose: (number | null)[] }[] };
    }[];
  };
}

/** Starts the fake. */
export function startYahooFake(): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    const m = /^\/v8\/finance\/chart\/([^/]+)$/.exec(req.path);
    if (!m) return { status: 404, body: 'Not Found' };
    if (decodeURIComponent(m[1]!) !== 'AAPL') return { status: 404, body: fixtureJson('yahoo/chart-not-found.json') };
    if (req.query.get('range') === '5d') return { body: fixtureJson('yahoo/chart-AAPL-5d.json') };
    const p1 = Number(req.query.get('period1') ?? 0);
    const p2 = Number(req.query.get('period2') ?? Number.MAX_SAFE_INTEGER);
    const chart = fixtureJson<Chart>('yahoo/chart-AAPL-2020-08.json');
    const r = chart.chart.result[0]!;
    const keep = (r.timestamp ?? []).map((t) => t >= p1 && t < p2);
    if (!keep.some(Boolean)) return { body: fixtureJson('yahoo/chart-AAPL-empty.json') };
    const pick = <T>(xs: T[]) => xs.filter((_, i) => keep[i]);
    r.timestamp = pick(r.timestamp ?? []);
    for (const q of r.indicators.quote) for (const k of Object.keys(q)) q[k] = pick(q[k]!);
    for (const a of r.indicators.adjclose ?? []) a.adjclose = pick(a.adjclose);
    for (const kind of Object.keys(r.events ?? {})) {
      const ev = r.events![kind]!;
      for (const k of Object.keys(ev)) if (ev[k]!.date < p1 || ev[k]!.date >= p2) delete ev[k];
    }
    return { body: chart };
  });
}
