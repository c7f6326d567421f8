/**
 * Fake Yahoo Finance, serving both hosts the provider talks to, from fixtures in
 * `test/fixtures/providers/yahoo/`:
 *
 * - The session host (fc.yahoo.com), at `/`: a 404 HTML page that sets an `A3` cookie, as Yahoo
 *   does. With `session.issueCookies = false` it answers the same 404 without a cookie.
 * - `/v1/test/getcrumb`: with a cookie the fake issued, a crumb as text/plain; otherwise 401.
 * - `/v10/finance/quoteSummary/{symbol}?modules=...&crumb=...`: needs a cookie the fake issued and
 *   the crumb issued for that cookie, else 401 with Yahoo's `finance.error` "Invalid Cookie" /
 *   "Invalid Crumb" body. Knows AAPL and SPY and returns only the requested modules; other symbols
 *   get Yahoo's 404 `quoteSummary.error` "Not Found" body.
 * - `/v8/finance/chart/{symbol}` (no session needed, as at Yahoo): knows AAPL: `range=5d` gives the
 *   quote chart (Jan 2024); `period1`/`period2` slice the Aug 2020 chart (with a dividend, a 4:1
 *   split and a day of nulls), or give Yahoo's empty result (meta, no timestamps) when nothing is
 *   in range. Other symbols get Yahoo's 404 `chart.error` "Not Found" body.
 *
 * Tests expire crumbs or cookies ({@link YahooFakeServer.expireCrumbs}) the way Yahoo does without
 * notice, or make every crumb invalid (`session.honourCrumbs = false`).
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

interface QuoteSummary {
  quoteSummary: { result: Record<string, unknown>[]; error: null };
}

/** The fake, with handles on its session state. */
export interface YahooFakeServer extends FakeServer {
  /** Switches tests flip; both true by default. */
  session: {
    /** The session host sets the A3 cookie (false: 404 without Set-Cookie, a refused client). */
    issueCookies: boolean;
    /** quoteSummary accepts the crumbs it issued (false: every crumb gets "Invalid Crumb"). */
    honourCrumbs: boolean;
  };
  /** Forgets every crumb issued so far (cookies stay valid), as when Yahoo rotates crumbs. */
  expireCrumbs(): void;
  /** Forgets every cookie and crumb issued so far. */
  expireCookies(): void;
  /** Cookies issued so far (the A3 values), oldest first. */
  readonly issuedCookies: readonly string[];
  /** Crumbs issued so far, oldest first. */
  readonly issuedCrumbs: readonly string[];
}

const SUMMARIES: Record<string, string> = {
  AAPL: 'yahoo/quoteSummary-AAPL.json',
  SPY: 'yahoo/quoteSummary-SPY.json',
};

/** The A3 value in a Cookie request header, if any. */
function a3Of(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const part of text.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'A3') return rest.join('=');
  }
  return undefined;
}

/** Starts the fake. */
export async function startYahooFake(): Promise<YahooFakeServer> {
  const session = { issueCookies: true, honourCrumbs: true };
  const cookies = new Set<string>();
  /** crumb -> the cookie it was issued for */
  const crumbs = new Map<string, string>();
  const issuedCookies: string[] = [];
  const issuedCrumbs: string[] = [];

  const cookieHost = (): FakeReply => {
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (session.issueCookies) {
      const n = issuedCookies.length + 1;
      const value = `d=AQABBFAKE${String(n).padStart(4, '0')}EgEBAQ&S=AQAAAfake${n}`;
      cookies.add(value);
      issuedCookies.push(value);
      headers['set-cookie'] =
        `A3=${value}; Expires=Fri, 10 Jan 2025 12:00:00 GMT; Max-Age=31557600; Domain=.yahoo.com; Path=/; SameSite=None; Secure; HttpOnly`;
    }
    return { status: 404, headers, body: '<!doctype html><html><body>404 Not Found</body></html>' };
  };

  const getCrumb = (cookie: string | undefined): FakeReply => {
    if (cookie === undefined || !cookies.has(cookie)) {
      return { status: 401, body: fixtureJson('yahoo/error-invalid-cookie.json') };
    }
    // Real crumbs are 11 characters and may contain '/' and '.', which must be URL-encoded.
    const crumb = `Fk/${String(issuedCrumbs.length + 1).padStart(3, '0')}.Q9zY`;
    crumbs.set(crumb, cookie);
    issuedCrumbs.push(crumb);
    return { status: 200, body: crumb };
  };

  const quoteSummary = (symbol: string, query: URLSearchParams, cookie: string | undefined): FakeReply => {
    if (cookie === undefined || !cookies.has(cookie)) {
      return { status: 401, body: fixtureJson('yahoo/error-invalid-cookie.json') };
    }
    const crumb = query.get('crumb');
    if (!session.honourCrumbs || crumb === null || crumbs.get(crumb) !== cookie) {
      return { status: 401, body: fixtureJson('yahoo/error-invalid-crumb.json') };
    }
    const modules = (query.get('modules') ?? '').split(',').filter((m) => m !== '');
    if (modules.length === 0) {
      return {
        status: 400,
        body: { quoteSummary: { result: null, error: { code: 'Bad Request', description: 'Missing value for the "modules" argument' } } },
      };
    }
    const file = SUMMARIES[symbol];
    if (!file) {
      const body = fixtureJson<{ quoteSummary: { error: { description: string } } }>('yahoo/quoteSummary-not-found.json');
      body.quoteSummary.error.description = `Quote not found for symbol: ${symbol}`;
      return { status: 404, body };
    }
    const summary = fixtureJson<QuoteSummary>(file);
    const full = summary.quoteSummary.result[0]!;
    summary.quoteSummary.result[0] = Object.fromEntries(Object.entries(full).filter(([k]) => modules.includes(k)));
    return { body: summary };
  };

  const chart = (symbol: string, query: URLSearchParams): FakeReply => {
    if (symbol !== 'AAPL') return { status: 404, body: fixtureJson('yahoo/chart-not-found.json') };
    if (query.get('range') === '5d') return { body: fixtureJson('yahoo/chart-AAPL-5d.json') };
    const p1 = Number(query.get('period1') ?? 0);
    const p2 = Number(query.get('period2') ?? Number.MAX_SAFE_INTEGER);
    const c = fixtureJson<Chart>('yahoo/chart-AAPL-2020-08.json');
    const r = c.chart.result[0]!;
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
    return { body: c };
  };

  const server = await startFakeServer((req): FakeReply => {
    if (req.path === '/') return cookieHost();
    const cookie = a3Of(req.headers.cookie);
    if (req.path === '/v1/test/getcrumb') return getCrumb(cookie);
    const qs = /^\/v10\/finance\/quoteSummary\/([^/]+)$/.exec(req.path);
    if (qs) return quoteSummary(decodeURIComponent(qs[1]!), req.query, cookie);
    const ch = /^\/v8\/finance\/chart\/([^/]+)$/.exec(req.path);
    if (ch) return chart(decodeURIComponent(ch[1]!), req.query);
    return { status: 404, body: 'Not Found' };
  });

  return Object.assign(server, {
    session,
    expireCrumbs() {
      crumbs.clear();
    },
    expireCookies() {
      cookies.clear();
      crumbs.clear();
    },
    issuedCookies,
    issuedCrumbs,
  });
}
