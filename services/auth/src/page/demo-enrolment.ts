import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AuthEnv } from '../http/env.ts';
import { AuthError } from '../http/problem.ts';
import { securityHeaders } from './security-headers.ts';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Enrol a passkey (local demo)</title>
<link rel="stylesheet" href="/challenge-assets/step-up.css">
<script defer src="/challenge-assets/simplewebauthn-browser.js"></script>
<script defer src="/demo/enrol.js"></script>
</head>
<body>
<main>
<h1>Enrol a passkey</h1>
<p>Local demo only: in production the bank's app enrols passkeys through the user routes with
its API key.</p>
<form data-id="enrol-form">
<label>Customer <input data-id="user" value="demo-alice" maxlength="128"></label>
<button type="submit" data-id="enrol">Create a passkey</button>
</form>
<p data-id="outcome" role="status" aria-live="polite"></p>
</main>
</body>
</html>
`;

// Only what enrolling a passkey takes: its two ceremony steps and the list to check it.
const ALLOWED = [
  ['POST', /^\/demo\/users\/[^/]+\/passkeys\/options$/],
  ['POST', /^\/demo\/users\/[^/]+\/passkeys$/],
  ['GET', /^\/demo\/users\/[^/]+\/factors$/],
] as const;

/**
 * A local-only page that lets a browser enrol a passkey for a customer of ONE demo tenant with no
 * API key (`npm start` sets `AUTH_DEMO_ENROLMENT_TENANT`; unset, none of this is mounted and the
 * paths answer 404). `GET /demo/enrol`, and under `/demo/users/{userId}` the factors module's own
 * passkey registration routes for that tenant — nothing else (no TOTP, no deletion). A plain Hono
 * app, so these paths stay out of the service's OpenAPI document.
 */
export function demoEnrolmentRoutes(opts: {
  readonly tenant: string;
  readonly userRoutes: Hono<AuthEnv>;
}): Hono<AuthEnv> {
  const headers = securityHeaders([]);
  const script = readFileSync(new URL('./assets/demo-enrol.js', import.meta.url), 'utf8');
  const app = new Hono<AuthEnv>();
  app.get('/demo/enrol', (c) => c.html(PAGE, 200, headers));
  app.get('/demo/enrol.js', (c) =>
    c.body(script, 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }),
  );
  app.use('/demo/users/*', async (c, next) => {
    if (!ALLOWED.some(([method, path]) => c.req.method === method && path.test(c.req.path))) {
      throw new AuthError('RESOURCE.NOT_FOUND', 'No such endpoint');
    }
    c.set('tenant', opts.tenant);
    await next();
  });
  app.route('/demo/users', opts.userRoutes);
  return app;
}
