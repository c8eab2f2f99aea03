import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { securityHeaders } from './security-headers.ts';

/** The page's HTML: static, no inline script; the challenge id comes from the path in the browser. */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Confirm your payment</title>
<link rel="stylesheet" href="/challenge-assets/step-up.css">
<script defer src="/challenge-assets/simplewebauthn-browser.js"></script>
<script defer src="/challenge-assets/step-up.js"></script>
</head>
<body>
<main>
<h1>Confirm your payment</h1>
<section class="payment">
<div>Amount: <span class="amount" data-id="amount">…</span></div>
<div>To: <span data-id="payee">…</span></div>
<div>Status: <span data-id="status">…</span></div>
</section>
<button type="button" data-id="passkey" hidden>Confirm with your passkey</button>
<form data-id="code-form" hidden>
<label>Method <select data-id="method"></select></label>
<button type="button" data-id="send">Send a code</button>
<label>Code <input data-id="code" inputmode="numeric" autocomplete="one-time-code" maxlength="10"></label>
<button type="submit">Confirm</button>
</form>
<p data-id="outcome" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;

function asset(relative: string): string {
  return readFileSync(new URL(relative, import.meta.url), 'utf8');
}

/**
 * The page a customer passes a step-up on (issue 11, item 9): `GET /challenge/{id}` with the client
 * secret in the URL fragment, and its assets under `/challenge-assets/` — SimpleWebAuthn's browser
 * bundle is served from node_modules (no CDN). It calls the challenge routes of the same origin.
 * `frameAncestors`: origins allowed to embed the page (the console), besides this one.
 */
export function pageRoutes(opts: { readonly frameAncestors?: readonly string[] } = {}): Hono {
  const headers = securityHeaders(opts.frameAncestors ?? []);
  const require = createRequire(import.meta.url);
  // The package exports only its modules; its browser bundle sits beside them.
  const entry = require.resolve('@simplewebauthn/browser');
  const bundlePath = join(dirname(entry), '..', 'dist', 'bundle', 'index.umd.min.js');
  const assets: Record<string, { body: string; type: string }> = {
    'step-up.js': { body: asset('./assets/step-up.js'), type: 'text/javascript; charset=utf-8' },
    'step-up.css': { body: asset('./assets/step-up.css'), type: 'text/css; charset=utf-8' },
    'simplewebauthn-browser.js': {
      body: readFileSync(bundlePath, 'utf8'),
      type: 'text/javascript; charset=utf-8',
    },
  };
  const app = new Hono();
  app.get('/challenge/:id', (c) => c.html(PAGE, 200, headers));
  app.get('/challenge-assets/:name', (c) => {
    const found = assets[c.req.param('name')];
    return found === undefined
      ? c.notFound()
      : c.body(found.body, 200, { ...headers, 'content-type': found.type });
  });
  return app;
}
