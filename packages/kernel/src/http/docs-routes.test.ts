import { Hono } from 'hono';
import { SmartRouter } from 'hono/router/smart-router';
import { describe, expect, it } from 'vitest';
import { docsRoutes } from './docs-routes.ts';

describe('docsRoutes', () => {
  it('serves the page, Swagger UI from the installed package and its init script', async () => {
    const app = docsRoutes('Sentinel test');
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Sentinel test</title>');
    expect(html).not.toMatch(/https?:\/\//);
    const css = await app.request('/docs/assets/swagger-ui.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=86400');
    const cssBytes = new Uint8Array(await css.arrayBuffer());
    expect(cssBytes.byteLength).toBeGreaterThan(10_000);
    // Read once, on the first request; every later response carries the same bytes, whole.
    for (let again = 0; again < 2; again += 1) {
      const repeat = await app.request('/docs/assets/swagger-ui.css');
      expect(new Uint8Array(await repeat.arrayBuffer())).toEqual(cssBytes);
    }
    const bundle = await app.request('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    const init = await app.request('/docs/assets/init.js');
    expect(init.headers.get('content-type')).toBe('text/javascript');
    expect(await init.text()).toBe(
      "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });",
    );
    expect((await app.request('/docs/assets/swagger-ui.js.map')).status).toBe(404);
    // Names of an object's own prototype are not assets either.
    expect((await app.request('/docs/assets/constructor')).status).toBe(404);
    expect((await app.request('/docs/assets/__proto__')).status).toBe(404);
  });

  it('leaves an app that mounts them on Hono’s RegExpRouter', async () => {
    // A static route beside a parameter route at the same place is a pair RegExpRouter cannot
    // compile; SmartRouter then sends every request of the whole app through its TrieRouter.
    const app = new Hono();
    app.get('/healthz', (c) => c.text('ok'));
    app.get('/v1/things/:id', (c) => c.text(c.req.param('id')));
    app.route('/', docsRoutes('Sentinel test'));
    expect(await (await app.request('/v1/things/7')).text()).toBe('7');
    const { router } = app;
    expect(router).toBeInstanceOf(SmartRouter);
    expect(router instanceof SmartRouter && router.activeRouter.name).toBe('RegExpRouter');
  });
});
