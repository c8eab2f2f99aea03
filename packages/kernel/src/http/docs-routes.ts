import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const;

const page = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });`;

/**
 * `/docs` of a service: Swagger UI over its `/openapi.json`, served from the installed
 * swagger-ui-dist package, not a CDN, so the docs work on an offline laptop and under a strict CSP.
 * `title` is the page's title (a fixed string of the service, never user input).
 *
 * The assets, `init.js` included, are one parameter route: a static route beside it
 * (`/docs/assets/init.js` and `/docs/assets/:name`) is a pair Hono's RegExpRouter cannot compile,
 * and one such pair makes the whole app fall back to its slower TrieRouter — for every request,
 * the hot path's included.
 */
export function docsRoutes(title: string): Hono {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  // Read on a first request, not at start: the two files are 1.9 MB that every service would
  // otherwise read before it is ready and keep for a page few of its instances ever serve.
  const files = new Map<string, { readonly body: Uint8Array<ArrayBuffer>; readonly type: string }>([
    ['init.js', { body: new TextEncoder().encode(INIT), type: 'text/javascript' }],
  ]);
  const file = (name: string) => {
    const read = files.get(name);
    if (read !== undefined || !Object.hasOwn(ASSETS, name)) {
      return read;
    }
    const type = ASSETS[name as keyof typeof ASSETS];
    const asset = { body: new Uint8Array(readFileSync(join(dir, name))), type };
    files.set(name, asset);
    return asset;
  };
  const app = new Hono();
  const html = page(title);
  app.get('/docs', (c) => c.html(html));
  app.get('/docs/assets/:name', (c) => {
    const asset = file(c.req.param('name'));
    if (asset === undefined) {
      return c.notFound();
    }
    // The same bytes for every response: nothing writes to them.
    return c.body(asset.body, 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=86400',
    });
  });
  return app;
}
