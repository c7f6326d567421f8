import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/api/server.js';
import { createTestApp } from '../support/test-app.js';
import { createTestDatabase, engineUnderTest, type TestDatabase } from '../support/test-database.js';

/** Every `src="..."` and `href="..."` of a page, in order. */
function references(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
}

/** An address another host would answer: a scheme (https:, http:) or a protocol-relative `//host`. */
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

describe(`API reference at /docs on ${engineUnderTest}`, () => {
  let t: TestDatabase;
  let app: App;

  beforeAll(async () => {
    t = await createTestDatabase();
    app = await createTestApp(t);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('answers an HTML page, under the same content security policy as the dashboard', async () => {
    for (const url of ['/docs', '/docs/']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>SigmaSight API reference</title>');
      expect(res.body).toContain('<div id="swagger-ui"></div>');
      // Helmet's policy, not a laxer one of the plugin's: scripts from this server only, none inline.
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("default-src 'self';");
      expect(csp).not.toMatch(/unsafe-eval|validator\.swagger\.io/);
      expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('serves its scripts, styles and icons from this server, referring to no other host', async () => {
    const page = (await app.inject('/docs')).body;
    const refs = references(page);
    expect(refs.filter((r) => r.endsWith('.js'))).toHaveLength(3);
    expect(refs.filter((r) => r.endsWith('.css'))).toHaveLength(2);
    for (const ref of refs) {
      expect(ref, `${ref} is on another host`).not.toMatch(EXTERNAL);
      expect(ref).toMatch(/^\/docs\/static\//);
      const res = await app.inject(ref);
      expect(res.statusCode, ref).toBe(200);
      expect(res.rawPayload.length, ref).toBeGreaterThan(0);
      if (ref.endsWith('.js')) expect(res.headers['content-type'], ref).toMatch(/javascript/);
      if (ref.endsWith('.css')) {
        expect(res.headers['content-type'], ref).toMatch(/^text\/css/);
        // Stylesheets load nothing from elsewhere: every url() is inline data or this server's.
        for (const [, target] of res.body.matchAll(/url\(\s*["']?([^"')]*)/g)) {
          expect(target.startsWith('data:') || !EXTERNAL.test(target), `${ref} loads ${target.slice(0, 60)}`).toBe(true);
        }
      }
    }
  });

  it('loads the published OpenAPI document, with no validator badge', async () => {
    const init = (await app.inject('/docs/static/swagger-initializer.js')).body;
    expect(init).toContain('"url":"/api/v1/openapi.json"');
    expect(init).toMatch(/validatorUrl: null/);
    // The reference's own routes stay out of the document it shows.
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/docs'))).toEqual([]);
    expect(Object.keys(doc.paths)).toContain('/api/v1/portfolios');
  });

  it('answers unknown paths under /docs with a 404, not the dashboard', async () => {
    for (const url of ['/docs/nothing-here', '/docs/static/missing.js']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
