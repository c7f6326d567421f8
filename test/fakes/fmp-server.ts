/**
 * Fake Financial Modeling Prep server: the `/api/v3` endpoints the provider uses, in FMP's
 * documented JSON, from fixtures in `test/fixtures/providers/fmp/`. Knows AAPL only; any other
 * symbol gets FMP's answers for unknown symbols (`{}` from historical endpoints, `[]` from quote and
 * profile). A wrong key gets FMP's 401 `{"Error Message": ...}` body.
 */
import { fixtureJson, startFakeServer, type FakeReply, type FakeServer } from './fake-http-server.js';

const F = (name: string) => fixtureJson<Record<string, unknown>>(`fmp/${name}`);

/** Starts the fake; `validKey` is the only key it accepts. */
export function startFmpFake(validKey = 'test-fmp-key'): Promise<FakeServer> {
  return startFakeServer((req): FakeReply => {
    if (req.query.get('apikey') !== validKey) return { status: 401, body: F('error-invalid-api-key.json') };
    const m = /^\/api\/v3\/(historical-price-full\/stock_split|historical-price-full\/stock_dividend|historical-price-full|quote|profile)\/([^/]+)$/.exec(
      req.path,
    );
    if (!m) return { status: 404, body: { 'Error Message': 'Not Found' } };
    const [, endpoint, symbol] = m as unknown as [string, string, string];
    const known = symbol === 'AAPL';
    switch (endpoint) {
      case 'historical-price-full/stock_split':
        return { body: known ? F('stock-split-AAPL.json') : F('empty-object.json') };
      case 'historical-price-full/stock_dividend':
        return { body: known ? F('stock-dividend-AAPL.json') : F('empty-object.json') };
      case 'historical-price-full': {
        if (!known) return { body: F('empty-object.json') };
        const from = req.query.get('from') ?? '0000-00-00';
        const to = req.query.get('to') ?? '9999-99-99';
        const all = F('historical-price-full-AAPL.json');
        const rows = (all.historical as { date: string }[]).filter((r) => r.date >= from && r.date <= to);
        return { body: rows.length ? { symbol, historical: rows } : F('empty-object.json') };
      }
      case 'quote':
        return { body: known ? fixtureJson('fmp/quote-AAPL.json') : fixtureJson('fmp/empty-array.json') };
      default:
        return { body: known ? fixtureJson('fmp/profile-AAPL.json') : fixtureJson('fmp/empty-array.json') };
    }
  });
}
