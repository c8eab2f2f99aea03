import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, loadConsoleAssets, type ConsoleAsset } from '@sentinel/console';
import { SmartRouter } from 'hono/router/smart-router';
import { ADMIN_KEY, API_KEY, memoryAdapters, TENANT, testApi } from '../testing/harness.ts';

describe('GET /console: the console’s static pages', () => {
  let dir: string;
  let assets: ReadonlyMap<string, ConsoleAsset>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-'));
    await buildConsole({ outDir: dir });
    const loaded = loadConsoleAssets(dir);
    if (loaded === null) {
      throw new Error('the console build wrote no index.html');
    }
    assets = loaded;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const api = (demo: boolean, consoleAssets: ReadonlyMap<string, ConsoleAsset> | null = assets) =>
    testApi({ adapters: memoryAdapters(), demo, consoleAssets }).api.app;

  it('serves each page with a strict CSP, gzipped when asked, and 304 for a matching ETag', async () => {
    const app = api(false);
    for (const path of ['/console/', '/console/demo', '/console/analyst']) {
      const res = await app.request(path, { headers: { 'accept-encoding': 'gzip, br' } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8');
      expect(html).toMatch(/<script type="module" src="\/console\/assets\/\w+\.js"><\/script>/);
      const again = await app.request(path, {
        headers: { 'if-none-match': res.headers.get('etag') ?? '' },
      });
      expect(again.status).toBe(304);
    }
    const script = await app.request('/console/assets/demo.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-encoding')).toBeNull();
    expect((await script.text()).length).toBeGreaterThan(0);
  });

  it('redirects /console to /console/ and answers 404 problem+json for an unknown asset', async () => {
    const app = api(false);
    const redirect = await app.request('/console');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/console/');
    const missing = await app.request('/console/assets/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('routes every request with Hono’s RegExpRouter: no route pair makes the app fall back to its TrieRouter', async () => {
    // One route RegExpRouter cannot compile (a static path beside a parameter at the same place,
    // as /docs/assets/init.js was beside /docs/assets/:name) sends every request, the hot path's
    // too, through the slower TrieRouter. Every route is mounted here: the console's and the demo's.
    const app = api(true);
    expect((await app.request('/healthz')).status).toBe(200);
    const { router } = app;
    expect(router).toBeInstanceOf(SmartRouter);
    expect(router instanceof SmartRouter && router.activeRouter.name).toBe('RegExpRouter');
  });

  it('says how to build the console when it was not built', async () => {
    const res = await api(false, null).request('/console/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toContain('npm run console:build');
  });

  it('hands the page the demo tenant’s keys only in the local demo, and only over loopback', async () => {
    const demo: unknown = await (await api(true).request('/console/config.json')).json();
    expect(demo).toEqual({ demo: true, tenant: TENANT, apiKey: API_KEY, adminKey: ADMIN_KEY });
    const cloud: unknown = await (await api(false).request('/console/config.json')).json();
    expect(cloud).toEqual({ demo: false, tenant: null, apiKey: null, adminKey: null });
    // A demo listening beyond loopback hands its keys to no other machine.
    const remote = { incoming: { socket: { remoteAddress: '10.0.0.7' } } };
    const local = { incoming: { socket: { remoteAddress: '::ffff:127.0.0.1' } } };
    const asRemote: unknown = await (
      await api(true).request('/console/config.json', {}, remote)
    ).json();
    expect(asRemote).toEqual({ demo: false, tenant: null, apiKey: null, adminKey: null });
    const asLocal: unknown = await (
      await api(true).request('/console/config.json', {}, local)
    ).json();
    expect(asLocal).toMatchObject({ demo: true, apiKey: API_KEY });
  });
});
